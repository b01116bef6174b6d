/**
 * Every Amazon Pay endpoint of the notes' table, once as the official SDK calls it and once as our
 * client does, with the same body (non-ASCII text wherever Amazon takes free text).
 */
import type { AmazonPayClient, RequestOptions } from "../../client"
import type { OfficialWebStoreClient, SdkResponse } from "./official-sdk"

export const NON_ASCII = "Grüße 東京 💳"
const usd = (amount: string) => ({ amount, currencyCode: "USD" })

export const IDS = {
  checkoutSession: "bd504926-f659-4ad7-a1a9-9a747aaf5275",
  chargePermission: "S01-1234567-1234567",
  charge: "S01-1234567-1234567-C123456",
  refund: "S01-1234567-1234567-R123456",
}

export interface Endpoint {
  operation: string
  method: "GET" | "POST" | "PATCH" | "DELETE"
  /** After the environment prefix, e.g. `/charges/S01-...`. */
  path: string
  body?: Record<string, unknown>
  sdk(client: OfficialWebStoreClient, headers: Record<string, string> | null): Promise<SdkResponse>
  ours(client: AmazonPayClient, options?: RequestOptions): Promise<unknown>
}

const { checkoutSession: cs, chargePermission: cp, charge: ch, refund: rf } = IDS

const bodies = {
  createCheckoutSession: {
    webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" },
    storeId: "amzn1.application-oa2-client.test",
    merchantMetadata: { merchantStoreName: "Test Shop", noteToBuyer: NON_ASCII },
  },
  updateCheckoutSession: { merchantMetadata: { merchantReferenceId: "order-1", customInformation: NON_ASCII } },
  completeCheckoutSession: { chargeAmount: usd("14.00"), totalOrderAmount: usd("14.00") },
  finalizeCheckoutSession: { chargeAmount: usd("14.00"), paymentIntent: "Authorize", shippingAddress: { name: NON_ASCII } },
  updateChargePermission: { merchantMetadata: { noteToBuyer: NON_ASCII } },
  closeChargePermission: { closureReason: NON_ASCII, cancelPendingCharges: true },
  createCharge: { chargePermissionId: cp, chargeAmount: usd("5.00"), captureNow: true, softDescriptor: "Grüße 東京" },
  captureCharge: { captureAmount: usd("5.00"), softDescriptor: "Grüße 東京 💳" },
  cancelCharge: { cancellationReason: NON_ASCII },
  createRefund: { chargeId: ch, refundAmount: usd("1.50"), softDescriptor: "Grüße 東京" },
  createDeliveryTracker: { chargePermissionId: cp, deliveryDetails: [{ trackingNumber: "1Z999AA10123456784", carrierCode: "UPS" }] },
}

export const ENDPOINTS: Endpoint[] = [
  {
    operation: "createCheckoutSession", method: "POST", path: "/checkoutSessions", body: bodies.createCheckoutSession,
    sdk: (c, h) => c.createCheckoutSession(bodies.createCheckoutSession, h),
    ours: (c, o) => c.createCheckoutSession(bodies.createCheckoutSession, o),
  },
  {
    operation: "getCheckoutSession", method: "GET", path: `/checkoutSessions/${cs}`,
    sdk: (c, h) => c.getCheckoutSession(cs, h),
    ours: (c, o) => c.getCheckoutSession(cs, o),
  },
  {
    operation: "updateCheckoutSession", method: "PATCH", path: `/checkoutSessions/${cs}`, body: bodies.updateCheckoutSession,
    sdk: (c, h) => c.updateCheckoutSession(cs, bodies.updateCheckoutSession, h),
    ours: (c, o) => c.updateCheckoutSession(cs, bodies.updateCheckoutSession, o),
  },
  {
    operation: "completeCheckoutSession", method: "POST", path: `/checkoutSessions/${cs}/complete`, body: bodies.completeCheckoutSession,
    sdk: (c, h) => c.completeCheckoutSession(cs, bodies.completeCheckoutSession, h),
    ours: (c, o) => c.completeCheckoutSession(cs, bodies.completeCheckoutSession, o),
  },
  {
    operation: "finalizeCheckoutSession", method: "POST", path: `/checkoutSessions/${cs}/finalize`, body: bodies.finalizeCheckoutSession,
    sdk: (c, h) => c.finalizeCheckoutSession(cs, bodies.finalizeCheckoutSession, h),
    ours: (c, o) => c.finalizeCheckoutSession(cs, bodies.finalizeCheckoutSession, o),
  },
  {
    operation: "getChargePermission", method: "GET", path: `/chargePermissions/${cp}`,
    sdk: (c, h) => c.getChargePermission(cp, h),
    ours: (c, o) => c.getChargePermission(cp, o),
  },
  {
    operation: "updateChargePermission", method: "PATCH", path: `/chargePermissions/${cp}`, body: bodies.updateChargePermission,
    sdk: (c, h) => c.updateChargePermission(cp, bodies.updateChargePermission, h),
    ours: (c, o) => c.updateChargePermission(cp, bodies.updateChargePermission, o),
  },
  {
    operation: "closeChargePermission", method: "DELETE", path: `/chargePermissions/${cp}/close`, body: bodies.closeChargePermission,
    sdk: (c, h) => c.closeChargePermission(cp, bodies.closeChargePermission, h),
    ours: (c, o) => c.closeChargePermission(cp, bodies.closeChargePermission, o),
  },
  {
    operation: "createCharge", method: "POST", path: "/charges", body: bodies.createCharge,
    sdk: (c, h) => c.createCharge(bodies.createCharge, h),
    ours: (c, o) => c.createCharge(bodies.createCharge, o),
  },
  {
    operation: "getCharge", method: "GET", path: `/charges/${ch}`,
    sdk: (c, h) => c.getCharge(ch, h),
    ours: (c, o) => c.getCharge(ch, o),
  },
  {
    operation: "captureCharge", method: "POST", path: `/charges/${ch}/capture`, body: bodies.captureCharge,
    sdk: (c, h) => c.captureCharge(ch, bodies.captureCharge, h),
    ours: (c, o) => c.captureCharge(ch, bodies.captureCharge, o),
  },
  {
    operation: "cancelCharge", method: "DELETE", path: `/charges/${ch}/cancel`, body: bodies.cancelCharge,
    sdk: (c, h) => c.cancelCharge(ch, bodies.cancelCharge, h),
    ours: (c, o) => c.cancelCharge(ch, bodies.cancelCharge, o),
  },
  {
    operation: "createRefund", method: "POST", path: "/refunds", body: bodies.createRefund,
    sdk: (c, h) => c.createRefund(bodies.createRefund, h),
    ours: (c, o) => c.createRefund(bodies.createRefund, o),
  },
  {
    operation: "getRefund", method: "GET", path: `/refunds/${rf}`,
    sdk: (c, h) => c.getRefund(rf, h),
    ours: (c, o) => c.getRefund(rf, o),
  },
  {
    operation: "createDeliveryTracker", method: "POST", path: "/deliveryTrackers", body: bodies.createDeliveryTracker,
    sdk: (c, h) => c.deliveryTrackers(bodies.createDeliveryTracker, h),
    ours: (c, o) => c.createDeliveryTracker(bodies.createDeliveryTracker, o),
  },
]

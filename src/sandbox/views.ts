/**
 * Records -> Amazon's JSON (field names and shapes as in Amazon Pay API v2 reference and
 * `src/lib/amazon-pay/types.ts`). Timestamps in Amazon's `20191015T204313Z` format.
 */
import type {
  Charge,
  ChargePermission,
  CheckoutSession,
  Refund,
  StatusDetails,
} from "../lib/amazon-pay/types"
import { DAY_MS, HOUR_MS } from "./clock"
import { price } from "./money"
import type { ChargePermissionRecord, ChargeRecord, CheckoutSessionRecord, RefundRecord, Status } from "./records"
import type { SandboxStore } from "./store"

export const CHECKOUT_SESSION_OPEN_MS = 24 * HOUR_MS
export const CHARGE_AUTHORIZATION_VALID_MS = 30 * DAY_MS
export const CHARGE_PERMISSION_VALID_MS = 180 * DAY_MS
/** Buyer details on a Charge Permission are readable for 30 days ("API introduction"). */
export const BUYER_DETAILS_READABLE_MS = 30 * DAY_MS

const statusDetails = (store: SandboxStore, status: Status): StatusDetails => ({
  state: status.state,
  reasonCode: status.reasonCode,
  reasonDescription: status.reasonDescription,
  lastUpdatedTimestamp: store.clock.timestamp(status.updatedAt),
})

/** The session is ready for the buyer's final leg: result URL and payment details are set. */
export function isReadyToProcess(session: CheckoutSessionRecord): boolean {
  const details = session.paymentDetails
  return Boolean(
    session.webCheckoutDetails.checkoutResultReturnUrl && details?.chargeAmount && details.paymentIntent
  )
}

export function buyerPageUrl(store: SandboxStore, sessionId: string): string {
  return `${store.settings.baseUrl()}/checkout/${encodeURIComponent(sessionId)}`
}

export function checkoutSessionView(store: SandboxStore, s: CheckoutSessionRecord): CheckoutSession {
  // A Completed session no longer carries checkout details: "null in Completed state, Get Charge
  // Permission to retrieve transaction details" (Amazon Pay "Verify & complete checkout").
  const completed = s.status.state === "Completed"
  const redirectUrl = s.status.state === "Open" && isReadyToProcess(s) ? buyerPageUrl(store, s.id) : null
  return {
    checkoutSessionId: s.id,
    webCheckoutDetails: completed ? null : { ...s.webCheckoutDetails, amazonPayRedirectUrl: redirectUrl },
    productType: "PayAndShip",
    paymentDetails: completed ? null : s.paymentDetails,
    merchantMetadata: completed ? null : s.merchantMetadata,
    supplementaryData: null,
    buyer: completed ? null : s.buyer,
    billingAddress: completed ? null : s.billingAddress,
    shippingAddress: completed ? null : s.shippingAddress,
    paymentPreferences: completed || !s.paymentDescriptor ? null : [{ paymentDescriptor: s.paymentDescriptor }],
    statusDetails: statusDetails(store, s.status),
    platformId: s.platformId,
    chargePermissionType: s.chargePermissionType,
    chargePermissionId: s.chargePermissionId,
    chargeId: s.chargeId,
    constraints: [],
    storeId: s.storeId,
    scopes: s.scopes,
    addressDetails: s.addressDetails,
    providerMetadata: s.providerMetadata ?? { providerReferenceId: null },
    deliverySpecifications: s.deliverySpecifications,
    creationTimestamp: store.clock.timestamp(s.createdAt),
    expirationTimestamp: store.clock.timestamp(s.createdAt + CHECKOUT_SESSION_OPEN_MS),
    releaseEnvironment: s.releaseEnvironment,
  }
}

/** Captured plus money held by open authorizations and pending captures (minor units). */
export function committedAmount(store: SandboxStore, permission: ChargePermissionRecord): bigint {
  let total = 0n
  for (const charge of store.chargesOf(permission)) {
    const state = charge.status.state
    if (state === "Captured" || state === "CaptureInitiated") {
      total += charge.captureAmount ?? 0n
    } else if (state === "Authorized" || state === "AuthorizationInitiated") {
      total += charge.chargeAmount
    }
  }
  return total
}

export function chargePermissionView(store: SandboxStore, p: ChargePermissionRecord): ChargePermission {
  const buyerReadable = store.now() - p.createdAt <= BUYER_DETAILS_READABLE_MS
  const balance = p.limit === null ? null : p.limit - committedAmount(store, p)
  return {
    chargePermissionId: p.id,
    chargePermissionReferenceId: null,
    chargePermissionType: p.type,
    buyer: buyerReadable ? p.buyer : null,
    shippingAddress: buyerReadable ? p.shippingAddress : null,
    billingAddress: buyerReadable ? p.billingAddress : null,
    merchantMetadata: p.merchantMetadata,
    platformId: p.platformId,
    limits:
      p.limit === null || balance === null
        ? null
        : { amountLimit: price(p.limit, p.currencyCode), amountBalance: price(balance < 0n ? 0n : balance, p.currencyCode) },
    presentmentCurrency: p.currencyCode,
    statusDetails: {
      state: p.status.state,
      reasons: p.status.reasons.length > 0 ? p.status.reasons : null,
      lastUpdatedTimestamp: store.clock.timestamp(p.status.updatedAt),
    },
    creationTimestamp: store.clock.timestamp(p.createdAt),
    expirationTimestamp: p.limit === null ? null : store.clock.timestamp(p.createdAt + CHARGE_PERMISSION_VALID_MS),
    releaseEnvironment: p.releaseEnvironment,
  }
}

export function chargeView(store: SandboxStore, c: ChargeRecord): Charge {
  return {
    chargeId: c.id,
    chargePermissionId: c.chargePermissionId,
    chargeAmount: price(c.chargeAmount, c.currencyCode),
    captureAmount: c.captureAmount === null ? null : price(c.captureAmount, c.currencyCode),
    refundedAmount: price(c.refundedAmount, c.currencyCode),
    convertedAmount: null,
    conversionRate: null,
    softDescriptor: c.softDescriptor,
    merchantMetadata: c.merchantMetadata,
    providerMetadata: { providerReferenceId: c.providerMetadata?.providerReferenceId ?? null },
    statusDetails: statusDetails(store, c.status),
    creationTimestamp: store.clock.timestamp(c.createdAt),
    expirationTimestamp: store.clock.timestamp(c.createdAt + CHARGE_AUTHORIZATION_VALID_MS),
    releaseEnvironment: c.releaseEnvironment,
  }
}

export function refundView(store: SandboxStore, r: RefundRecord): Refund {
  return {
    refundId: r.id,
    chargeId: r.chargeId,
    refundAmount: price(r.amount, r.currencyCode),
    softDescriptor: r.softDescriptor,
    statusDetails: statusDetails(store, r.status),
    creationTimestamp: store.clock.timestamp(r.createdAt),
    releaseEnvironment: r.releaseEnvironment,
  }
}

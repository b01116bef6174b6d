/** Amazon objects shaped as the API returns them, for the pure-function tests. */
import type { Charge, Price, Refund } from "../../../lib/amazon-pay/types"
import { readPaymentData, type AmazonPayPaymentData } from "../payment-data"

export const usd = (amount: string): Price => ({ amount, currencyCode: "USD" })

export function amazonCharge(id: string, state: string, amount: Price, extra: Partial<Charge> = {}): Charge {
  return {
    chargeId: id,
    chargePermissionId: "S01-1111111-2222222",
    chargeAmount: amount,
    captureAmount: null,
    refundedAmount: null,
    convertedAmount: null,
    conversionRate: null,
    softDescriptor: null,
    merchantMetadata: null,
    providerMetadata: null,
    statusDetails: { state, reasonCode: null, reasonDescription: null, lastUpdatedTimestamp: "20260101T000000Z" },
    creationTimestamp: "20260101T000000Z",
    expirationTimestamp: null,
    releaseEnvironment: "Sandbox",
    ...extra,
  }
}

export function amazonRefund(id: string, chargeId: string, amount: Price, state = "RefundInitiated"): Refund {
  return {
    refundId: id,
    chargeId,
    refundAmount: amount,
    softDescriptor: null,
    statusDetails: { state, reasonCode: null, reasonDescription: null, lastUpdatedTimestamp: "20260101T000000Z" },
    creationTimestamp: "20260101T000000Z",
    releaseEnvironment: "Sandbox",
  }
}

export function paymentData(extra: Record<string, unknown> = {}): AmazonPayPaymentData {
  return readPaymentData({
    session_id: "payses_1",
    checkoutSessionId: "cs-1",
    chargePermissionId: "S01-1111111-2222222",
    currencyCode: "USD",
    chargeAmount: usd("100.00"),
    amazonPayMode: "manual",
    ...extra,
  })
}

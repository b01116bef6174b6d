/** Amazon objects shaped as the API returns them, for the pure-function tests. */
import type { Charge, Price, Refund } from "../../../lib/amazon-pay/types"
import { readPaymentData, type AmazonPayChargeRecord, type AmazonPayPaymentData } from "../payment-data"

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
    paymentCollectionId: "pay_col_1",
    checkoutSessionId: "cs-1",
    chargePermissionId: "S01-1111111-2222222",
    currencyCode: "USD",
    chargeAmount: usd("100.00"),
    amazonPayMode: "manual",
    ...extra,
  })
}

/** The record with the charge inserted or replaced (by id), as the journal's projection would show it. */
export function withCharge(data: AmazonPayPaymentData, charge: Charge, medusaCaptureId?: string): AmazonPayPaymentData {
  const previous = data.charges.find((c) => c.chargeId === charge.chargeId)
  const record: AmazonPayChargeRecord = {
    chargeId: charge.chargeId,
    amount: charge.chargeAmount,
    state: charge.statusDetails.state,
    reasonCode: charge.statusDetails.reasonCode ?? null,
    capturedAmount: charge.captureAmount ?? null,
    refundedAmount: charge.refundedAmount ?? null,
    ...((medusaCaptureId ?? previous?.medusaCaptureId) ? { medusaCaptureId: medusaCaptureId ?? previous?.medusaCaptureId } : {}),
    createdAt: charge.creationTimestamp,
  }
  const charges = previous ? data.charges.map((c) => (c === previous ? record : c)) : [...data.charges, record]
  return { ...data, charges }
}

/** The record with the refund appended, as the journal's projection would show it. */
export function withRefund(data: AmazonPayPaymentData, refund: Refund, medusaRefundId: string): AmazonPayPaymentData {
  return {
    ...data,
    refunds: [
      ...data.refunds,
      {
        refundId: refund.refundId,
        chargeId: refund.chargeId,
        amount: refund.refundAmount,
        state: refund.statusDetails.state,
        reasonCode: refund.statusDetails.reasonCode ?? null,
        medusaRefundId,
      },
    ],
  }
}

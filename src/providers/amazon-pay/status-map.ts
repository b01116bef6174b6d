/**
 * The one table that turns an Amazon Pay object's state (and, where it matters, its reason code)
 * into a Medusa PaymentSessionStatus. State machines: Amazon Pay API v2 reference, "Checkout
 * Session", "Charge Permission", "Charge" and "Refund" > "States and reason codes".
 *
 * Lookup: the row for (object, state, reasonCode) wins over the row for (object, state, "*").
 * A state nobody listed maps to `pending` with `known: false`: an unknown state must never
 * authorize or capture an order, and must not fail one either; the caller logs it.
 */
import { PaymentSessionStatus } from "@medusajs/framework/utils"

export type AmazonObjectType = "CheckoutSession" | "ChargePermission" | "Charge" | "Refund"

type Row = readonly [AmazonObjectType, state: string, reasonCode: string, status: PaymentSessionStatus]

const S = PaymentSessionStatus

export const STATUS_TABLE: readonly Row[] = [
  // Checkout Session: Open until the buyer returns and we Complete it.
  ["CheckoutSession", "Open", "*", S.PENDING],
  // Completed means a charge permission (and charge) exist; the charge tells more (service reads it).
  ["CheckoutSession", "Completed", "*", S.AUTHORIZED],
  ["CheckoutSession", "Canceled", "BuyerCanceled", S.CANCELED],
  ["CheckoutSession", "Canceled", "Declined", S.ERROR],
  // Expired (24 h Open), AmazonCanceled, ...: nothing was charged.
  ["CheckoutSession", "Canceled", "*", S.CANCELED],

  ["Charge", "AuthorizationInitiated", "*", S.PENDING_AUTHORIZATION],
  ["Charge", "Authorized", "*", S.AUTHORIZED],
  // The money is authorized and a capture is under way (capture later than 7 days after
  // authorization may go pending): still `authorized` for Medusa until Amazon says Captured.
  ["Charge", "CaptureInitiated", "*", S.AUTHORIZED],
  ["Charge", "Captured", "*", S.CAPTURED],
  // SoftDeclined (buyer may retry), HardDeclined, AmazonRejected, ProcessingFailure, TransactionTimedOut.
  ["Charge", "Declined", "*", S.ERROR],
  // ExpiredUnused (30 days), MerchantCanceled, BuyerCanceled, AmazonCanceled, ChargePermissionCanceled.
  ["Charge", "Canceled", "*", S.CANCELED],

  ["ChargePermission", "Chargeable", "*", S.AUTHORIZED],
  // A charge is being processed on the permission: wait for it.
  ["ChargePermission", "NonChargeable", "ChargeInProgress", S.PENDING],
  // PaymentMethodInvalid/Deleted/Expired/NotAllowed/NotSet, BillingAddressDeleted, MFAFailed:
  // the buyer has to fix the payment method on Amazon before another charge can be made.
  ["ChargePermission", "NonChargeable", "*", S.REQUIRES_MORE],
  // MerchantClosed, BuyerCanceled, AmazonCanceled, AmazonClosed, Expired. (A permission that closed
  // because it was fully captured has Captured charges: the service looks at charges first.)
  ["ChargePermission", "Closed", "*", S.CANCELED],

  // A refund does not change whether the payment was captured; these rows describe the refund itself.
  ["Refund", "RefundInitiated", "*", S.PENDING],
  ["Refund", "Refunded", "*", S.CAPTURED],
  ["Refund", "Declined", "*", S.ERROR],
]

const BY_KEY = new Map<string, PaymentSessionStatus>(
  STATUS_TABLE.map(([object, state, reason, status]) => [`${object}|${state}|${reason}`, status])
)

export interface MappedStatus {
  status: PaymentSessionStatus
  /** False when neither (state, reason) nor (state, "*") is in the table. */
  known: boolean
}

export function mapAmazonStatus(
  object: AmazonObjectType,
  state: string | null | undefined,
  reasonCode?: string | null
): MappedStatus {
  const exact = reasonCode ? BY_KEY.get(`${object}|${state}|${reasonCode}`) : undefined
  const status = exact ?? BY_KEY.get(`${object}|${state}|*`)
  return status ? { status, known: true } : { status: S.PENDING, known: false }
}

/** Charge Permission reasons come as a list: the first reason with its own row decides. */
export function mapChargePermissionStatus(
  state: string | null | undefined,
  reasons: ReadonlyArray<{ reasonCode: string }> | null | undefined
): MappedStatus {
  for (const reason of reasons ?? []) {
    const status = BY_KEY.get(`ChargePermission|${state}|${reason.reasonCode}`)
    if (status) {
      return { status, known: true }
    }
  }
  return mapAmazonStatus("ChargePermission", state)
}

/**
 * Amazon objects in the journal: recording what Amazon answered (always a response or a GET, never
 * an IPN body or storefront data), bound to the payment collection, and projecting them into the
 * payment data record Medusa shows (payment-data.ts). `pending` marks what the polling job re-checks.
 */
import type { Charge, ChargePermission, CheckoutSession, Dispute, Price, Refund } from "../../../lib/amazon-pay/types"
import type { AmazonObjectRecord } from "../../../modules/amazon-pay-journal/journal-records"
import type {
  AmazonPayChargeRecord,
  AmazonPayChargebackRecord,
  AmazonPayPaymentData,
  AmazonPayRefundRecord,
} from "../payment-data"
import type { JournalPort } from "./journal-port"
import type { PaymentRef } from "./journaled-call"

/** States the polling job re-checks (Amazon settles them later and says so by IPN). */
export const PENDING_STATES: Readonly<Record<string, ReadonlySet<string>>> = {
  Charge: new Set(["AuthorizationInitiated", "CaptureInitiated"]),
  Refund: new Set(["RefundInitiated"]),
  // A dispute waits for the merchant (ActionRequired) or for Amazon's decision (UnderReview).
  Chargeback: new Set(["ActionRequired", "UnderReview"]),
}

export const TERMINAL_STATES: Readonly<Record<string, ReadonlySet<string>>> = {
  Charge: new Set(["Captured", "Declined", "Canceled"]),
  Refund: new Set(["Refunded", "Declined"]),
  Chargeback: new Set(["Closed"]),
}

const isPending = (type: string, state: string) => PENDING_STATES[type]?.has(state) ?? false

function date(timestamp: string | null | undefined): Date | null {
  const parsed = timestamp ? new Date(timestamp) : null
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : null
}

const base = (ref: PaymentRef) => ({
  payment_collection_id: ref.paymentCollectionId,
  ...(ref.paymentSessionId ? { payment_session_id: ref.paymentSessionId } : {}),
})

export function recordCheckoutSession(journal: JournalPort, ref: PaymentRef, session: CheckoutSession): Promise<AmazonObjectRecord> {
  const amount = session.paymentDetails?.chargeAmount ?? null
  return journal.recordObject({
    ...base(ref),
    amazon_id: session.checkoutSessionId,
    object_type: "CheckoutSession",
    state: session.statusDetails.state,
    reason_code: session.statusDetails.reasonCode ?? null,
    charge_permission_id: session.chargePermissionId ?? null,
    ...(amount ? { amount: amount.amount, currency_code: amount.currencyCode } : {}),
    amazon_created_at: date(session.creationTimestamp),
  })
}

export function recordPermission(journal: JournalPort, ref: PaymentRef, permission: ChargePermission): Promise<AmazonObjectRecord> {
  const limit = permission.limits?.amountLimit
  return journal.recordObject({
    ...base(ref),
    amazon_id: permission.chargePermissionId,
    object_type: "ChargePermission",
    charge_permission_id: permission.chargePermissionId,
    state: permission.statusDetails.state,
    reason_code: (permission.statusDetails.reasons ?? []).map((r) => r.reasonCode).join(",") || null,
    ...(limit ? { amount: limit.amount, currency_code: limit.currencyCode } : {}),
    amazon_created_at: date(permission.creationTimestamp),
  })
}

export function recordCharge(journal: JournalPort, ref: PaymentRef, charge: Charge, medusaCaptureId?: string | null): Promise<AmazonObjectRecord> {
  return journal.recordObject({
    ...base(ref),
    amazon_id: charge.chargeId,
    object_type: "Charge",
    charge_permission_id: charge.chargePermissionId,
    medusa_ref_id: medusaCaptureId ?? null,
    state: charge.statusDetails.state,
    reason_code: charge.statusDetails.reasonCode ?? null,
    amount: charge.chargeAmount.amount,
    currency_code: charge.chargeAmount.currencyCode,
    captured_amount: charge.captureAmount?.amount ?? null,
    refunded_amount: charge.refundedAmount?.amount ?? null,
    pending: isPending("Charge", charge.statusDetails.state),
    amazon_created_at: date(charge.creationTimestamp),
  })
}

export function recordRefund(
  journal: JournalPort,
  ref: PaymentRef,
  refund: Refund,
  chargePermissionId: string | null,
  medusaRefundId?: string | null
): Promise<AmazonObjectRecord> {
  return journal.recordObject({
    ...base(ref),
    amazon_id: refund.refundId,
    object_type: "Refund",
    charge_permission_id: chargePermissionId,
    parent_id: refund.chargeId,
    medusa_ref_id: medusaRefundId ?? null,
    state: refund.statusDetails.state,
    reason_code: refund.statusDetails.reasonCode ?? null,
    amount: refund.refundAmount.amount,
    currency_code: refund.refundAmount.currencyCode,
    pending: isPending("Refund", refund.statusDetails.state),
    amazon_created_at: date(refund.creationTimestamp),
  })
}

export function recordChargeback(journal: JournalPort, ref: PaymentRef, dispute: Dispute, chargePermissionId: string): Promise<AmazonObjectRecord> {
  const { state, resolution, reasonCode } = dispute.statusDetails
  return journal.recordObject({
    ...base(ref),
    amazon_id: dispute.disputeId,
    object_type: "Chargeback",
    charge_permission_id: chargePermissionId,
    parent_id: dispute.chargeId,
    state,
    // The outcome of a resolved dispute is what matters for the money: BuyerWon / MerchantWon.
    reason_code: resolution ?? reasonCode ?? dispute.filingReason ?? null,
    amount: dispute.disputeAmount.amount,
    currency_code: dispute.disputeAmount.currencyCode,
    pending: isPending("Chargeback", state),
    amazon_created_at: date(dispute.creationTimestamp),
  })
}

const price = (amount: string | null, currencyCode: string | null): Price | null =>
  amount !== null && currencyCode ? { amount, currencyCode } : null

const chronological = (a: AmazonObjectRecord, b: AmazonObjectRecord) =>
  (a.amazon_created_at ?? a.created_at).getTime() - (b.amazon_created_at ?? b.created_at).getTime() ||
  a.created_at.getTime() - b.created_at.getTime()

export function chargeRecordOf(object: AmazonObjectRecord): AmazonPayChargeRecord {
  return {
    chargeId: object.amazon_id,
    amount: price(object.amount, object.currency_code) as Price,
    state: object.state,
    reasonCode: object.reason_code,
    capturedAmount: price(object.captured_amount, object.currency_code),
    refundedAmount: price(object.refunded_amount, object.currency_code),
    ...(object.medusa_ref_id ? { medusaCaptureId: object.medusa_ref_id } : {}),
    createdAt: (object.amazon_created_at ?? object.created_at).toISOString(),
  }
}

export function refundRecordOf(object: AmazonObjectRecord): AmazonPayRefundRecord {
  return {
    refundId: object.amazon_id,
    chargeId: object.parent_id ?? "",
    amount: price(object.amount, object.currency_code) as Price,
    state: object.state,
    reasonCode: object.reason_code,
    medusaRefundId: object.medusa_ref_id ?? "",
  }
}

function chargebackRecordOf(object: AmazonObjectRecord): AmazonPayChargebackRecord {
  return {
    chargebackId: object.amazon_id,
    chargeId: object.parent_id ?? "",
    amount: price(object.amount, object.currency_code),
    state: object.state,
    reasonCode: object.reason_code,
  }
}

/** The charge permission a payment collection's Amazon objects belong to: the one its checkout completed with. */
export function permissionOf(objects: ReadonlyArray<AmazonObjectRecord>, chargePermissionId?: string | null): AmazonObjectRecord | undefined {
  const permissions = objects.filter((o) => o.object_type === "ChargePermission")
  return permissions.find((p) => p.amazon_id === chargePermissionId) ?? permissions.at(-1)
}

/**
 * The payment data record from the journal: the permission and its charges, refunds and
 * chargebacks, oldest first; `record` supplies the fields the journal does not hold.
 */
export function projectPaymentData(record: AmazonPayPaymentData, objects: ReadonlyArray<AmazonObjectRecord>): AmazonPayPaymentData {
  const permission = permissionOf(objects, record.chargePermissionId)
  if (!permission) {
    return record
  }
  const of = (type: string) =>
    objects.filter((o) => o.object_type === type && o.charge_permission_id === permission.amazon_id).sort(chronological)
  return {
    ...record,
    chargePermissionId: permission.amazon_id,
    chargePermissionState: permission.state,
    chargePermissionReasons: permission.reason_code ? permission.reason_code.split(",") : [],
    charges: of("Charge").map(chargeRecordOf),
    refunds: of("Refund").map(refundRecordOf),
    chargebacks: of("Chargeback").map(chargebackRecordOf),
  }
}

/**
 * Pure decisions: how Amazon's live state changes the payment data record, and which one-off
 * effects follow. Shared by the IPN subscriber and the polling job.
 *
 * Safety rules (Amazon Pay "Instant Payment Notifications": duplicates and reordering happen;
 * WooCommerce reopened cancelled orders on stale IPNs):
 * - the state always comes from a GET, never from the message, so a late IPN cannot carry an old state;
 * - a recorded terminal state is never replaced (Amazon never leaves one either);
 * - a one-off effect (refund correction, declined authorization) fires only on the transition into
 *   the terminal state as recorded in the data, so the second delivery finds nothing to do;
 * - applied NotificationIds are remembered (bounded) so an exact redelivery is skipped early.
 */
import type { Charge, ChargePermission, Price, Refund } from "../../../lib/amazon-pay/types"
import { priceFromMinor, priceToMinor } from "../amounts"
import { upsertCharge, type AmazonPayPaymentData, type AmazonPayRefundRecord } from "../payment-data"

export const TERMINAL_CHARGE_STATES: ReadonlySet<string> = new Set(["Captured", "Declined", "Canceled"])
export const TERMINAL_REFUND_STATES: ReadonlySet<string> = new Set(["Refunded", "Declined"])
/** States the polling job re-checks. */
export const PENDING_CHARGE_STATES: ReadonlySet<string> = new Set(["AuthorizationInitiated", "CaptureInitiated"])
export const PENDING_REFUND_STATE = "RefundInitiated"

const MAX_REMEMBERED_NOTIFICATIONS = 50

export interface RefundDeclined {
  /** The Medusa Refund (`ref_...`) whose money (or part of it) did not move. */
  medusaRefundId: string
  amazonRefundId: string
  declinedAmount: Price
  /** What of that Medusa refund still stands (its other pieces that were not declined). */
  standingAmount: Price
  reasonCode: string | null
}

export interface ApplyPlan {
  data: AmazonPayPaymentData
  /** True when `data` differs from the input and must be saved. */
  changed: boolean
  refundDeclined: RefundDeclined | null
}

const unchanged = (data: AmazonPayPaymentData): ApplyPlan => ({ data, changed: false, refundDeclined: null })

export function wasNotificationApplied(data: AmazonPayPaymentData, notificationId: string | undefined): boolean {
  const seen = data.ipnNotificationIds
  return Boolean(notificationId) && Array.isArray(seen) && seen.includes(notificationId)
}

export function rememberNotification(data: AmazonPayPaymentData, notificationId: string | undefined): AmazonPayPaymentData {
  if (!notificationId || wasNotificationApplied(data, notificationId)) {
    return data
  }
  const seen = Array.isArray(data.ipnNotificationIds) ? (data.ipnNotificationIds as string[]) : []
  return { ...data, ipnNotificationIds: [...seen, notificationId].slice(-MAX_REMEMBERED_NOTIFICATIONS) }
}

export function planChargeUpdate(data: AmazonPayPaymentData, charge: Charge): ApplyPlan {
  const previous = data.charges.find((c) => c.chargeId === charge.chargeId)
  const incoming = charge.statusDetails.state
  if (previous && TERMINAL_CHARGE_STATES.has(previous.state) && previous.state !== incoming) {
    return unchanged(data)
  }
  const updated = upsertCharge(data, charge)
  const after = updated.charges.find((c) => c.chargeId === charge.chargeId)
  const same = previous !== undefined && JSON.stringify(previous) === JSON.stringify(after)
  return same ? unchanged(data) : { data: updated, changed: true, refundDeclined: null }
}

function standingOf(refunds: AmazonPayRefundRecord[], medusaRefundId: string, currencyCode: string): Price {
  const minor = refunds
    .filter((r) => r.medusaRefundId === medusaRefundId && r.state !== "Declined")
    .reduce((sum, r) => sum + priceToMinor(r.amount), 0n)
  return priceFromMinor(minor, currencyCode)
}

/**
 * A refund's new state. Refunds Medusa did not make (none recorded, e.g. from Seller Central) are
 * recorded with an empty Medusa id so payment data stays true, but cause no correction.
 */
export function planRefundUpdate(data: AmazonPayPaymentData, refund: Refund): ApplyPlan {
  const previous = data.refunds.find((r) => r.refundId === refund.refundId)
  const state = refund.statusDetails.state
  if (previous && (previous.state === state || TERMINAL_REFUND_STATES.has(previous.state))) {
    return unchanged(data)
  }
  const record: AmazonPayRefundRecord = {
    refundId: refund.refundId,
    chargeId: refund.chargeId,
    amount: refund.refundAmount,
    state,
    reasonCode: refund.statusDetails.reasonCode ?? null,
    medusaRefundId: previous?.medusaRefundId ?? "",
  }
  const refunds = previous ? data.refunds.map((r) => (r === previous ? record : r)) : [...data.refunds, record]
  const updated = { ...data, refunds }
  const refundDeclined =
    state === "Declined" && record.medusaRefundId
      ? {
          medusaRefundId: record.medusaRefundId,
          amazonRefundId: record.refundId,
          declinedAmount: record.amount,
          standingAmount: standingOf(refunds, record.medusaRefundId, record.amount.currencyCode),
          reasonCode: record.reasonCode,
        }
      : null
  return { data: updated, changed: true, refundDeclined }
}

export function planPermissionUpdate(data: AmazonPayPaymentData, permission: ChargePermission): ApplyPlan {
  const state = permission.statusDetails.state
  const reasons = (permission.statusDetails.reasons ?? []).map((r) => r.reasonCode)
  if (data.chargePermissionState === "Closed" && state !== "Closed") {
    return unchanged(data)
  }
  if (data.chargePermissionState === state && JSON.stringify(data.chargePermissionReasons ?? []) === JSON.stringify(reasons)) {
    return unchanged(data)
  }
  return { data: { ...data, chargePermissionState: state, chargePermissionReasons: reasons }, changed: true, refundDeclined: null }
}

/** What a payment still waits for at Amazon: the polling job's work list for one payment. */
export function pendingAmazonObjects(data: AmazonPayPaymentData): { chargeIds: string[]; refundIds: string[] } {
  return {
    chargeIds: data.charges.filter((c) => PENDING_CHARGE_STATES.has(c.state)).map((c) => c.chargeId),
    refundIds: data.refunds.filter((r) => r.state === PENDING_REFUND_STATE).map((r) => r.refundId),
  }
}

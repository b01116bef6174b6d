/**
 * Pure decisions: how Amazon's live state of one object changes what the journal holds, and which
 * one-off effect follows. Shared by the IPN subscriber and the polling job.
 *
 * Safety rules (Amazon Pay "Instant Payment Notifications": duplicates and reordering happen;
 * WooCommerce reopened cancelled orders on stale IPNs):
 * - the state always comes from a GET, never from the message, so a late IPN cannot carry an old state;
 * - a recorded terminal state is never replaced (Amazon never leaves one either);
 * - a one-off effect (refund correction, declined authorization) fires only on the transition into
 *   the terminal state as recorded in the journal, so the second delivery finds nothing to do.
 */
import type { Price } from "../../../lib/amazon-pay/types"
import type { AmazonObjectRecord } from "../../../modules/amazon-pay-journal/journal-records"
import { priceFromMinor, priceToMinor } from "../amounts"
import { TERMINAL_STATES } from "../journal/registry"

export interface StateChange {
  /** False when the incoming state must not be recorded (it would leave a terminal state). */
  record: boolean
  /** The state the object enters with this reading, or null when it stays where it was. */
  entered: string | null
}

export function planStateChange(type: string, previousState: string | null, incomingState: string): StateChange {
  if (previousState && TERMINAL_STATES[type]?.has(previousState) && previousState !== incomingState) {
    return { record: false, entered: null }
  }
  return { record: true, entered: previousState === incomingState ? null : incomingState }
}

export interface RefundDeclined {
  /** The Medusa Refund (`ref_...`) whose money (or part of it) did not move. */
  medusaRefundId: string
  amazonRefundId: string
  declinedAmount: Price
  /** What of that Medusa refund still stands (its other pieces that were not declined). */
  standingAmount: Price
  reasonCode: string | null
}

/**
 * A refund that just turned Declined and belongs to a Medusa Refund: what to correct. Refunds
 * Medusa did not make (no Medusa refund id, e.g. from Seller Central) are recorded but corrected
 * nowhere.
 */
export function planRefundDeclined(
  refund: Pick<AmazonObjectRecord, "amazon_id" | "medusa_ref_id" | "amount" | "currency_code" | "reason_code">,
  siblings: ReadonlyArray<Pick<AmazonObjectRecord, "object_type" | "amazon_id" | "medusa_ref_id" | "state" | "amount" | "currency_code">>
): RefundDeclined | null {
  if (!refund.medusa_ref_id || refund.amount === null || !refund.currency_code) {
    return null
  }
  const currencyCode = refund.currency_code
  const standing = siblings
    .filter((o) => o.object_type === "Refund" && o.medusa_ref_id === refund.medusa_ref_id && o.amazon_id !== refund.amazon_id && o.state !== "Declined")
    .reduce((sum, o) => sum + priceToMinor({ amount: o.amount ?? "0", currencyCode }), 0n)
  return {
    medusaRefundId: refund.medusa_ref_id,
    amazonRefundId: refund.amazon_id,
    declinedAmount: { amount: refund.amount, currencyCode },
    standingAmount: priceFromMinor(standing, currencyCode),
    reasonCode: refund.reason_code,
  }
}

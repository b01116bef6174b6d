/**
 * How one Medusa refund is spread over Amazon charges. Amazon refunds a charge, not a payment
 * (Create Refund takes a `chargeId`), while a Medusa payment may have been captured by several
 * charges (one per partial capture).
 *
 * Rule: newest Captured charge first, each charge up to what is still refundable on it
 * (captured minus refunds that are initiated or done). `basis` says what counts as refunded:
 * - "amazon" (what refund.ts uses): the larger of the recorded refunds (the journal knows every
 *   refund this store made, initiated ones too) and Amazon's `refundedAmount` (what is really left);
 * - "records": only the recorded refunds.
 * Newest first keeps older charges, whose refund windows close first, untouched as long as
 * possible, and makes a refund of the last partial capture hit exactly that charge.
 */
import { MedusaError } from "@medusajs/framework/utils"
import type { Price } from "../../lib/amazon-pay/types"
import { comparePrices, priceFromMinor, priceToMinor } from "./amounts"
import { capturedCharges, type AmazonPayPaymentData, type AmazonPayRefundRecord } from "./payment-data"

export interface RefundPiece {
  chargeId: string
  amount: Price
}

/** What can still be refunded on each captured charge, newest first. */
export type RefundBasis = "records" | "amazon"

export function refundableByCharge(
  data: AmazonPayPaymentData,
  basis: RefundBasis = "amazon"
): Array<{ chargeId: string; refundable: bigint }> {
  // Only Captured charges: Amazon refuses refunds while a capture is still CaptureInitiated.
  const charges = capturedCharges(data)
    .filter((charge) => charge.state === "Captured")
    .map((charge, index) => ({ charge, index }))
    .sort((a, b) => b.charge.createdAt.localeCompare(a.charge.createdAt) || b.index - a.index)
  return charges.map(({ charge }) => {
    const recorded = data.refunds
      .filter((r) => r.chargeId === charge.chargeId && r.state !== "Declined")
      .reduce((sum, r) => sum + priceToMinor(r.amount), 0n)
    const reported = basis === "amazon" && charge.refundedAmount ? priceToMinor(charge.refundedAmount) : 0n
    const refunded = recorded > reported ? recorded : reported
    const captured = priceToMinor(charge.capturedAmount as Price)
    return { chargeId: charge.chargeId, refundable: captured > refunded ? captured - refunded : 0n }
  })
}

export function planRefund(data: AmazonPayPaymentData, amount: Price, basis: RefundBasis = "amazon"): RefundPiece[] {
  let remaining = priceToMinor(amount)
  if (remaining <= 0n) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Refund amount must be greater than 0")
  }
  const pieces: RefundPiece[] = []
  for (const { chargeId, refundable } of refundableByCharge(data, basis)) {
    if (remaining === 0n) {
      break
    }
    const piece = refundable < remaining ? refundable : remaining
    if (piece > 0n) {
      pieces.push({ chargeId, amount: priceFromMinor(piece, amount.currencyCode) })
      remaining -= piece
    }
  }
  if (remaining > 0n) {
    const available = priceFromMinor(priceToMinor(amount) - remaining, amount.currencyCode)
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Amazon Pay can refund at most ${available.amount} ${available.currencyCode} more on this payment ` +
        `(captured minus refunded), not ${amount.amount} ${amount.currencyCode}`
    )
  }
  return pieces
}

/** True when the pieces add up to `amount` (sanity check used by tests and the service). */
export function piecesTotal(pieces: RefundPiece[], amount: Price): boolean {
  const total = pieces.reduce((sum, p) => sum + priceToMinor(p.amount), 0n)
  return comparePrices(priceFromMinor(total, amount.currencyCode), amount) === 0
}

/**
 * Amazon refunds no existing Medusa Refund accounts for (a refund whose answer was lost and whose
 * Medusa row was deleted, settled since by replaying its key; a refund made in Seller Central),
 * grouped by the Medusa refund they were sent for. A new Medusa refund of exactly one group's
 * amount is that refund: it adopts the group instead of refunding again. Oldest group first.
 */
export function adoptableRefunds(
  refunds: ReadonlyArray<AmazonPayRefundRecord>,
  liveMedusaRefundIds: ReadonlySet<string>,
  amount: Price
): string[] | null {
  const groups = new Map<string, AmazonPayRefundRecord[]>()
  for (const refund of refunds) {
    if (refund.state === "Declined" || (refund.medusaRefundId && liveMedusaRefundIds.has(refund.medusaRefundId))) {
      continue
    }
    const key = refund.medusaRefundId || `amazon:${refund.refundId}`
    groups.set(key, [...(groups.get(key) ?? []), refund])
  }
  const wanted = priceToMinor(amount)
  for (const group of groups.values()) {
    if (group.reduce((sum, r) => sum + priceToMinor(r.amount), 0n) === wanted) {
      return group.map((r) => r.refundId)
    }
  }
  return null
}

/**
 * Refunding one Medusa Refund with Amazon, exactly once.
 *
 * The refund is spread over captured charges by `planRefund` (refund-plan.ts) and each piece is one
 * Create Refund. Medusa's refund id cannot be the idempotency key: when a Create Refund's answer is
 * lost after Amazon committed it (all client retries used up), the provider throws, Medusa deletes
 * its Refund row, and the admin's retry is a NEW Refund with a new id, so a key built from the id
 * would refund the money a second time. Amazon has no List Refunds API to look for it, and a
 * refund is RefundInitiated for a while, which Get Charge `refundedAmount` does not count (the
 * sandbox counts only Refunded refunds there; Amazon's reference does not say it counts pending
 * ones). Hence the rule:
 *
 *   key(piece) = sha256(charge permission, ids of the refunds recorded in the payment data,
 *                       requested amount, piece index)
 *
 * Medusa stores the returned payment data only on success, so a retry after a lost answer sees the
 * same recorded refunds, plans the same pieces (from the records alone) and sends the same keys:
 * Amazon replays the refund it already made. A legitimately new refund, even of an equal amount,
 * finds the previous one recorded (declined ones included) and gets new keys. If a retry would
 * split differently (a capture settled in between), the reused key with another body is refused by
 * Amazon (DuplicateIdempotencyKey): no money moves. Limit: Amazon keeps keys for 24 hours.
 */
import { MedusaError } from "@medusajs/framework/utils"
import type { Price } from "../../lib/amazon-pay/types"
import type { CheckoutDeps } from "./checkout"
import { asMedusa, hasReason } from "./errors"
import { stateIdempotencyKey } from "./idempotency"
import { upsertRefund, type AmazonPayPaymentData } from "./payment-data"
import { planRefund } from "./refund-plan"
import { syncWithAmazon } from "./sync"

/** The refund rule above; exported for the tests and the README. */
export function refundIdempotencyKey(data: AmazonPayPaymentData, amount: Price, index: number): string {
  const recorded = data.refunds.map((r) => r.refundId).sort()
  return stateIdempotencyKey("r", [data.chargePermissionId ?? "", recorded.join(","), amount.amount, amount.currencyCode, String(index)])
}

export async function refundWithAmazon(
  deps: CheckoutDeps,
  data: AmazonPayPaymentData,
  medusaRefundId: string,
  amount: Price
): Promise<AmazonPayPaymentData> {
  if (data.refunds.some((r) => r.medusaRefundId === medusaRefundId)) {
    return data
  }
  // Fresh charge states (a capture may have settled); the plan itself counts recorded refunds only.
  let current = await syncWithAmazon(deps.client, data)
  const pieces = planRefund(current, amount, "records")
  const softDescriptor = deps.options.softDescriptor ? { softDescriptor: deps.options.softDescriptor } : {}
  for (const [index, piece] of pieces.entries()) {
    const idempotencyKey = refundIdempotencyKey(data, amount, index)
    const refund = await asMedusa("refund the charge", async () => {
      try {
        return await deps.client.createRefund(
          { chargeId: piece.chargeId, refundAmount: piece.amount, ...softDescriptor },
          { idempotencyKey }
        )
      } catch (error) {
        if (hasReason(error, "DuplicateIdempotencyKey")) {
          throw new MedusaError(
            MedusaError.Types.CONFLICT,
            "Amazon Pay refund not sent: an earlier attempt of this refund, whose answer was lost, reached Amazon with a " +
              "different split over the charges; check the refunds in Seller Central before refunding again"
          )
        }
        throw error
      }
    })
    current = upsertRefund(current, refund, medusaRefundId)
  }
  return current
}

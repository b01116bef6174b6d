/**
 * Refunding one Medusa Refund with Amazon: spread over captured charges by `planRefund`
 * (refund-plan.ts), one Create Refund per piece with the key `<Medusa refund id>-<piece index>`, so
 * a client retry of a piece is answered from Amazon's idempotency store. Refunds are asynchronous
 * (RefundInitiated -> Refunded | Declined); each piece's state is recorded in `data.refunds`.
 */
import type { Price } from "../../lib/amazon-pay/types"
import type { CheckoutDeps } from "./checkout"
import { asMedusa } from "./errors"
import { amazonIdempotencyKey } from "./idempotency"
import { upsertRefund, type AmazonPayPaymentData } from "./payment-data"
import { planRefund } from "./refund-plan"
import { syncWithAmazon } from "./sync"

export async function refundWithAmazon(
  deps: CheckoutDeps,
  data: AmazonPayPaymentData,
  medusaRefundId: string,
  amount: Price
): Promise<AmazonPayPaymentData> {
  if (data.refunds.some((r) => r.medusaRefundId === medusaRefundId)) {
    return data
  }
  // Fresh charges: Amazon's refundedAmount counts refunds we may not have recorded.
  let current = await syncWithAmazon(deps.client, data)
  const pieces = planRefund(current, amount)
  const softDescriptor = deps.options.softDescriptor ? { softDescriptor: deps.options.softDescriptor } : {}
  for (const [index, piece] of pieces.entries()) {
    const refund = await asMedusa("refund the charge", () =>
      deps.client.createRefund(
        { chargeId: piece.chargeId, refundAmount: piece.amount, ...softDescriptor },
        { idempotencyKey: amazonIdempotencyKey(medusaRefundId, `-${index}`) }
      )
    )
    current = upsertRefund(current, refund, medusaRefundId)
  }
  return current
}

/**
 * A refund Amazon declined (Refund state Declined, Amazon Pay "Refund" > states) did not move any
 * money, but Medusa recorded it when the provider returned RefundInitiated. Medusa has no
 * "refund failed" path (Medusa issue 16398: only authorized/captured webhooks are handled), so the
 * record is corrected the same way Medusa itself undoes a refund the provider refused: the payment
 * module's `refundPayment` deletes the Refund row when the provider throws
 * (`super.deleteRefunds({ id: refund.id })` in payment-module.js). Then everything that was derived
 * from that row is recomputed:
 *
 * 1. payment module: delete the Refund row (or, when only some of its Amazon pieces were declined,
 *    set its amount to what still stands), then set the payment collection's `refunded_amount` to
 *    the sum of the remaining Refund rows (what `maybeUpdatePaymentCollection_` computes);
 * 2. order module: refundPaymentWorkflow added an order transaction (reference "refund",
 *    reference_id = Refund id) of minus the amount; soft-delete it (the order module then
 *    recomputes the summary's paid/refunded totals) and add one for the standing amount, if any;
 * 3. refundPaymentWorkflow also adds a refund credit line when nothing was owed to the buyer
 *    (core-flows refund-payment.js), as a new order version (an order change of type credit_line).
 *    When the whole Medusa refund was declined and that change is still the order's last version,
 *    the version is reverted (order module `revertLastVersion`): credit line, summary and version
 *    are exactly as before the refund. This runs BEFORE the transaction is removed, because the
 *    transaction belongs to the earlier version and removing it corrects that version's summary.
 *    Otherwise (part of the refund stands, or the order changed since), the refund's transaction is
 *    removed and, if the order then shows the store owing the buyer, a negative credit line (at most
 *    the declined amount) brings the total back.
 *
 * Every step is idempotent (a deleted row, version or transaction is not found again; the credit
 * line only compensates an existing negative difference), so a redelivered IPN changes nothing.
 */
import { MathBN } from "@medusajs/framework/utils"
import { createOrderCreditLinesWorkflow } from "@medusajs/medusa/core-flows"
import { medusaAmountOf } from "../core-webhook/webhook-action"
import type { RefundDeclined } from "./apply-plan"
import { orderOfPaymentCollection, type MedusaServices } from "../store-container/store-services"

export const REFUND_DECLINED_EVENT = "amazon-pay.refund.declined"

export interface DeclinedRefundPayment {
  id: string
  payment_collection_id: string
  currency_code: string
}

async function recomputeCollectionRefunded(services: MedusaServices, paymentCollectionId: string): Promise<void> {
  const payments = await services.payment.listPayments({ payment_collection_id: paymentCollectionId } as any, { relations: ["refunds"] })
  const refunded = payments
    .flatMap((p) => p.refunds ?? [])
    .reduce((sum, r) => MathBN.add(sum, (r as any).raw_amount ?? r.amount), MathBN.convert(0))
  await services.payment.updatePaymentCollections(paymentCollectionId, { refunded_amount: refunded } as any)
}

/** How long after its Refund row the refund workflow's credit line change can be (the same workflow run). */
const SAME_WORKFLOW_MS = 120_000

interface OrderChangeRow {
  id: string
  change_type?: string | null
  version: number
  created_at: Date | string
  actions?: Array<{ action: string; amount?: unknown; raw_amount?: unknown }>
}

/**
 * Reverts the order's last version when it is the refund credit line that refundPaymentWorkflow
 * added for this refund: a credit_line change, one CREDIT_LINE_ADD of at most the refunded amount,
 * made by the same workflow run (after the Refund row, within SAME_WORKFLOW_MS). True when reverted.
 */
async function revertRefundCreditLine(services: MedusaServices, orderId: string, refund: RefundRow, refundedAmount: string): Promise<boolean> {
  const [order] = await services.order.listOrders({ id: orderId } as never, { select: ["id", "version"] })
  const version = (order as unknown as { version?: number } | undefined)?.version ?? 1
  if (version < 2) {
    return false
  }
  const changes = (await services.order.listOrderChanges({ order_id: orderId, version } as never, {
    relations: ["actions"],
  })) as unknown as OrderChangeRow[]
  const refundedAt = new Date(refund.created_at).getTime()
  const isRefundCreditLine = (change: OrderChangeRow) => {
    const made = new Date(change.created_at).getTime()
    const [action, ...others] = change.actions ?? []
    return (
      change.change_type === "credit_line" &&
      made >= refundedAt &&
      made - refundedAt <= SAME_WORKFLOW_MS &&
      others.length === 0 &&
      action?.action === "CREDIT_LINE_ADD" &&
      MathBN.lte((action.raw_amount ?? action.amount ?? 0) as never, refundedAmount)
    )
  }
  if (changes.length !== 1 || !isRefundCreditLine(changes[0])) {
    return false
  }
  await (services.order as unknown as { revertLastVersion(id: string): Promise<void> }).revertLastVersion(orderId)
  return true
}

interface RefundRow {
  id: string
  created_at: Date | string
  amount?: unknown
  raw_amount?: unknown
}

async function correctOrder(
  services: MedusaServices,
  payment: DeclinedRefundPayment,
  declined: RefundDeclined,
  refund: RefundRow | undefined
): Promise<string | null> {
  const order = await orderOfPaymentCollection(services, payment.payment_collection_id)
  if (!order) {
    return null
  }
  const wholeRefundDeclined = !MathBN.gt(medusaAmountOf(declined.standingAmount), 0)
  const reverted =
    wholeRefundDeclined && refund && order.status !== "canceled"
      ? await revertRefundCreditLine(services, order.id, refund, medusaAmountOf(declined.declinedAmount))
      : false
  const transactions = await services.order.listOrderTransactions({
    order_id: order.id,
    reference: "refund",
    reference_id: declined.medusaRefundId,
  } as any)
  if (transactions.length) {
    await services.order.softDeleteOrderTransactions(transactions.map((t) => t.id))
    const standing = medusaAmountOf(declined.standingAmount)
    if (MathBN.gt(standing, 0)) {
      await services.order.addOrderTransactions({
        order_id: order.id,
        amount: MathBN.mult(standing, -1),
        currency_code: payment.currency_code,
        reference: "refund",
        reference_id: declined.medusaRefundId,
      } as any)
    }
  }
  if (reverted) {
    return order.id
  }
  const after = await orderOfPaymentCollection(services, payment.payment_collection_id)
  const pending = after?.summary?.raw_pending_difference ?? after?.summary?.pending_difference ?? 0
  if (after && after.status !== "canceled" && MathBN.lt(pending, 0)) {
    const owed = MathBN.mult(pending, -1)
    const declinedAmount = medusaAmountOf(declined.declinedAmount)
    const compensation = MathBN.lt(owed, declinedAmount) ? owed : MathBN.convert(declinedAmount)
    // createOrderCreditLinesWorkflow accepts a negative credit line exactly when the pending difference is negative.
    await createOrderCreditLinesWorkflow(services.container).run({
      input: {
        id: order.id,
        credit_lines: [
          { amount: MathBN.mult(compensation, -1) as any, reference: "amazon_pay_refund_declined", reference_id: declined.amazonRefundId },
        ],
      },
    })
  }
  return order.id
}

export async function correctDeclinedRefund(
  services: MedusaServices,
  payment: DeclinedRefundPayment,
  declined: RefundDeclined,
  { emit = true }: { emit?: boolean } = {}
): Promise<{ orderId: string | null }> {
  const standing = medusaAmountOf(declined.standingAmount)
  const rows = (await services.payment.listRefunds({ id: declined.medusaRefundId } as any)) as unknown as RefundRow[]
  if (rows.length) {
    if (MathBN.gt(standing, 0)) {
      await services.payment.updateRefunds({ id: declined.medusaRefundId, amount: standing })
    } else {
      await services.payment.deleteRefunds([declined.medusaRefundId])
    }
  }
  await recomputeCollectionRefunded(services, payment.payment_collection_id)
  const orderId = await correctOrder(services, payment, declined, rows[0])
  if (!emit) return { orderId }
  await services.events.emit({
    name: REFUND_DECLINED_EVENT,
    data: {
      payment_id: payment.id,
      payment_collection_id: payment.payment_collection_id,
      refund_id: declined.medusaRefundId,
      amazon_refund_id: declined.amazonRefundId,
      order_id: orderId,
      amount: medusaAmountOf(declined.declinedAmount),
      currency_code: payment.currency_code,
      reason_code: declined.reasonCode,
    },
  })
  return { orderId }
}

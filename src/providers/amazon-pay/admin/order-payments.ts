/**
 * The Amazon Pay payments of one order, as the order widget shows them (payment-view.ts). An order
 * paid otherwise has none (the widget hides itself); an unknown order is a 404.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { isAmazonPayProvider, paymentViewOf, type AmazonPayPaymentRow, type AmazonPayPaymentView } from "./payment-view"

export interface OrderAmazonPayPayment extends AmazonPayPaymentView {
  /** Medusa's amounts of the payment, for the widget's capture form (decimal strings, major units). */
  amount: string
  captured_amount: string
  refunded_amount: string
  canceled_at: string | null
}

type Amount = Parameters<typeof MathBN.convert>[0]
const decimal = (amount: Amount) => MathBN.convert(amount).toFixed()
const sum = (rows: Array<{ amount: Amount }> | undefined) => decimal(MathBN.sum(0, ...(rows ?? []).map((row) => row.amount)))

export async function orderAmazonPayPayments(container: MedusaContainer, orderId: string): Promise<OrderAmazonPayPayment[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "payment_collections.payments.*",
      "payment_collections.payments.captures.amount",
      "payment_collections.payments.refunds.amount",
    ],
    filters: { id: orderId },
  })
  const order = data[0] as { payment_collections?: Array<{ payments?: any[] }> } | undefined
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${orderId} was not found`)
  }
  const payments = (order.payment_collections ?? []).flatMap((c) => c.payments ?? []).filter((p) => isAmazonPayProvider(p.provider_id))
  return Promise.all(
    payments.map(async (p) => ({
      ...(await paymentViewOf(container, p as AmazonPayPaymentRow)),
      amount: decimal(p.amount),
      captured_amount: sum(p.captures),
      refunded_amount: sum(p.refunds),
      canceled_at: p.canceled_at ? new Date(p.canceled_at).toISOString() : null,
    }))
  )
}

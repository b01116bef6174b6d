/**
 * What the admin sees of one Amazon Pay payment: the payment data record, and from the journal the
 * calls made (with their idempotency keys and outcomes), the Amazon objects bound to the payment's
 * collection, and the timeline (IPNs applied, state changes, corrections). Read-only.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { AmazonObjectRecord, EventRecord, OperationRecord } from "../../../modules/amazon-pay-journal/journal-records"
import { resolveJournal } from "../journal/journal-port"
import { readPaymentData, type AmazonPayPaymentData } from "../payment-data"

export interface AmazonPayPaymentView {
  payment_id: string
  payment_collection_id: string
  provider_id: string
  data: AmazonPayPaymentData
  operations: OperationRecord[]
  objects: AmazonObjectRecord[]
  events: EventRecord[]
}

export async function amazonPayPaymentView(container: MedusaContainer, paymentId: string): Promise<AmazonPayPaymentView> {
  const payment = container.resolve(Modules.PAYMENT)
  const [row] = await payment.listPayments({ id: paymentId }, { select: ["id", "payment_collection_id", "provider_id", "data"], take: 1 })
  if (!row || !row.provider_id.startsWith("pp_amazon-pay_")) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Amazon Pay payment ${paymentId} was not found`)
  }
  const journal = resolveJournal((container as unknown as { cradle?: Record<string, unknown> }).cradle)
  const [operations, objects, events] = await Promise.all([
    journal.operationsOf(row.payment_collection_id),
    journal.objectsOf(row.payment_collection_id),
    journal.eventsOf(row.payment_collection_id),
  ])
  return {
    payment_id: row.id,
    payment_collection_id: row.payment_collection_id,
    provider_id: row.provider_id,
    data: readPaymentData(row.data),
    operations,
    objects,
    events,
  }
}

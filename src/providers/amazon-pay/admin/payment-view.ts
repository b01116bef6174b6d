/**
 * What the admin sees of one Amazon Pay payment: the payment data record, and from the journal the
 * calls made (with their idempotency keys and outcomes), the Amazon objects bound to the payment's
 * collection, and the timeline (IPNs applied, state changes, corrections); plus the order widget's
 * view of it (view-model.ts). Read-only: nothing here calls Amazon.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import type { AmazonObjectRecord, EventRecord, OperationRecord } from "../../../modules/amazon-pay-journal/journal-records"
import { resolveJournal } from "../journal/journal-port"
import { projectPaymentData } from "../journal/registry"
import { readPaymentData, type AmazonPayPaymentData } from "../payment-data"
import { medusaProviderId, resolveProviderConfigs } from "../store-container/provider-configs"
import { parseAmazonPayOptions } from "../options"
import { widgetView, type AmazonPayWidgetView } from "./view-model"

export interface AmazonPayPaymentView extends AmazonPayWidgetView {
  payment_id: string
  payment_collection_id: string
  provider_id: string
  data: AmazonPayPaymentData
  operations: OperationRecord[]
  objects: AmazonObjectRecord[]
  events: EventRecord[]
}

export interface AmazonPayPaymentRow {
  id: string
  payment_collection_id: string
  provider_id: string
  currency_code: string
  data: Record<string, unknown> | null
  canceled_at: Date | string | null
}

export const isAmazonPayProvider = (providerId: string | null | undefined): boolean => !!providerId?.startsWith("pp_amazon-pay_")

/** The payment row if it is an Amazon Pay payment; a 404 otherwise (another provider's payment is not ours to act on). */
export async function amazonPayPaymentRow(container: MedusaContainer, paymentId: string): Promise<AmazonPayPaymentRow> {
  const payment = container.resolve(Modules.PAYMENT)
  const [row] = (await payment.listPayments(
    { id: paymentId },
    { select: ["id", "payment_collection_id", "provider_id", "currency_code", "data", "canceled_at"], take: 1 }
  )) as unknown as AmazonPayPaymentRow[]
  if (!row || !isAmazonPayProvider(row.provider_id)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Amazon Pay payment ${paymentId} was not found`)
  }
  return row
}

/** The merchant account region of the provider instance that took the payment. */
function regionOf(container: MedusaContainer, providerId: string) {
  const config = resolveProviderConfigs(container).find((c) => medusaProviderId(c.id) === providerId)
  return config ? parseAmazonPayOptions(config.options).region : "na"
}

export async function paymentViewOf(container: MedusaContainer, row: AmazonPayPaymentRow): Promise<AmazonPayPaymentView> {
  const journal = resolveJournal((container as unknown as { cradle?: Record<string, unknown> }).cradle)
  const [operations, objects, events] = await Promise.all([
    journal.operationsOf(row.payment_collection_id),
    journal.objectsOf(row.payment_collection_id),
    journal.eventsOf(row.payment_collection_id),
  ])
  // The journal is fresher than payment.data (an IPN may have been recorded before Medusa saved).
  const data = projectPaymentData(readPaymentData(row.data), objects)
  return {
    payment_id: row.id,
    payment_collection_id: row.payment_collection_id,
    provider_id: row.provider_id,
    data,
    operations,
    objects,
    events,
    ...widgetView({ data, objects, operations, events, region: regionOf(container, row.provider_id) }),
  }
}

export async function amazonPayPaymentView(container: MedusaContainer, paymentId: string): Promise<AmazonPayPaymentView> {
  return paymentViewOf(container, await amazonPayPaymentRow(container, paymentId))
}

/**
 * What a shipment event says, read from Medusa: the fulfillment (labels with tracking numbers,
 * provider, shipping option, whether it is shipped), the order it belongs to, and the Amazon Pay
 * charge permission of that order's payment (the journal's binding: a payment collection whose
 * charge permission this store recorded). Events carry only ids; everything is read here.
 */
import type { MedusaServices } from "../store-container/store-services"
import type { CarrierHints } from "./carriers"
import { trackingNumbersOf } from "./plan"

export interface AmazonPayShipment {
  fulfillmentId: string
  orderId: string
  paymentCollectionId: string
  paymentSessionId: string | null
  chargePermissionId: string
  trackingNumbers: string[]
  hints: CarrierHints
}

interface FulfillmentRow {
  id: string
  provider_id?: string | null
  shipped_at?: string | Date | null
  data?: Record<string, unknown> | null
  labels?: Array<{ tracking_number?: string | null }> | null
  shipping_option?: { name?: string | null } | null
}

/** The shipped fulfillment of an order paid with Amazon Pay, or why there is nothing to do. */
export async function readAmazonPayShipment(
  services: Pick<MedusaServices, "query" | "journal">,
  fulfillmentId: string
): Promise<AmazonPayShipment | { skip: string }> {
  const { data: fulfillments } = await services.query.graph({
    entity: "fulfillment",
    fields: ["id", "provider_id", "shipped_at", "data", "labels.tracking_number", "shipping_option.name"],
    filters: { id: fulfillmentId },
  })
  const fulfillment = fulfillments[0] as FulfillmentRow | undefined
  if (!fulfillment) {
    return { skip: "fulfillment not found" }
  }
  if (!fulfillment.shipped_at) {
    return { skip: "not shipped" }
  }
  const trackingNumbers = trackingNumbersOf(fulfillment.labels)
  if (!trackingNumbers.length) {
    return { skip: "no tracking numbers" }
  }
  const { data: links } = await services.query.graph({ entity: "order_fulfillment", fields: ["order_id"], filters: { fulfillment_id: fulfillmentId } })
  const orderId = links[0]?.order_id as string | undefined
  if (!orderId) {
    return { skip: "not an order's fulfillment" }
  }
  const { data: collections } = await services.query.graph({
    entity: "order_payment_collection",
    fields: ["payment_collection_id"],
    filters: { order_id: orderId },
  })
  for (const { payment_collection_id: paymentCollectionId } of collections as Array<{ payment_collection_id: string }>) {
    const permission = (await services.journal.objectsOf(paymentCollectionId)).find((o) => o.object_type === "ChargePermission" && o.payment_session_id)
    if (permission) {
      return {
        fulfillmentId,
        orderId,
        paymentCollectionId,
        paymentSessionId: permission.payment_session_id,
        chargePermissionId: permission.amazon_id,
        trackingNumbers,
        hints: { data: fulfillment.data ?? null, providerId: fulfillment.provider_id ?? null, shippingOptionName: fulfillment.shipping_option?.name ?? null },
      }
    }
  }
  return { skip: "not paid with Amazon Pay" }
}

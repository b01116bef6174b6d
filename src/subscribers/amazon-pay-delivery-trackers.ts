/**
 * Create Delivery Tracker for every tracking number of a shipped fulfillment of an order paid with
 * Amazon Pay (providers/amazon-pay/delivery-trackers). Medusa emits `shipment.created` with the
 * fulfillment's id when an admin marks a fulfillment shipped (createOrderShipmentWorkflow), and
 * `order.fulfillment_created` with `fulfillment_id` when one is created (shipped at once by some
 * fulfillment providers); either is handled, and a tracking number is sent once whatever arrives
 * twice. Transient failures are retried by the polling job (bounded); nothing here throws, so an
 * event bus that retries failed subscribers does not re-run what the journal already settles.
 */
import type { Logger } from "@medusajs/framework/types"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, FulfillmentWorkflowEvents, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { sendDeliveryTrackers } from "../providers/amazon-pay/delivery-trackers/send"
import { readAmazonPayShipment } from "../providers/amazon-pay/delivery-trackers/shipment"
import { medusaServices } from "../providers/amazon-pay/store-container/store-services"
import { ownerConfigOf, providerDepsFor, resolveProviderConfigs } from "../providers/amazon-pay/store-container/provider-configs"

interface ShipmentEvent {
  /** shipment.created: the fulfillment's id. */
  id?: unknown
  /** order.fulfillment_created */
  fulfillment_id?: unknown
}

export default async function amazonPayDeliveryTrackers({ event, container }: SubscriberArgs<ShipmentEvent>): Promise<void> {
  const fulfillmentId = event.name === OrderWorkflowEvents.FULFILLMENT_CREATED ? event.data?.fulfillment_id : event.data?.id
  if (typeof fulfillmentId !== "string" || !fulfillmentId) {
    return
  }
  const configs = resolveProviderConfigs(container)
  if (!configs.length) {
    return
  }
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER) as Logger
  try {
    const services = medusaServices(container)
    const shipment = await readAmazonPayShipment(services, fulfillmentId)
    if ("skip" in shipment) {
      return
    }
    const config = await ownerConfigOf(services, configs, shipment.paymentCollectionId)
    if (!config) {
      return
    }
    const deps = providerDepsFor(config, services, logger)
    const lines = await sendDeliveryTrackers(
      deps,
      { paymentCollectionId: shipment.paymentCollectionId, paymentSessionId: shipment.paymentSessionId },
      shipment.chargePermissionId,
      shipment
    )
    if (lines.length) {
      logger.info(`Amazon Pay delivery trackers for fulfillment ${fulfillmentId} (order ${shipment.orderId}): ${lines.join("; ")}`)
    }
  } catch (error) {
    logger.error(`Amazon Pay delivery trackers for fulfillment ${fulfillmentId} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

export const config: SubscriberConfig = {
  event: [FulfillmentWorkflowEvents.SHIPMENT_CREATED, OrderWorkflowEvents.FULFILLMENT_CREATED],
  context: { subscriberId: "amazon-pay-delivery-trackers" },
}

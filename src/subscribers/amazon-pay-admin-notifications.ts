/**
 * Tells the store's admins, in the dashboard's notification bell (Notification Module, channel
 * `feed`), what Amazon Pay needs a person for: a refund Amazon declined, a pending authorization
 * declined, a capture declined, a chargeback opened. The plugin's own events carry the occurrence
 * (providers/amazon-pay/apply/apply-*.ts, capture-declined.ts); the provider option `adminNotifications` of the
 * provider entry that owns the payment says whether to tell (providers/amazon-pay/admin-notifications).
 * Once per occurrence: the notification's idempotency key names the Amazon object.
 */
import type { Logger } from "@medusajs/framework/types"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { notifyAdmins } from "../providers/amazon-pay/admin-notifications/notify"
import { ADMIN_NOTIFICATION_KINDS, EVENT_OF_KIND, isEnabled, occurrenceOf } from "../providers/amazon-pay/admin-notifications/plan"
import { medusaServices } from "../providers/amazon-pay/store-container/store-services"
import { ownerConfigOf, providerDepsFor, resolveProviderConfigs } from "../providers/amazon-pay/store-container/provider-configs"

export default async function amazonPayAdminNotifications({ event, container }: SubscriberArgs<unknown>): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER) as Logger
  const occurrence = occurrenceOf(event.name, event.data)
  if (!occurrence) {
    logger.warn(`Amazon Pay admin notification: ${event.name} carried data this plugin does not recognise; nothing sent`)
    return
  }
  const services = medusaServices(container)
  const config = await ownerConfigOf(services, resolveProviderConfigs(container), occurrence.paymentCollectionId)
  if (!config || !isEnabled(providerDepsFor(config, services).options.adminNotifications, occurrence.kind)) {
    return
  }
  const outcome = await notifyAdmins(
    {
      notifications: container.resolve(Modules.NOTIFICATION),
      journal: services.journal,
      orderOf: async (paymentCollectionId) => {
        const { data } = await services.query.graph({
          entity: "order_payment_collection",
          fields: ["order.id", "order.display_id"],
          filters: { payment_collection_id: paymentCollectionId },
        })
        return data[0]?.order ?? null
      },
    },
    occurrence
  )
  if (outcome === "sent") {
    logger.info(`Amazon Pay: admins notified (${occurrence.kind}, ${occurrence.amazonId})`)
  }
}

export const config: SubscriberConfig = {
  event: ADMIN_NOTIFICATION_KINDS.map((kind) => EVENT_OF_KIND[kind]),
  context: { subscriberId: "amazon-pay-admin-notifications" },
}

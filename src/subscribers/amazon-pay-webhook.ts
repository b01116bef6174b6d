/**
 * Amazon Pay IPNs, the part Medusa core does not do. Medusa's webhook route
 * (`POST /hooks/payment/:provider`, api/hooks/payment/[provider]/route.js) emits
 * `payment.webhook_received` with `provider` = the route parameter (`amazon-pay_amazon-pay`) and
 * the raw body; core's subscriber (subscribers/payment-webhook.js) only runs processPaymentWorkflow
 * for `authorized`/`captured` (Medusa issue 16398). This subscriber keeps `payment.data` true to
 * Amazon's state and handles declined refunds, declined pending authorizations, canceled charges
 * and closed/non-chargeable permissions (see providers/amazon-pay/apply/apply-reading.ts).
 *
 * It reads the IPN itself (verify, GET) rather than through the provider, because it needs the
 * objects, not only core's action. Bad input and other definite outcomes are logged, never thrown;
 * what may pass (Amazon unreachable, the payment lock busy, a database error) is thrown so that
 * Medusa's Redis Event Bus retries this subscriber (providers/amazon-pay/ipn/retry-later.ts). Applying is
 * idempotent (the journal keeps one row per Amazon object and state, payment.data is a projection
 * of it), so a retry, an SNS duplicate or the polling job arriving first changes nothing twice.
 *
 * Topology: Medusa's webhook route runs on whichever server the load balancer picked; the event goes
 * through the event bus and this subscriber runs where background work runs (`workerMode` worker or
 * shared). Nothing here depends on the two being the same process.
 */
import type { Logger } from "@medusajs/framework/types"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, PaymentWebhookEvents } from "@medusajs/framework/utils"
import { applyOwnedReading } from "../providers/amazon-pay/apply/apply-reading"
import { readerDeps } from "../providers/amazon-pay/ipn/ipn-deps"
import { logReading } from "../providers/amazon-pay/ipn/log-reading"
import { medusaServices } from "../providers/amazon-pay/store-container/store-services"
import {
  medusaProviderId,
  providerIdFromEvent,
  resolveProviderConfigs,
  sameMerchantProviders,
  webhookDepsFor,
} from "../providers/amazon-pay/store-container/provider-configs"
import { rawBodyOf } from "../providers/amazon-pay/ipn/raw-body"
import { readIpn } from "../providers/amazon-pay/ipn/read-ipn"
import { retryLater } from "../providers/amazon-pay/ipn/retry-later"
import { readWebhookOptions } from "../providers/amazon-pay/ipn/ipn-options"

interface WebhookEvent {
  provider?: unknown
  payload?: unknown
}

export default async function amazonPayWebhookHandler({ event, container }: SubscriberArgs<WebhookEvent>): Promise<void> {
  const id = providerIdFromEvent(event.data?.provider)
  if (!id) {
    return // another provider's webhook
  }
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER) as Logger
  const configs = resolveProviderConfigs(container)
  const config = configs.find((c) => c.id === id)
  if (!config) {
    logger.warn(`Amazon Pay IPN for provider "${id}", which is not configured in the payment module`)
    return
  }
  const deps = webhookDepsFor(config, logger)
  const reading = await readIpn(readerDeps(deps), rawBodyOf(event.data?.payload))
  if (reading.kind === "unavailable") {
    // Core's subscriber (handleWebhook) logged it.
    throw retryLater(`Amazon Pay IPN ${reading.message.NotificationId} not applied yet`, reading.reason)
  }
  if (!("paymentCollectionId" in reading)) {
    // The provider's handleWebhook (run by core's subscriber) already logged this one.
    return
  }
  try {
    const outcome = await applyOwnedReading(
      {
        services: medusaServices(container),
        webhook: readWebhookOptions(config.options),
        providerId: medusaProviderId(id),
        sameMerchantProviders: sameMerchantProviders(configs, config, logger),
      },
      reading,
      "ipn"
    )
    logReading(logger, reading, outcome)
  } catch (error) {
    // Logged without the cause chain (it may hold request data); the event bus retries, the polling
    // job retries pending objects.
    const what = `Amazon Pay IPN ${reading.message.NotificationId} could not be applied to payment collection ${reading.paymentCollectionId}`
    logger.error(`${what}: ${error instanceof Error ? error.message : String(error)}`)
    throw retryLater(what, error)
  }
}

export const config: SubscriberConfig = {
  event: PaymentWebhookEvents.WebhookReceived,
  context: { subscriberId: "amazon-pay-webhook-handler" },
}

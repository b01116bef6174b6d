/**
 * The plugin's subscriber and polling job run in the store's container, not in the payment
 * module, so they cannot reach the provider instance. They read the same provider options from the
 * store's config (`modules.payment.options.providers[]`, the entry whose `resolve` is this
 * provider) and build their own client; one per provider id, for the life of the process.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { amazonPayClientFor } from "../amazon-client"
import type { ProviderDeps } from "../deps"
import { parseAmazonPayOptions, type AmazonPayOptions } from "../options"
import type { MedusaServices } from "./store-services"
import type { WebhookDeps, WebhookLogger } from "../ipn/ipn-deps"
import { readWebhookOptions, type AmazonPayWebhookOptions } from "../ipn/ipn-options"

export interface AmazonPayProviderConfig {
  /** The provider entry's `id` (`amazon-pay`): Medusa's provider id is `pp_amazon-pay_<id>`. */
  id: string
  options: Record<string, unknown>
}

const AMAZON_PAY_RESOLVE = /(^|[/\\])(medusa-payment-amazon-pay|amazon-pay)([/\\]|$)/

function providersOf(moduleEntry: unknown): unknown[] {
  const providers = (moduleEntry as { options?: { providers?: unknown } } | undefined)?.options?.providers
  return Array.isArray(providers) ? providers : []
}

/** Every Amazon Pay provider entry in the store's payment module config. */
export function amazonPayProviderConfigs(configModule: unknown): AmazonPayProviderConfig[] {
  const modules = (configModule as { modules?: unknown } | undefined)?.modules
  const entries = Array.isArray(modules) ? modules : modules && typeof modules === "object" ? Object.values(modules) : []
  const found: AmazonPayProviderConfig[] = []
  for (const entry of entries) {
    for (const provider of providersOf(entry)) {
      const { resolve, id, options } = (provider ?? {}) as { resolve?: unknown; id?: unknown; options?: unknown }
      if (typeof resolve === "string" && AMAZON_PAY_RESOLVE.test(resolve) && typeof id === "string") {
        found.push({ id, options: options && typeof options === "object" ? (options as Record<string, unknown>) : {} })
      }
    }
  }
  return found
}

/** `amazon-pay_amazon-pay` (what the webhook route emits) or `pp_amazon-pay_amazon-pay` -> `amazon-pay`. */
export function providerIdFromEvent(provider: unknown): string | null {
  if (typeof provider !== "string") return null
  const match = /^(?:pp_)?amazon-pay_(.+)$/.exec(provider)
  return match ? match[1] : null
}

export const medusaProviderId = (id: string) => `pp_amazon-pay_${id}`

/**
 * Parsed options and the Amazon client per provider instance, built once per process. Per process on
 * purpose: it is derived only from this process's own medusa-config (every process of a deployment
 * has the same), holds no state about payments, and is rebuilt when the options object changes.
 */
const cache = new Map<string, { raw: Record<string, unknown>; deps: WebhookDeps; parsed: AmazonPayOptions }>()

function built(config: AmazonPayProviderConfig) {
  const cached = cache.get(config.id)
  if (cached && cached.raw === config.options) {
    return cached
  }
  const parsed = parseAmazonPayOptions(config.options)
  const client = amazonPayClientFor(parsed)
  const deps: WebhookDeps = { client, options: { ...config.options, merchantId: parsed.merchantId } }
  const entry = { raw: config.options, deps, parsed }
  cache.set(config.id, entry)
  return entry
}

export function webhookDepsFor(config: AmazonPayProviderConfig, logger?: WebhookLogger): WebhookDeps {
  return { ...built(config).deps, logger }
}

/** The provider's logic dependencies outside the payment module (polling job, admin routes). */
export function providerDepsFor(config: AmazonPayProviderConfig, services: Pick<MedusaServices, "journal" | "lock">, logger?: Logger): ProviderDeps {
  const { deps, parsed } = built(config)
  return { client: deps.client, options: parsed, journal: services.journal, lock: { run: services.lock }, logger }
}

export function resolveProviderConfigs(container: MedusaContainer): AmazonPayProviderConfig[] {
  return amazonPayProviderConfigs(container.resolve(ContainerRegistrationKeys.CONFIG_MODULE))
}

/**
 * The IPN options of every other Amazon Pay provider entry on the same Amazon merchant account as
 * `config`, by Medusa provider id (see ApplyContext.sameMerchantProviders for why).
 */
export function sameMerchantProviders(
  configs: AmazonPayProviderConfig[],
  config: AmazonPayProviderConfig,
  logger?: WebhookLogger
): Record<string, AmazonPayWebhookOptions> {
  const merchantId = webhookDepsFor(config, logger).options.merchantId
  const siblings = configs.filter((other) => other.id !== config.id && webhookDepsFor(other, logger).options.merchantId === merchantId)
  return Object.fromEntries(siblings.map((other) => [medusaProviderId(other.id), readWebhookOptions(other.options)]))
}

/**
 * The provider entry that owns a payment collection's Amazon objects: the provider of the session
 * that completed its checkout (recorded with the charge permission in the journal); the first
 * entry when the journal does not say.
 */
export async function ownerConfigOf(
  services: Pick<MedusaServices, "journal" | "payment">,
  configs: AmazonPayProviderConfig[],
  paymentCollectionId: string
): Promise<AmazonPayProviderConfig | undefined> {
  const objects = await services.journal.objectsOf(paymentCollectionId)
  const sessionId = objects.find((o) => o.object_type === "ChargePermission" && o.payment_session_id)?.payment_session_id
    ?? objects.find((o) => o.payment_session_id)?.payment_session_id
  const [session] = sessionId ? await services.payment.listPaymentSessions({ id: sessionId }, { take: 1, select: ["id", "provider_id"] }) : []
  return configs.find((c) => medusaProviderId(c.id) === session?.provider_id) ?? configs[0]
}

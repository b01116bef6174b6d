/**
 * `POST /store/amazon-pay/carts/:id/buyer`, the effectful half: read the cart, ask Amazon for the
 * Checkout Session (with the key of the Amazon Pay provider the cart's payment session uses), plan
 * (buyer-plan.ts: refuse unless the checkout is this cart's), then apply the plan with Medusa's own
 * `updateCartWorkflow`, which also refreshes taxes, shipping and the payment collection. A refusal
 * writes nothing. Reading a Checkout Session moves no money, so no journal or payment lock is needed.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { updateCartWorkflow } from "@medusajs/medusa/core-flows"
import { asMedusa } from "../medusa-errors"
import { providerIdFromEvent, resolveProviderConfigs, webhookDepsFor } from "../store-container/provider-configs"
import { planBuyerUpdate, type BuyerCartFacts, type BuyerCartUpdate } from "./buyer-plan"

interface CartRow {
  id: string
  completed_at?: string | Date | null
  region?: { countries?: Array<{ iso_2?: string | null } | null> | null } | null
  payment_collection?: { id: string; payment_sessions?: Array<{ provider_id?: string | null } | null> | null } | null
}

async function readCart(scope: MedusaContainer, cartId: string): Promise<{ facts: BuyerCartFacts; providerIds: string[] }> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: ["id", "completed_at", "region.countries.iso_2", "payment_collection.id", "payment_collection.payment_sessions.provider_id"],
    filters: { id: cartId },
  })
  const row = data[0] as CartRow | undefined
  if (!row) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Cart with id '${cartId}' not found`)
  }
  const providerIds = (row.payment_collection?.payment_sessions ?? []).flatMap((s) => (s?.provider_id ? [s.provider_id] : []))
  return {
    facts: {
      id: row.id,
      completedAt: row.completed_at ? String(row.completed_at) : null,
      paymentCollectionId: row.payment_collection?.id ?? null,
      regionCountries: (row.region?.countries ?? []).flatMap((c) => (c?.iso_2 ? [c.iso_2.toLowerCase()] : [])),
    },
    providerIds,
  }
}

/** The Amazon Pay provider entry of the cart's payment session. */
function providerOf(scope: MedusaContainer, cartId: string, providerIds: string[]) {
  const configs = resolveProviderConfigs(scope)
  const ids = new Set(providerIds.map(providerIdFromEvent).filter((id): id is string => id !== null))
  const config = configs.find((c) => ids.has(c.id))
  if (!config) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Cart ${cartId} has no Amazon Pay payment session: initiate it and show its button before applying the Amazon buyer`
    )
  }
  return config
}

export async function applyAmazonBuyerToCart(scope: MedusaContainer, cartId: string, checkoutSessionId: string): Promise<BuyerCartUpdate> {
  const { facts, providerIds } = await readCart(scope, cartId)
  if (facts.completedAt) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cart ${cartId} is already completed`)
  }
  const { client } = webhookDepsFor(providerOf(scope, cartId, providerIds))
  const session = await asMedusa("read the checkout session", () => client.getCheckoutSession(checkoutSessionId))
  const update = planBuyerUpdate(facts, session)
  await updateCartWorkflow(scope).run({ input: update })
  return update
}

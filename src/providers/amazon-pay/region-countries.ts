/**
 * The countries of the Medusa region a payment collection's cart belongs to, for
 * `deliverySpecifications.regionCountriesOnly`. Medusa hands a provider neither the cart nor the
 * region (payment module `createPaymentSession`: amount, currency, data, context), so they are read
 * through Query from the application container, across the cart <-> payment collection link.
 */
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { resolveShared } from "./journal/journal-port"

interface QueryLike {
  graph(input: { entity: string; fields: string[]; filters: Record<string, unknown> }): Promise<{ data: unknown[] }>
}

interface CollectionRow {
  cart?: { region?: { countries?: Array<{ iso_2?: string | null } | null> | null } | null } | null
}

export async function regionCountriesOf(cradle: Record<string, unknown>, paymentCollectionId: string): Promise<string[]> {
  const query = resolveShared<QueryLike>(cradle, ContainerRegistrationKeys.QUERY)
  if (!query) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Amazon Pay cannot read the cart's region (Query is not available) for deliverySpecifications.regionCountriesOnly")
  }
  const { data } = await query.graph({
    entity: "payment_collection",
    fields: ["id", "cart.region.countries.iso_2"],
    filters: { id: paymentCollectionId },
  })
  const row = data[0] as CollectionRow | undefined
  if (!row?.cart?.region) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Amazon Pay cannot find the region of the cart of payment collection ${paymentCollectionId}`)
  }
  return (row.cart.region.countries ?? []).flatMap((c) => (c?.iso_2 ? [c.iso_2] : []))
}

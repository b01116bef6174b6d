/**
 * The button's `deliverySpecifications` (Amazon Pay "Checkout Session" > deliverySpecifications,
 * "Shipping address restriction samples"): the configured special restrictions (PO boxes,
 * packstations) and address restrictions, or only the countries of the cart's Medusa region.
 * Pure: the region's countries are read by the caller (region-countries.ts).
 */
import { MedusaError } from "@medusajs/framework/utils"
import type { DeliverySpecifications } from "../../lib/amazon-pay/types"
import type { AmazonPayOptions } from "./options"

/** Whether the region's countries are needed to sign a button for this product type. */
export function needsRegionCountries(options: Pick<AmazonPayOptions, "deliverySpecifications">, productType: "PayAndShip" | "PayOnly"): boolean {
  return productType === "PayAndShip" && options.deliverySpecifications?.regionCountriesOnly === true
}

/**
 * `undefined` when nothing is restricted or nothing is shipped (PayOnly: Amazon asks for no
 * shipping address, so restrictions on it mean nothing). `regionCountries` are Medusa's lower-case
 * ISO 3166 alpha-2 codes; Amazon takes upper case.
 */
export function deliverySpecificationsFor(
  options: Pick<AmazonPayOptions, "deliverySpecifications">,
  productType: "PayAndShip" | "PayOnly",
  regionCountries: readonly string[] | null
): DeliverySpecifications | undefined {
  const configured = options.deliverySpecifications
  if (!configured || productType === "PayOnly") {
    return undefined
  }
  const specs: DeliverySpecifications = {}
  if (configured.specialRestrictions?.length) {
    specs.specialRestrictions = [...new Set(configured.specialRestrictions)]
  }
  if (configured.addressRestrictions) {
    specs.addressRestrictions = configured.addressRestrictions
  }
  if (configured.regionCountriesOnly) {
    const countries = [...new Set((regionCountries ?? []).map((c) => c.toUpperCase()).filter((c) => /^[A-Z]{2}$/.test(c)))].sort()
    if (!countries.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "Amazon Pay option deliverySpecifications.regionCountriesOnly is set, but the cart's region has no countries: add countries to the region"
      )
    }
    specs.addressRestrictions = { type: "Allowed", restrictions: Object.fromEntries(countries.map((c) => [c, {}])) }
  }
  return Object.keys(specs).length ? specs : undefined
}

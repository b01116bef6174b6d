/**
 * `deliverySpecifications` as Amazon applies them on its checkout page (Amazon Pay "Checkout
 * Session" > deliverySpecifications, "Shipping address restriction samples"): addresses of the
 * buyer's address book that the merchant does not ship to cannot be chosen. Validated on Create
 * Checkout Session (and from the button) in Amazon's shape; checked when the buyer picks an address.
 */
import { z } from "zod"
import type { Address, DeliverySpecifications } from "../lib/amazon-pay/types"

const places = z.array(z.string().min(1).max(50)).max(1000)

export const deliverySpecificationsSchema = z.strictObject({
  specialRestrictions: z.array(z.enum(["RestrictPOBoxes", "RestrictPackstations"])).max(2).optional(),
  addressRestrictions: z
    .strictObject({
      type: z.enum(["Allowed", "NotAllowed"]),
      restrictions: z.record(
        z.string().regex(/^[A-Z]{2}$/, "restrictions keys are ISO 3166 alpha-2 country codes"),
        z.strictObject({ statesOrRegions: places.optional(), zipCodes: places.optional() })
      ),
    })
    .optional(),
}) satisfies z.ZodType<DeliverySpecifications>

/** A post office box: "PO Box", "P.O. Box", "Post Office Box" (US usage). */
const PO_BOX = /\b(p\.?\s*o\.?\s*box|post\s+office\s+box)\b/i
/** A DHL Packstation or Postfiliale (DE): the word in an address line. */
const PACKSTATION = /\b(packstation|postfiliale)\b/i

const lines = (address: Address) => [address.addressLine1, address.addressLine2, address.addressLine3].filter((l): l is string => Boolean(l))

function matchesPlace(rule: { statesOrRegions?: string[]; zipCodes?: string[] }, address: Address): boolean {
  const states = rule.statesOrRegions ?? []
  const zips = rule.zipCodes ?? []
  if (!states.length && !zips.length) {
    return true // the whole country
  }
  const state = address.stateOrRegion?.trim().toUpperCase()
  const zip = address.postalCode?.trim().toUpperCase()
  return (state !== undefined && states.some((s) => s.toUpperCase() === state)) || (zip !== undefined && zips.some((z) => z.toUpperCase() === zip))
}

/** Why Amazon would not let the buyer ship to `address`, or null when it may. */
export function addressRefusal(specs: DeliverySpecifications | null | undefined, address: Address): string | null {
  if (!specs) {
    return null
  }
  const special = specs.specialRestrictions ?? []
  if (special.includes("RestrictPOBoxes") && lines(address).some((l) => PO_BOX.test(l))) {
    return "The merchant does not ship to PO boxes"
  }
  if (special.includes("RestrictPackstations") && lines(address).some((l) => PACKSTATION.test(l))) {
    return "The merchant does not ship to Packstations"
  }
  const restrictions = specs.addressRestrictions
  if (restrictions) {
    const country = address.countryCode?.toUpperCase() ?? ""
    const rule = restrictions.restrictions[country]
    const listed = rule !== undefined && matchesPlace(rule, address)
    if (restrictions.type === "Allowed" && !listed) {
      return `The merchant does not ship to this address (${country || "no country"})`
    }
    if (restrictions.type === "NotAllowed" && listed) {
      return `The merchant does not ship to this address (${country})`
    }
  }
  return null
}

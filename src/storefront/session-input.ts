/**
 * What a storefront may put in an Amazon Pay payment session's `data`. The provider keeps only these
 * fields and drops anything else (every Amazon checkout is bound to the cart's payment collection
 * by the provider itself, never by the storefront), so the kit refuses other fields instead of
 * sending data that would silently be ignored.
 *
 * - `amazonCheckoutSessionId`: from the return URL, hands the Amazon checkout to the cart.
 * - `checkoutReviewReturnUrl` / `checkoutResultReturnUrl` / `checkoutCancelUrl`: per-session return
 *   URLs (e.g. with the storefront's country code in the path), overriding the provider options.
 * - `addressDetails`: the address the store collected itself (end-of-checkout button): Amazon skips
 *   its address step (`checkoutMode: ProcessOrder`). Amazon's request field names.
 * - `productType`: `PayAndShip` (default) or `PayOnly` (nothing to ship).
 */
import * as z from "zod/mini"
import { PRODUCT_TYPES } from "./amazon-pay-js"
import { AmazonPayStorefrontError, issuePath } from "./storefront-error"
import { isAmazonCheckoutSessionId } from "./return-url"

const text = (max: number) => z.string().check(z.maxLength(max))
const isHttpUrl = (value: string): boolean => {
  try {
    return /^https?:$/.test(new URL(value).protocol)
  } catch {
    return false
  }
}
const returnUrl = z.string().check(z.maxLength(1024), z.refine(isHttpUrl, "must be an absolute http(s) URL"))

/** Amazon's `addressDetails` request shape ("Checkout Session" > addressDetails). */
export const addressDetailsSchema = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(50)),
  addressLine1: z.string().check(z.minLength(1), z.maxLength(180)),
  addressLine2: z.optional(text(60)),
  addressLine3: z.optional(text(60)),
  city: z.optional(text(50)),
  districtOrCounty: z.optional(text(50)),
  stateOrRegion: z.optional(text(50)),
  postalCode: z.optional(text(20)),
  countryCode: z.string().check(z.regex(/^[A-Z]{2}$/)),
  phoneNumber: z.optional(text(20)),
})

export type AmazonPayAddressDetails = z.infer<typeof addressDetailsSchema>

export const sessionInputSchema = z.strictObject({
  amazonCheckoutSessionId: z.optional(z.string().check(z.refine(isAmazonCheckoutSessionId, "is not an Amazon Checkout Session id"))),
  checkoutReviewReturnUrl: z.optional(returnUrl),
  checkoutResultReturnUrl: z.optional(returnUrl),
  checkoutCancelUrl: z.optional(returnUrl),
  addressDetails: z.optional(addressDetailsSchema),
  productType: z.optional(z.enum(PRODUCT_TYPES)),
})

export type AmazonPaySessionInput = z.infer<typeof sessionInputSchema>

/** Validated payment session `data`; throws `InvalidSessionInput` naming the offending fields. */
export function amazonPaySessionData(input: AmazonPaySessionInput = {}): AmazonPaySessionInput {
  const parsed = sessionInputSchema.safeParse(input)
  if (!parsed.success) {
    const fields = parsed.error.issues.flatMap((issue) =>
      issue.code === "unrecognized_keys" ? issue.keys.map((key) => issuePath("data", [...issue.path, key])) : [issuePath("data", issue.path)]
    )
    throw new AmazonPayStorefrontError(
      "InvalidSessionInput",
      `Amazon Pay payment session data is invalid or not accepted by the provider: ${[...new Set(fields)].join(", ")}`
    )
  }
  return parsed.data
}

const MEDUSA_FIELDS: Record<string, string> = {
  name: "first_name/last_name",
  addressLine1: "address_1",
  addressLine2: "address_2",
  city: "city",
  stateOrRegion: "province",
  postalCode: "postal_code",
  countryCode: "country_code",
  phoneNumber: "phone",
}

/** A Medusa address (`cart.shipping_address`) as Amazon's `addressDetails`, for the end-of-checkout button. */
export function addressDetailsFromMedusa(address: {
  first_name?: string | null
  last_name?: string | null
  company?: string | null
  address_1?: string | null
  address_2?: string | null
  city?: string | null
  province?: string | null
  postal_code?: string | null
  country_code?: string | null
  phone?: string | null
}): AmazonPayAddressDetails {
  const name = [address.first_name, address.last_name].map((part) => part?.trim()).filter(Boolean).join(" ")
  const optional = (key: keyof AmazonPayAddressDetails, value: string | null | undefined) => (value?.trim() ? { [key]: value.trim() } : {})
  const details = {
    name: name || (address.company ?? "").trim(),
    addressLine1: (address.address_1 ?? "").trim(),
    ...optional("addressLine2", address.address_2),
    ...optional("city", address.city),
    ...optional("stateOrRegion", address.province),
    ...optional("postalCode", address.postal_code),
    countryCode: (address.country_code ?? "").trim().toUpperCase(),
    ...optional("phoneNumber", address.phone),
  }
  const parsed = addressDetailsSchema.safeParse(details)
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => MEDUSA_FIELDS[String(issue.path[0])] ?? issuePath("address", issue.path))
    throw new AmazonPayStorefrontError("InvalidSessionInput", `The cart's address cannot be sent to Amazon Pay: ${[...new Set(fields)].join(", ")} missing or invalid`)
  }
  return parsed.data
}

/**
 * What the storefront may put into a payment session's `data`
 * (`POST /store/payment-collections/:id/payment-sessions { provider_id, data }`). Everything is
 * optional and validated; anything else in `data` is input the provider does not take: it is
 * dropped from what Medusa stores (payment-data.ts `withoutForeignKeys`), never read back as state.
 */
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import type { AddressDetails } from "../../lib/amazon-pay/types"
import type { AmazonPayOptions } from "./options"

/** Return URLs: http(s) and bounded (Amazon documents no length; 1024 keeps a payload sane). */
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(1024)
const line = (max: number) => z.string().trim().min(1).max(max)

/**
 * Amazon `addressDetails` as Amazon takes it in a request (Amazon Pay "Checkout Session" >
 * addressDetails): `districtOrCounty`, not the response fields `county`/`district`, which Amazon
 * would refuse as unrecognized, so they are refused here, before a button is signed.
 */
const addressDetailsSchema = z.strictObject({
  name: line(50),
  addressLine1: line(180),
  addressLine2: line(60).optional(),
  addressLine3: line(60).optional(),
  city: line(50),
  districtOrCounty: line(50).optional(),
  stateOrRegion: line(50).optional(),
  postalCode: line(20),
  countryCode: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166 alpha-2 country code"),
  phoneNumber: line(20),
}) satisfies z.ZodType<AddressDetails>

export const storefrontInputSchema = z.object({
  /** From the `amazonCheckoutSessionId` query parameter Amazon appends to the return URLs. */
  amazonCheckoutSessionId: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "must be an Amazon checkout session id").optional(),
  checkoutReviewReturnUrl: httpUrl.optional(),
  checkoutResultReturnUrl: httpUrl.optional(),
  checkoutCancelUrl: httpUrl.optional(),
  /** The store collected the shipping address: Amazon then skips its review step (`checkoutMode: ProcessOrder`). */
  addressDetails: addressDetailsSchema.optional(),
  /** `PayOnly` for digital goods (no shipping address). @default "PayAndShip" */
  productType: z.enum(["PayAndShip", "PayOnly"]).optional(),
})

export type StorefrontInput = z.output<typeof storefrontInputSchema>

/** The keys a storefront may send, as a list. */
export const STOREFRONT_KEYS = Object.keys(storefrontInputSchema.shape) as Array<keyof StorefrontInput>

export function parseStorefrontInput(data: Record<string, unknown> | undefined): StorefrontInput {
  const raw = data ?? {}
  const known = Object.fromEntries(
    Object.keys(storefrontInputSchema.shape)
      .filter((key) => raw[key] !== undefined && raw[key] !== null)
      .map((key) => [key, raw[key]])
  )
  const parsed = storefrontInputSchema.safeParse(known)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Amazon Pay payment session data \`${issue.path.join(".")}\` is invalid: ${issue.message}`
    )
  }
  return parsed.data
}

export interface ReturnUrls {
  checkoutReviewReturnUrl?: string
  checkoutResultReturnUrl?: string
  checkoutCancelUrl?: string
}

/** Storefront URLs win over the configured defaults. */
export function returnUrls(input: StorefrontInput, options: AmazonPayOptions): ReturnUrls {
  return {
    checkoutReviewReturnUrl: input.checkoutReviewReturnUrl ?? options.checkoutReviewReturnUrl,
    checkoutResultReturnUrl: input.checkoutResultReturnUrl ?? options.checkoutResultReturnUrl,
    checkoutCancelUrl: input.checkoutCancelUrl ?? options.checkoutCancelUrl,
  }
}

export function requireUrl(urls: ReturnUrls, name: keyof ReturnUrls): string {
  const url = urls[name]
  if (!url) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Amazon Pay needs \`${name}\`: set the provider option or send it in the payment session data`
    )
  }
  return url
}

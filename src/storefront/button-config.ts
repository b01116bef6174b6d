/**
 * `payment_session.data.button`: the signed button configuration the provider returns when a
 * storefront initiates an Amazon Pay payment session (provider `payment-data.ts`
 * AmazonPayButtonConfig). It arrives from the network, so it is validated before it reaches
 * `amazon.Pay.renderButton`; unknown fields are ignored so a newer provider can add some.
 */
import * as z from "zod/mini"
import {
  CHECKOUT_LANGUAGES,
  LEDGER_CURRENCIES,
  PLACEMENTS,
  PRODUCT_TYPES,
  SIGNATURE_ALGORITHMS,
  type CreateCheckoutSessionConfig,
} from "./amazon-pay-js"
import { AmazonPayStorefrontError, issuePath } from "./storefront-error"

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max))

export const priceSchema = z.object({
  amount: z.string().check(z.regex(/^\d{1,12}(\.\d{1,3})?$/)),
  currencyCode: z.string().check(z.regex(/^[A-Z]{3}$/)),
})

export const buttonConfigSchema = z.object({
  payloadJSON: z.string().check(z.minLength(2), z.maxLength(64 * 1024)),
  signature: text(2048),
  publicKeyId: text(128),
  algorithm: z.enum(SIGNATURE_ALGORITHMS),
  merchantId: text(64),
  ledgerCurrency: z.enum(LEDGER_CURRENCIES),
  checkoutLanguage: z.optional(z.enum(CHECKOUT_LANGUAGES)),
  productType: z.enum(PRODUCT_TYPES),
  placement: z.enum(PLACEMENTS),
  sandbox: z.boolean(),
  /** The amount the payload was signed for (the cart total when the session was initiated). */
  chargeAmount: z.optional(priceSchema),
  /** Express buttons: what renderButton's `estimatedOrderAmount` defaults to. */
  estimatedOrderAmount: z.optional(priceSchema),
})

export type AmazonPayButtonConfig = z.infer<typeof buttonConfigSchema>

/** Validates a button configuration (e.g. `payment_session.data.button`); throws `InvalidButtonConfig`. */
export function parseButtonConfig(value: unknown, what = "button"): AmazonPayButtonConfig {
  const parsed = buttonConfigSchema.safeParse(value)
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issuePath(what, issue.path))
    throw new AmazonPayStorefrontError(
      "InvalidButtonConfig",
      `The Amazon Pay button configuration is missing or invalid (${[...new Set(fields)].join(", ")}): ` +
        `initiate the Amazon Pay payment session again`
    )
  }
  let payload: unknown
  try {
    payload = JSON.parse(parsed.data.payloadJSON)
  } catch {
    payload = null
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    throw new AmazonPayStorefrontError("InvalidButtonConfig", `${what}.payloadJSON is not a JSON object: pass the provider's string unchanged`)
  }
  return parsed.data
}

/** The button configuration of an Amazon Pay payment session's `data`. */
export function readButtonConfig(sessionData: Record<string, unknown> | null | undefined): AmazonPayButtonConfig {
  return parseButtonConfig(sessionData?.button, "data.button")
}

/** `createCheckoutSessionConfig` for renderButton / initCheckout: the signed payload, unchanged. */
export function createCheckoutSessionConfig(config: AmazonPayButtonConfig): Required<CreateCheckoutSessionConfig> {
  return {
    payloadJSON: config.payloadJSON,
    signature: config.signature,
    publicKeyId: config.publicKeyId,
    algorithm: config.algorithm,
  }
}

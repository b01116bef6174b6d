/**
 * The provider's options (the `options` object of the provider entry in `medusa-config.ts`), as ONE
 * zod schema. `parseAmazonPayOptions` is what `AmazonPayProviderService.validateOptions` runs at
 * start-up: a bad option stops Medusa with a message that names the option and never repeats a
 * secret (the private key is only ever reported as "invalid", never printed).
 */
import { createPrivateKey } from "node:crypto"
import { readFileSync } from "node:fs"
import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"
import { amazonPayWebhookOptionsShape } from "./ipn/ipn-options"

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })
const positiveInt = z.number().int().positive()
const countryCode = z.string().regex(/^[A-Z]{2}$/, "must be an upper-case ISO 3166 alpha-2 country code")
const placeList = z.array(z.string().trim().min(1).max(50)).min(1).max(100)

/** `deliverySpecifications` (documented on the option below). */
export const deliverySpecificationsOptionSchema = z
  .strictObject({
    specialRestrictions: z.array(z.enum(["RestrictPOBoxes", "RestrictPackstations"])).min(1).optional(),
    addressRestrictions: z
      .strictObject({
        type: z.enum(["Allowed", "NotAllowed"]),
        restrictions: z
          .record(countryCode, z.strictObject({ statesOrRegions: placeList.optional(), zipCodes: placeList.optional() }))
          .refine((r) => Object.keys(r).length > 0, "must name at least one country"),
      })
      .optional(),
    regionCountriesOnly: z.boolean().default(false),
  })
  .refine((d) => !(d.regionCountriesOnly && d.addressRestrictions), {
    message: "set either addressRestrictions or regionCountriesOnly, not both",
    path: ["regionCountriesOnly"],
  })
/** Amazon's carrier codes are upper-case words joined by `_` (its downloadable list, e.g. `DHL_DE`). */
const carrierCode = z.string().regex(/^[A-Z0-9][A-Z0-9_]{0,63}$/, "must be an Amazon carrier code such as UPS, DHL_DE or TAQBIN_JP")

export const amazonPayOptionsSchema = z
  .object({
    /**
     * Public key ID from Seller Central (Integration > Integration Central > API keys).
     * @example "SANDBOX-AHEGSJCM3L2S637RBGABLAFW"
     */
    publicKeyId: z.string().trim().min(1),
    /**
     * The private key as PEM text. Exactly one of `privateKey` and `privateKeyPath`.
     * @example process.env.AMAZON_PAY_PRIVATE_KEY
     */
    privateKey: z.string().min(1).optional(),
    /**
     * Path to the private key PEM file. Exactly one of `privateKey` and `privateKeyPath`.
     * @example "/run/secrets/amazon-pay-private-key.pem"
     */
    privateKeyPath: z.string().min(1).optional(),
    /**
     * Merchant ID (Seller Central > Settings > Integration); goes into the button configuration.
     * @example "A2EXAMPLE1234"
     */
    merchantId: z.string().trim().min(1),
    /**
     * Store ID (the Login with Amazon client ID of the store).
     * @example "amzn1.application-oa2-client.8b5e45312b5248b69eeaStoreId"
     */
    storeId: z.string().trim().min(1),
    /**
     * Amazon Pay region of the merchant account: `na`/`us` -> pay-api.amazon.com, `eu`/`uk`/`de` ->
     * pay-api.amazon.eu, `jp` -> pay-api.amazon.jp.
     * @default "na"
     */
    region: z.enum(["na", "us", "eu", "uk", "de", "jp"]).default("na"),
    /**
     * Only for legacy public key IDs without a `LIVE-`/`SANDBOX-` prefix: use `/sandbox/v2` paths.
     * Prefixed key IDs select the environment themselves. Also sets the button's `sandbox` flag.
     * @default false
     */
    sandbox: z.boolean().default(false),
    /**
     * `"manual"`: paymentIntent `Authorize`; the admin captures (one or several partial captures).
     * `"on_authorize"`: paymentIntent `AuthorizeWithCapture`; the payment is captured at checkout.
     * @default "manual"
     */
    capture: z.enum(["manual", "on_authorize"]).default("manual"),
    /**
     * Accept asynchronous authorization (`AuthorizationInitiated`): the order is placed with the
     * payment `pending_authorization` and authorized later. Needs IPNs to settle the order.
     * @default false
     */
    canHandlePendingAuthorization: z.boolean().default(false),
    /**
     * Express flow: where Amazon sends the buyer after choosing address and payment method, with
     * `?amazonCheckoutSessionId=...`. The storefront may override it per session (`data`).
     * @example "https://shop.example.com/checkout/amazon-pay/review"
     */
    checkoutReviewReturnUrl: httpUrl.optional(),
    /**
     * Where Amazon sends the buyer after confirming the payment, with `?amazonCheckoutSessionId=...`;
     * the storefront then completes the cart. Overridable per session.
     * @example "https://shop.example.com/checkout/amazon-pay/result"
     */
    checkoutResultReturnUrl: httpUrl.optional(),
    /**
     * Where Amazon sends a buyer who cancels on Amazon's page. Overridable per session.
     * @example "https://shop.example.com/cart"
     */
    checkoutCancelUrl: httpUrl.optional(),
    /**
     * Store name shown to the buyer on Amazon's pages and emails (max 50 characters).
     * @example "Example Shop"
     */
    merchantStoreName: z.string().trim().min(1).max(50).optional(),
    /**
     * Text on the buyer's card statement (Amazon: max 16 characters).
     * @example "EXAMPLESHOP"
     */
    softDescriptor: z.string().trim().min(1).max(16).optional(),
    /**
     * Language of Amazon's checkout pages.
     * @example "en_US" | "en_GB" | "de_DE" | "fr_FR" | "it_IT" | "es_ES" | "ja_JP"
     */
    checkoutLanguage: z.enum(["en_US", "en_GB", "de_DE", "fr_FR", "it_IT", "es_ES", "ja_JP"]).optional(),
    /**
     * Currency of the merchant's Amazon Pay ledger; defaults from the region (USD, EUR, JPY).
     * @example "GBP"
     */
    ledgerCurrency: z.enum(["USD", "EUR", "GBP", "JPY"]).optional(),
    /**
     * Which addresses the buyer may choose from the Amazon address book (Amazon Pay "Checkout
     * Session" > deliverySpecifications, "Shipping address restriction samples"); sent with every
     * `PayAndShip` button (never with `PayOnly`, which has no shipping address).
     * - `specialRestrictions`: `"RestrictPOBoxes"`, `"RestrictPackstations"` (DE).
     * - `addressRestrictions`: Amazon's own shape, `{ type: "Allowed" | "NotAllowed", restrictions:
     *   { <ISO country>: { statesOrRegions?, zipCodes? } } }`.
     * - `regionCountriesOnly`: only the countries of the cart's Medusa region (read when the button
     *   is signed, so a change of the region's countries applies to the next button). Cannot be
     *   combined with `addressRestrictions`.
     * @default undefined (no restrictions)
     * @example { specialRestrictions: ["RestrictPOBoxes"], regionCountriesOnly: true }
     */
    deliverySpecifications: deliverySpecificationsOptionSchema.optional(),
    /**
     * Overrides Amazon's API host, e.g. the local sandbox from `medusa-payment-amazon-pay/sandbox`.
     * @example "http://127.0.0.1:4010"
     */
    apiBaseUrl: httpUrl.optional(),
    /**
     * Per-attempt timeout of one Amazon API request, in milliseconds.
     * @default 10000
     */
    timeoutMs: positiveInt.max(120_000).optional(),
    /**
     * Retry policy for retryable failures (408, 425, 429, 5xx, network); `false` turns retries off.
     * Retries always reuse the first attempt's idempotency key.
     * @default { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5000, maxTotalMs: 30000 }
     */
    retry: z
      .union([
        z.literal(false),
        z.strictObject({
          maxAttempts: positiveInt.max(10).optional(),
          baseDelayMs: positiveInt.optional(),
          maxDelayMs: positiveInt.optional(),
          maxTotalMs: positiveInt.optional(),
        }),
      ])
      .optional(),
    /**
     * Checks at start-up, with one harmless signed request, that Amazon accepts `publicKeyId` with
     * this private key, environment and region (`npx amazon-pay-check-credentials` does the same
     * from the command line). `"warn"` logs the verdict; `"fail"` stops start-up when Amazon refuses
     * the key (an unreachable Amazon is only logged).
     * @default "off"
     * @example "fail"
     */
    credentialsCheck: z.enum(["off", "warn", "fail"]).default("off"),
    /**
     * How long an operation on a payment (capture, refund, cancel, authorization, IPN apply, the
     * polling job) waits for another one on the same payment to finish, in milliseconds: one money
     * move per payment at a time, across processes (Medusa's Locking Module). Past it the
     * operation fails with a 409 and changes nothing.
     * @default 60000
     */
    lockWaitMs: positiveInt.max(600_000).default(60_000),
    /**
     * Instant Payment Notifications (IPN): `ipnTrustedCertUrls` (extra exact SNS certificate URLs
     * to trust, e.g. the local sandbox's; tests and demos only), `ipnConfirmSubscriptions` (confirm
     * Amazon SNS subscriptions automatically; default false), `onPendingAuthorizationDeclined`
     * (`"cancel_order"` (default) | `"flag"`), `pendingPollAfterMs` (default 600000) and
     * `pendingPollBatchSize` (default 25) for the polling job. Each is documented where it is
     * defined, ipn/ipn-options.ts, and validated here at start-up like every option.
     */
    ...amazonPayWebhookOptionsShape,
    /**
     * Notices in the dashboard's notification bell (Medusa's Notification Module, channel `feed`)
     * for what needs a person: a refund Amazon declined (Medusa's refund is undone), a pending
     * authorization declined (the order canceled or flagged), a capture declined, a chargeback
     * opened. One notice per occurrence however often Amazon or the event bus repeats it. `true`
     * sends all four, `false` none; an object turns single kinds off (an omitted kind stays on).
     * @default true
     * @example { chargebackOpened: true, refundDeclined: true, captureDeclined: false, authorizationDeclined: true }
     */
    adminNotifications: z
      .union([
        z.boolean(),
        z.strictObject({
          refundDeclined: z.boolean().optional(),
          authorizationDeclined: z.boolean().optional(),
          captureDeclined: z.boolean().optional(),
          chargebackOpened: z.boolean().optional(),
        }),
      ])
      .default(true),
    /**
     * Create Delivery Tracker (Amazon Pay "Delivery Tracker") for every tracking number of a
     * shipped fulfillment of an Amazon Pay order, once per tracking number, so Amazon can tell the
     * buyer (Alexa delivery notifications). `false` turns it off. `carrierCodes` maps what Medusa
     * knows of the carrier to Amazon's carrier code, matched case-insensitively, first hit wins:
     * the fulfillment's `data.carrier_code`/`data.carrier`, its fulfillment provider id (e.g.
     * `ups_ups`), then its shipping option's name; entries here come before the built-in names
     * (UPS, USPS, FedEx, DHL, Amazon, OnTrac, Canada Post, Royal Mail, DPD, GLS, Hermes...).
     * `defaultCarrierCode` applies when nothing matches; without it such a tracking number is
     * skipped with a warning naming the fix. `maxAttempts` bounds the sends of one tracker whose
     * answer was lost (the polling job retries; a refusal is recorded and never retried).
     * @default { carrierCodes: {}, maxAttempts: 3 }
     * @example { carrierCodes: { manual_manual: "UPS", "Express (2 days)": "DHL" }, defaultCarrierCode: "USPS" }
     */
    deliveryTrackers: z
      .union([
        z.literal(false),
        z.strictObject({
          carrierCodes: z.record(z.string().trim().min(1).max(200), carrierCode).optional(),
          defaultCarrierCode: carrierCode.optional(),
          maxAttempts: positiveInt.max(10).optional(),
        }),
      ])
      .default({}),
  })
  .strict()
  .superRefine((options, ctx) => {
    if ((options.privateKey === undefined) === (options.privateKeyPath === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [options.privateKey === undefined ? "privateKey" : "privateKeyPath"],
        message: "set exactly one of privateKey and privateKeyPath",
      })
    }
  })

/** Options as written in `medusa-config.ts`. */
export type AmazonPayOptionsInput = z.input<typeof amazonPayOptionsSchema>
/** Options after defaults. */
export type AmazonPayOptions = z.output<typeof amazonPayOptionsSchema>

export const DEFAULT_LEDGER_CURRENCY: Record<AmazonPayOptions["region"], "USD" | "EUR" | "GBP" | "JPY"> = {
  na: "USD",
  us: "USD",
  eu: "EUR",
  de: "EUR",
  uk: "GBP",
  jp: "JPY",
}

function invalidOption(path: string, message: string): MedusaError {
  return new MedusaError(
    MedusaError.Types.INVALID_ARGUMENT,
    `Amazon Pay provider option \`${path}\` is invalid: ${message}`
  )
}

/**
 * Parses and checks the options, including that the private key really is an RSA private key, so a
 * broken key stops start-up instead of the first checkout. Throws a MedusaError naming the option.
 */
export function parseAmazonPayOptions(raw: unknown): AmazonPayOptions {
  const parsed = amazonPayOptionsSchema.safeParse(raw ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const keys = issue.code === "unrecognized_keys" ? issue.keys : []
    const path = [...issue.path, ...keys].join(".") || "(options)"
    // zod v4 does not put the input into issue messages, so no secret can be echoed here.
    throw invalidOption(path, issue.message)
  }
  loadPrivateKey(parsed.data)
  return parsed.data
}

/** Reads and parses the configured key; errors say which option is wrong, never the key. */
export function loadPrivateKey(options: Pick<AmazonPayOptions, "privateKey" | "privateKeyPath">) {
  const option = options.privateKey !== undefined ? "privateKey" : "privateKeyPath"
  let pem: string
  try {
    pem = options.privateKey ?? readFileSync(options.privateKeyPath as string, "utf8")
  } catch {
    throw invalidOption(option, "the file cannot be read")
  }
  try {
    const key = createPrivateKey(pem)
    if (key.asymmetricKeyType !== "rsa" && key.asymmetricKeyType !== "rsa-pss") {
      throw new Error("not RSA")
    }
    return key
  } catch {
    throw invalidOption(option, "it is not a PEM-encoded RSA private key")
  }
}

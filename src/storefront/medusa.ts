/**
 * The Medusa side of an Amazon Pay checkout, through the store's `@medusajs/js-sdk` instance (a
 * peer: the kit never bundles or creates one, so it works with the browser SDK and with server
 * actions alike; `headers` carries e.g. the Next.js starter's auth headers):
 *
 * 1. `startAmazonPay`: initiate the Amazon Pay payment session, read the signed button configuration.
 * 2. `handAmazonCheckoutToCart` / `continueToAmazonPay`: back on the review URL, give the session the
 *    `amazonCheckoutSessionId`; the provider sets the amount and returns `amazonPayRedirectUrl`,
 *    where the buyer confirms the payment.
 * 3. `finishAmazonPay`: on the result URL, complete the cart (handing the id over first in the
 *    end-of-checkout flow, where no review step did it).
 * `applyAmazonBuyerToCart` copies the Amazon buyer's email, name and addresses onto the cart
 * (`POST /store/amazon-pay/carts/{cart_id}/buyer`, which checks the checkout belongs to the cart).
 */
import type Medusa from "@medusajs/js-sdk"
import { readButtonConfig, type AmazonPayButtonConfig } from "./button-config"
import { AmazonPayStorefrontError } from "./storefront-error"
import { isAmazonCheckoutSessionId } from "./return-url"
import { amazonPaySessionData, type AmazonPaySessionInput } from "./session-input"

/** The part of the Medusa JS SDK the kit uses. */
export type MedusaStoreSdk = Pick<Medusa, "store" | "client">
export type StoreCart = Parameters<Medusa["store"]["payment"]["initiatePaymentSession"]>[0]
export type StorePaymentCollection = Awaited<ReturnType<Medusa["store"]["payment"]["initiatePaymentSession"]>>["payment_collection"]
export type StorePaymentSession = NonNullable<StorePaymentCollection["payment_sessions"]>[number]
export type StoreCompleteCartResponse = Awaited<ReturnType<Medusa["store"]["cart"]["complete"]>>
export type StoreOrder = Extract<StoreCompleteCartResponse, { type: "order" }>["order"]

/** Session data besides the checkout id: per-session return URLs, `addressDetails`, `productType`. */
export type AmazonPaySessionExtras = Omit<AmazonPaySessionInput, "amazonCheckoutSessionId">

/** Provider registered with `id: "amazon-pay"` (README "Install in a store"). */
export const AMAZON_PAY_PROVIDER_ID = "pp_amazon-pay_amazon-pay"

export interface MedusaCallOptions {
  /** The Amazon Pay provider's Medusa id. @default "pp_amazon-pay_amazon-pay" */
  providerId?: string
  /** Extra request headers (e.g. `authorization` for a logged-in customer). */
  headers?: Record<string, string>
}

/** The Amazon Pay payment session of a cart (`cart.payment_collection`) or of a payment collection. */
export function findAmazonPaySession(
  holder: { payment_collection?: { payment_sessions?: StorePaymentSession[] | null } | null } | { payment_sessions?: StorePaymentSession[] | null } | null | undefined,
  providerId = AMAZON_PAY_PROVIDER_ID
): StorePaymentSession | undefined {
  const sessions = holder && "payment_sessions" in holder ? holder.payment_sessions : holder && "payment_collection" in holder ? holder.payment_collection?.payment_sessions : undefined
  return (sessions ?? []).find((session) => session.provider_id === providerId)
}

/** Initiates (Medusa replaces) the cart's Amazon Pay payment session with validated `data`. */
export async function initiateAmazonPaySession(
  sdk: MedusaStoreSdk,
  cart: StoreCart,
  input: AmazonPaySessionInput = {},
  options: MedusaCallOptions = {}
): Promise<StorePaymentSession> {
  const providerId = options.providerId ?? AMAZON_PAY_PROVIDER_ID
  const { payment_collection } = await sdk.store.payment.initiatePaymentSession(
    cart,
    { provider_id: providerId, data: amazonPaySessionData(input) },
    {},
    options.headers
  )
  const session = findAmazonPaySession(payment_collection, providerId)
  if (!session) {
    throw new AmazonPayStorefrontError("NoAmazonPaySession", `Medusa returned no ${providerId} payment session: is Amazon Pay enabled for the cart's region?`)
  }
  return session
}

/** Step 1: the signed button configuration for this cart. */
export async function startAmazonPay(
  sdk: MedusaStoreSdk,
  cart: StoreCart,
  input: AmazonPaySessionExtras = {},
  options: MedusaCallOptions = {}
): Promise<{ button: AmazonPayButtonConfig; session: StorePaymentSession }> {
  const session = await initiateAmazonPaySession(sdk, cart, input, options)
  return { button: readButtonConfig(session.data), session }
}

function redirectUrlOf(data: Record<string, unknown> | null | undefined): string | null {
  const value = data?.amazonPayRedirectUrl
  if (typeof value !== "string") {
    return null
  }
  try {
    return /^https?:$/.test(new URL(value).protocol) ? value : null
  } catch {
    return null
  }
}

/** Step 2: hands the buyer's Amazon checkout to the cart; `amazonPayRedirectUrl` is where the buyer confirms. */
export async function handAmazonCheckoutToCart(
  sdk: MedusaStoreSdk,
  cart: StoreCart,
  amazonCheckoutSessionId: string,
  input: AmazonPaySessionExtras = {},
  options: MedusaCallOptions = {}
): Promise<{ amazonPayRedirectUrl: string | null; session: StorePaymentSession }> {
  const session = await initiateAmazonPaySession(sdk, cart, { ...input, amazonCheckoutSessionId }, options)
  return { amazonPayRedirectUrl: redirectUrlOf(session.data), session }
}

/** Step 2 in a browser: hand the checkout over, then send the buyer to Amazon to confirm. */
export async function continueToAmazonPay(
  sdk: MedusaStoreSdk,
  cart: StoreCart,
  amazonCheckoutSessionId: string,
  input: AmazonPaySessionExtras = {},
  options: MedusaCallOptions & { navigate?: (url: string) => void } = {}
): Promise<string> {
  const { amazonPayRedirectUrl } = await handAmazonCheckoutToCart(sdk, cart, amazonCheckoutSessionId, input, options)
  if (!amazonPayRedirectUrl) {
    throw new AmazonPayStorefrontError("NoRedirectUrl", "Amazon Pay returned no page for the buyer to confirm the payment: start the Amazon Pay checkout again")
  }
  ;(options.navigate ?? ((url: string) => window.location.assign(url)))(amazonPayRedirectUrl)
  return amazonPayRedirectUrl
}

export type AmazonPayCompletion =
  | { type: "order"; order: StoreOrder }
  | {
      type: "cart"
      cart: Extract<StoreCompleteCartResponse, { type: "cart" }>["cart"]
      /** Medusa's message, e.g. Amazon's decline reason: show it to the buyer. */
      message: string
      /** Set when the buyer must confirm again on Amazon (e.g. the cart total changed): send them to `amazonPayRedirectUrl`. */
      buyerActionRequired: string | null
      amazonPayRedirectUrl: string | null
    }

/** The payment session's `buyerActionRequired.message`, when the provider asks the buyer to confirm again. */
function buyerActionOf(data: Record<string, unknown> | null | undefined): string | null {
  const action = data?.buyerActionRequired
  return typeof action === "object" && action !== null && typeof (action as { message?: unknown }).message === "string"
    ? (action as { message: string }).message
    : null
}

/** Completes the cart; a failed payment comes back as `type: "cart"` with what to show or do. */
export async function completeAmazonPayCart(sdk: MedusaStoreSdk, cartId: string, options: MedusaCallOptions = {}): Promise<AmazonPayCompletion> {
  const result = await sdk.store.cart.complete(cartId, {}, options.headers)
  if (result.type === "order") {
    return { type: "order", order: result.order }
  }
  const session = findAmazonPaySession(result.cart, options.providerId)
  return {
    type: "cart",
    cart: result.cart,
    message: result.error?.message ?? "The payment was not completed",
    buyerActionRequired: buyerActionOf(session?.data),
    amazonPayRedirectUrl: redirectUrlOf(session?.data),
  }
}

/**
 * Step 3, on the result URL. In the express flow the review step already handed the checkout to
 * the payment session (its `data.checkoutSessionId` matches) and the cart is completed as it is;
 * in the end-of-checkout flow (store-collected address) the id is handed over first, with `input`
 * (send the same `addressDetails` as for the button). `cart` must include
 * `payment_collection.payment_sessions`.
 */
export async function finishAmazonPay(
  sdk: MedusaStoreSdk,
  cart: StoreCart,
  amazonCheckoutSessionId: string,
  input: AmazonPaySessionExtras = {},
  options: MedusaCallOptions = {}
): Promise<AmazonPayCompletion> {
  if (!isAmazonCheckoutSessionId(amazonCheckoutSessionId)) {
    throw new AmazonPayStorefrontError("InvalidCheckoutSessionId", "amazonCheckoutSessionId is not an Amazon Checkout Session id")
  }
  const session = findAmazonPaySession(cart, options.providerId)
  if (session?.data?.checkoutSessionId !== amazonCheckoutSessionId) {
    await initiateAmazonPaySession(sdk, cart, { ...input, amazonCheckoutSessionId }, options)
  }
  return completeAmazonPayCart(sdk, cart.id, options)
}

/**
 * Copies the Amazon buyer (email, name, shipping and billing address) onto the cart, after the
 * store checked that the Amazon checkout belongs to this cart. For the express flow's review page,
 * before shipping options are listed.
 */
export async function applyAmazonBuyerToCart(
  sdk: MedusaStoreSdk,
  cartId: string,
  amazonCheckoutSessionId: string,
  options: Pick<MedusaCallOptions, "headers"> = {}
): Promise<{ cart: StoreCart }> {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(cartId)) {
    throw new AmazonPayStorefrontError("InvalidSessionInput", "cartId is not a Medusa cart id")
  }
  if (!isAmazonCheckoutSessionId(amazonCheckoutSessionId)) {
    throw new AmazonPayStorefrontError("InvalidCheckoutSessionId", "amazonCheckoutSessionId is not an Amazon Checkout Session id")
  }
  const response = await sdk.client.fetch<{ cart?: StoreCart }>(`/store/amazon-pay/carts/${encodeURIComponent(cartId)}/buyer`, {
    method: "POST",
    body: { amazon_checkout_session_id: amazonCheckoutSessionId },
    headers: options.headers,
  })
  if (!response || typeof response.cart !== "object" || response.cart === null || response.cart.id !== cartId) {
    throw new AmazonPayStorefrontError("InvalidResponse", "The store answered without this cart")
  }
  return { cart: response.cart }
}

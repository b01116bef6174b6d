/**
 * One checkout of each kind, split so that only `POST /store/carts/:id/complete` is timed.
 *
 * Amazon Pay: the express flow of src/providers/amazon-pay/README.md ("Storefront contract"), like
 * tools/test-kit/amazon-pay-buyer.ts `payWithAmazonPay`, but stopping before the
 * completion: everything the buyer does on Amazon's pages (the sandbox's control API) happens before
 * the clock starts, as it does in a real store, where it is minutes of the buyer's time.
 * System: Medusa's `pp_system_default`, one payment session, then the same completion.
 *
 * The Amazon API requests each part costs are read from the in-process sandbox (`requestCounts()`),
 * cleared before and read after each part, so they belong to this checkout as long as nothing else
 * talks to Amazon meanwhile (IPN handling does, 5 s later: see round-trips.ts).
 */
import { AMAZON_PAY_PROVIDER_ID } from "../../test-kit/amazon-pay-buyer"
import type { RequestCounts } from "../../../src/sandbox"
import type { BootedStore } from "../../store/boot-store"
import { timed, type Window } from "./stats"

export type ProviderKind = "amazon" | "system"
export const SYSTEM_PROVIDER_ID = "pp_system_default"

export interface CompletedCheckout {
  provider: ProviderKind
  orderId: string
  completionMs: number
  window: Window
  /** Amazon API requests while the cart was prepared (payment sessions) and during the completion. */
  before: RequestCounts
  during: RequestCounts
}

/** A cart with a line item, address and shipping method: ready for a payment session. */
async function readyCart(store: BootedStore): Promise<string> {
  const cart = await store.storefront.cartReadyForPayment({ regionId: store.store.regions.usd, variantId: store.store.variantId })
  return cart.id
}

/**
 * The buyer's side of an Amazon Pay checkout up to (not including) the completion: the signed
 * button, the buyer's review leg on Amazon, the new session with `amazonCheckoutSessionId` (the
 * provider puts the amount and the result URL on Amazon's session), the buyer's confirmation leg.
 */
async function confirmWithAmazonPay(store: BootedStore, cartId: string): Promise<void> {
  const { storefront, control } = store
  const first = await storefront.initiatePaymentSession(cartId, AMAZON_PAY_PROVIDER_ID, {})
  if (!first.data?.button?.payloadJSON) {
    throw new Error(`cart ${cartId}: the Amazon Pay session has no button config`)
  }
  const { checkoutSessionId } = await control.clickButton(first.data.button)
  await control.approve(checkoutSessionId)
  const amazonCheckoutSessionId = checkoutSessionId
  const session = await storefront.initiatePaymentSession(cartId, AMAZON_PAY_PROVIDER_ID, { amazonCheckoutSessionId })
  if (!String(session.data?.amazonPayRedirectUrl ?? "").includes(checkoutSessionId)) {
    throw new Error(`cart ${cartId}: the session has no amazonPayRedirectUrl for ${checkoutSessionId}`)
  }
  const result = await control.approve(checkoutSessionId, "success")
  if (result.step !== "result") {
    throw new Error(`cart ${cartId}: the buyer's confirmation on Amazon ended at the ${result.step} step`)
  }
}

/** Cart, payment session(s), then the timed completion; throws unless an order comes back. */
export async function checkout(store: BootedStore, provider: ProviderKind): Promise<CompletedCheckout> {
  const cartId = await readyCart(store)
  store.sandbox.clearRequestCounts()
  if (provider === "amazon") {
    await confirmWithAmazonPay(store, cartId)
  } else {
    await store.storefront.initiatePaymentSession(cartId, SYSTEM_PROVIDER_ID, {})
  }
  const before = store.sandbox.requestCounts()
  store.sandbox.clearRequestCounts()
  const { result, elapsedMs, window } = await timed(() => store.storefront.completeCart(cartId))
  const during = store.sandbox.requestCounts()
  if (result.type !== "order") {
    throw new Error(`${provider} cart ${cartId} did not complete: ${result.error.message}`)
  }
  return { provider, orderId: result.order.id, completionMs: elapsedMs, window, before, during }
}

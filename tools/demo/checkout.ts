/**
 * One checkout, as a storefront and a buyer would do it, through the Store API and Amazon's side
 * (the sandbox's buyer endpoints): the express flow of src/providers/amazon-pay/README.md,
 * "Storefront contract".
 */
import { SandboxControl } from "../test-kit/amazon-pay-buyer"
import { Storefront, US_ADDRESS } from "../test-kit/storefront"
import type { StoreFixture } from "../test-kit/store-fixture"
import type { AmazonView } from "./amazon-view"
import { AMAZON_PAY_PROVIDER_ID } from "./settings"
import { say } from "./say"

export interface PlacedOrder {
  orderId: string
  total: number
  currencyCode: string
  checkoutSessionId: string
}

const BUYER_EMAIL = "buyer@example.com"
/** Medusa answers totals as numbers in major units (60 for USD 60.00); display only. */
const money = (amount: number, currency: string) => `${currency.toUpperCase()} ${amount.toFixed(currency.toLowerCase() === "jpy" ? 0 : 2)}`

export async function walkCheckout(storefront: Storefront, store: StoreFixture, amazon: AmazonView): Promise<PlacedOrder> {
  const sandbox: SandboxControl = amazon.sandbox
  const cart = await storefront.createCart({ region_id: store.regions.usd })
  await storefront.addLineItem(cart.id, store.variantId, 1)
  await storefront.setAddress(cart.id, BUYER_EMAIL, US_ADDRESS)
  const [option] = await storefront.listShippingOptions(cart.id)
  if (!option) {
    throw new Error(`no shipping option for cart ${cart.id}`)
  }
  const ready = await storefront.addShippingMethod(cart.id, option.id)
  say.step(`cart ${cart.id}: 1 × ${ready.items[0].title}, ship to ${US_ADDRESS.city} by "${option.name}" -> total ${money(ready.total, ready.currency_code)}`)

  const first = await storefront.initiatePaymentSession(cart.id, AMAZON_PAY_PROVIDER_ID)
  const button = first.data?.button
  if (!button?.payloadJSON) {
    throw new Error(`the Amazon Pay session has no button config: ${Object.keys(first.data ?? {}).join(", ")}`)
  }
  say.step(
    `payment session ${first.id} (${AMAZON_PAY_PROVIDER_ID}): signed button for ${button.chargeAmount.currencyCode} ${button.chargeAmount.amount} ` +
      `(${button.algorithm}, key ${button.publicKeyId}, productType ${button.productType})`
  )

  const { checkoutSessionId, buyerPageUrl } = await sandbox.clickButton(button)
  say.step(`buyer clicked "Amazon Pay" -> checkout session ${checkoutSessionId} (${await amazon.checkoutSessionState(checkoutSessionId)}), buyer page ${buyerPageUrl}`)

  const review = await sandbox.approve(checkoutSessionId)
  say.step(`buyer picked address and card on Amazon (${review.step} leg) -> back at ${review.redirectUrl}`)

  const session = await storefront.initiatePaymentSession(cart.id, AMAZON_PAY_PROVIDER_ID, { amazonCheckoutSessionId: checkoutSessionId })
  const redirect = session.data?.amazonPayRedirectUrl
  if (!redirect) {
    throw new Error(`the re-created session has no amazonPayRedirectUrl (keys: ${Object.keys(session.data ?? {}).join(", ")})`)
  }
  say.step(`storefront re-created the session with {amazonCheckoutSessionId} -> amazonPayRedirectUrl ${redirect}`)

  const result = await sandbox.approve(checkoutSessionId, "success")
  say.step(`buyer confirmed the payment on Amazon (${result.step} leg) -> back at ${result.redirectUrl}`)

  const completed = await storefront.completeCart(cart.id)
  if (completed.type !== "order") {
    throw new Error(`cart completion failed: ${completed.error.message}`)
  }
  const order = completed.order
  say.step(`cart completed -> order ${order.id} for ${money(order.total, order.currency_code)} (checkout session ${await amazon.checkoutSessionState(checkoutSessionId)})`)
  return { orderId: order.id, total: order.total, currencyCode: order.currency_code, checkoutSessionId }
}

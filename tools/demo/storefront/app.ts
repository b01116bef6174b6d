/// <reference lib="dom" />
/**
 * The demo storefront's browser code, built on `medusa-payment-amazon-pay/storefront` and
 * `@medusajs/js-sdk` (bundled by server.ts with esbuild). One page script for four paths:
 *   /                              product, cart, the express Amazon Pay button, the checkout form
 *                                  whose Amazon Pay button ships to the address the store collected
 *   /checkout/amazon-pay/review    express: the Amazon buyer applied to the cart, shipping, totals,
 *                                  "Continue to Amazon Pay" to confirm
 *   /checkout/amazon-pay/result    complete the cart: the order confirmation with its display id
 *   /cart                          the buyer canceled on Amazon's page
 * Every return URL is built from this page's own origin and sent with the payment session, so
 * `localhost` and `127.0.0.1` both work.
 */
import Medusa from "@medusajs/js-sdk"
import {
  addressDetailsFromMedusa,
  applyAmazonBuyerToCart,
  continueToAmazonPay,
  finishAmazonPay,
  readAmazonCheckoutSessionId,
  renderAmazonPayButton,
  startAmazonPay,
  type AmazonPaySessionExtras,
} from "../../../src/storefront"

export interface DemoStorefrontConfig {
  medusaUrl: string
  publishableKey: string
  regionId: string
  variantId: string
  productTitle: string
  sandboxUrl: string
}

const config = JSON.parse(document.getElementById("config")?.textContent ?? "{}") as DemoStorefrontConfig
const sdk = new Medusa({ baseUrl: config.medusaUrl, publishableKey: config.publishableKey })
const CART_KEY = "amazon_pay_demo_cart"
const EXTRAS_KEY = "amazon_pay_demo_session_extras"
const CART_FIELDS = "*items,*shipping_address,*billing_address,*shipping_methods,*payment_collection,*payment_collection.payment_sessions,*region.countries"
const origin = window.location.origin
const urls = {
  review: `${origin}/checkout/amazon-pay/review`,
  result: `${origin}/checkout/amazon-pay/result`,
  cancel: `${origin}/cart`,
}

type Cart = Awaited<ReturnType<typeof sdk.store.cart.retrieve>>["cart"]

const $ = (id: string) => document.getElementById(id) as HTMLElement
const escapeHtml = (value: unknown) => String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const money = (amount: unknown, currency: string | undefined) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: (currency ?? "usd").toUpperCase() }).format(Number(amount ?? 0))

function show(html: string): void {
  $("app").innerHTML = html
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error)
  const box = document.getElementById("error") ?? $("app").appendChild(Object.assign(document.createElement("p"), { id: "error" }))
  box.setAttribute("role", "alert")
  box.textContent = message
}

async function currentCart(): Promise<Cart | null> {
  const id = localStorage.getItem(CART_KEY)
  if (!id) return null
  try {
    const { cart } = await sdk.store.cart.retrieve(id, { fields: CART_FIELDS })
    return cart.completed_at ? null : cart
  } catch {
    localStorage.removeItem(CART_KEY)
    return null
  }
}

function cartSummary(cart: Cart): string {
  const items = (cart.items ?? [])
    .map((item) => `<li>${escapeHtml(item.quantity)} × ${escapeHtml(item.product_title ?? item.title)} <span>${money(item.total, cart.currency_code)}</span></li>`)
    .join("")
  const shipping = cart.shipping_methods?.length ? `<p>Shipping: <span id="shipping-total">${money(cart.shipping_total, cart.currency_code)}</span></p>` : ""
  return `<section class="card" aria-label="Cart"><h2>Cart</h2><ul id="cart-items">${items}</ul>${shipping}
<p class="total">Total: <span id="cart-total">${money(cart.total, cart.currency_code)}</span></p></section>`
}

/** The first shipping option for the cart's address (the demo's store has one). */
async function shipCart(cart: Cart): Promise<Cart> {
  const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cart.id })
  const option = shipping_options[0]
  if (!option) throw new Error("No shipping option for this address")
  await sdk.store.cart.addShippingMethod(cart.id, { option_id: option.id })
  return (await sdk.store.cart.retrieve(cart.id, { fields: CART_FIELDS })).cart
}

async function renderButton(target: string, cart: Cart, extras: AmazonPaySessionExtras, placement: "Cart" | "Checkout"): Promise<void> {
  sessionStorage.setItem(EXTRAS_KEY, JSON.stringify(extras))
  const { button } = await startAmazonPay(sdk, cart, extras)
  await renderAmazonPayButton(target, button, { script: { sandboxUrl: config.sandboxUrl }, placement })
}

const ADDRESS_FIELDS: Array<[string, string, string]> = [
  ["email", "Email", "email"],
  ["first_name", "First name", "text"],
  ["last_name", "Last name", "text"],
  ["address_1", "Address", "text"],
  ["city", "City", "text"],
  ["province", "State", "text"],
  ["postal_code", "Postal code", "text"],
  ["phone", "Phone", "tel"],
]

function checkoutForm(cart: Cart): string {
  const countries = (cart.region?.countries ?? [])
    .map((c) => `<option value="${escapeHtml(c.iso_2)}">${escapeHtml(c.display_name ?? c.iso_2)}</option>`)
    .join("")
  const fields = ADDRESS_FIELDS.map(
    ([name, label, type]) => `<label>${label} <input name="${name}" type="${type}" ${name === "province" || name === "phone" ? "" : "required"}></label>`
  ).join("")
  return `<section class="card" aria-label="Checkout"><h2>Checkout</h2>
<form id="address-form">${fields}<label>Country <select name="country_code">${countries}</select></label>
<button type="submit" id="to-payment">Continue to payment</button></form>
<div id="amazon-pay-checkout"></div></section>`
}

async function shopPage(notice = ""): Promise<void> {
  const cart = await currentCart()
  show(`${notice}<section class="card" aria-label="Product"><h2>${escapeHtml(config.productTitle)}</h2>
<button type="button" id="add-to-cart">Add to cart</button></section>
${cart?.items?.length ? `${cartSummary(cart)}<section class="card" aria-label="Express checkout"><h2>Express checkout</h2>
<p class="muted">Pay with the address and payment method in your Amazon account.</p><div id="amazon-pay-express"></div></section>${checkoutForm(cart)}` : `<p id="empty-cart">Your cart is empty.</p>`}`)
  $("add-to-cart").addEventListener("click", () => void addToCart().catch(fail))
  if (!cart?.items?.length) return
  $("address-form").addEventListener("submit", (event) => {
    event.preventDefault()
    $("to-payment").setAttribute("disabled", "")
    void payWithCollectedAddress(cart, new FormData(event.target as HTMLFormElement)).catch(fail)
  })
  await renderButton("#amazon-pay-express", cart, { checkoutReviewReturnUrl: urls.review, checkoutCancelUrl: urls.cancel }, "Cart")
}

async function addToCart(): Promise<void> {
  let id = localStorage.getItem(CART_KEY)
  if (!id || !(await currentCart())) {
    id = (await sdk.store.cart.create({ region_id: config.regionId })).cart.id
    localStorage.setItem(CART_KEY, id)
  }
  await sdk.store.cart.createLineItem(id, { variant_id: config.variantId, quantity: 1 })
  await shopPage()
}

/** The store collected the address: shipping and totals first, then Amazon Pay charges exactly that. */
async function payWithCollectedAddress(cart: Cart, form: FormData): Promise<void> {
  const value = (name: string) => String(form.get(name) ?? "").trim()
  const address = Object.fromEntries(
    ["first_name", "last_name", "address_1", "city", "province", "postal_code", "country_code", "phone"].flatMap((k) => (value(k) ? [[k, value(k)]] : []))
  )
  await sdk.store.cart.update(cart.id, { email: value("email"), shipping_address: address, billing_address: address })
  const shipped = await shipCart((await sdk.store.cart.retrieve(cart.id, { fields: CART_FIELDS })).cart)
  $("amazon-pay-checkout").insertAdjacentHTML("beforebegin", `<p>Order total with shipping: <strong id="checkout-total">${money(shipped.total, shipped.currency_code)}</strong></p>`)
  const addressDetails = addressDetailsFromMedusa(shipped.shipping_address ?? {})
  await renderButton("#amazon-pay-checkout", shipped, { addressDetails, checkoutResultReturnUrl: urls.result, checkoutCancelUrl: urls.cancel }, "Checkout")
}

/** Express, back from Amazon's first leg: the buyer's address onto the cart, shipping, then confirm on Amazon. */
async function reviewPage(): Promise<void> {
  const checkoutSessionId = readAmazonCheckoutSessionId(window.location)
  const cart = await currentCart()
  if (!checkoutSessionId || !cart) {
    show(`<p id="error" role="alert">No Amazon Pay checkout to review. <a href="/">Back to the shop</a></p>`)
    return
  }
  show(`<p role="status">Reading your Amazon Pay details…</p>`)
  await applyAmazonBuyerToCart(sdk, cart.id, checkoutSessionId)
  const shipped = await shipCart((await sdk.store.cart.retrieve(cart.id, { fields: CART_FIELDS })).cart)
  const a = shipped.shipping_address
  show(`<h1>Review your order</h1>${cartSummary(shipped)}
<section class="card" aria-label="Delivery"><h2>Delivery</h2><p>Email: <span id="buyer-email">${escapeHtml(shipped.email)}</span></p>
<p id="shipping-address">${escapeHtml([[a?.first_name, a?.last_name].filter(Boolean).join(" "), a?.address_1, a?.city, a?.province, a?.postal_code, a?.country_code?.toUpperCase()].filter(Boolean).join(", "))}</p></section>
<button type="button" id="confirm">Continue to Amazon Pay</button>`)
  $("confirm").addEventListener("click", () => {
    const extras = { checkoutResultReturnUrl: urls.result, checkoutCancelUrl: urls.cancel }
    sessionStorage.setItem(EXTRAS_KEY, JSON.stringify(extras))
    void continueToAmazonPay(sdk, shipped, checkoutSessionId, extras).catch(fail)
  })
}

/** Back from Amazon's last leg: complete the cart; the order's display id, or why it failed. */
async function resultPage(): Promise<void> {
  const checkoutSessionId = readAmazonCheckoutSessionId(window.location)
  const cart = await currentCart()
  if (!checkoutSessionId || !cart) {
    show(`<p id="error" role="alert">No Amazon Pay payment to finish. <a href="/">Back to the shop</a></p>`)
    return
  }
  show(`<p role="status">Placing your order…</p>`)
  const extras = JSON.parse(sessionStorage.getItem(EXTRAS_KEY) ?? "{}") as AmazonPaySessionExtras
  const result = await finishAmazonPay(sdk, cart, checkoutSessionId, extras)
  if (result.type === "order") {
    localStorage.removeItem(CART_KEY)
    sessionStorage.removeItem(EXTRAS_KEY)
    show(`<h1>Thank you for your order</h1><section class="card" aria-label="Order confirmation">
<p>Order <strong id="order-display-id">#${escapeHtml(result.order.display_id)}</strong></p>
<p>Total: <span id="order-total">${money(result.order.total, result.order.currency_code)}</span></p>
<p>Confirmation sent to <span id="order-email">${escapeHtml(result.order.email)}</span></p></section><p><a href="/">Continue shopping</a></p>`)
    return
  }
  show(`<h1>Your payment did not go through</h1><p id="payment-error" role="alert">${escapeHtml(result.message)}</p>
<p><a href="/" id="back-to-cart">Back to your cart</a> to try again.</p>`)
}

const routes: Record<string, () => Promise<void>> = {
  "/": () => shopPage(),
  "/cart": () => shopPage(`<p id="canceled" role="status" class="notice">You canceled the Amazon Pay checkout. Your cart is still here.</p>`),
  "/checkout/amazon-pay/review": reviewPage,
  "/checkout/amazon-pay/result": resultPage,
}

void (routes[window.location.pathname] ?? (() => Promise.resolve(show(`<p>Not found. <a href="/">Shop</a></p>`))))()
  .catch(fail)
  .finally(() => document.body.setAttribute("data-ready", "true"))

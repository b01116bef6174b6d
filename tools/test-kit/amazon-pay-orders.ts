/**
 * Test-side shortcuts over the fixture for Amazon Pay suites: place an order paid with Amazon Pay,
 * and check Medusa's money against the sandbox ledger (what Amazon really moved).
 */
import { payWithAmazonPay, type BuyerOutcome, type SandboxControl } from "./amazon-pay-buyer"
import { sumMinor, toMinor } from "./admin-orders"
import type { CheckoutContext } from "./checkout-context"
import { JP_ADDRESS } from "./storefront"

export interface AmazonPayOrder {
  order: any
  payment: any
  /** As the payment data says (tests of hostile input take it from Amazon instead: amazon-pay-audit.ts). */
  permissionId: string
  button: Record<string, any>
  /** The Amazon checkout session the buyer paid with. */
  checkoutSessionId: string
}

/**
 * A USD cart of `quantity` seeded shirts (total 50 x quantity + 10 shipping: 60, 110, ...) ready for
 * payment, as `placeAmazonPayOrder` and the adversarial suites use it.
 */
export function usdCart(ctx: CheckoutContext, quantity = 1): Promise<any> {
  return ctx.storefront.cartReadyForPayment({ regionId: ctx.store.regions.usd, variantId: ctx.store.variantId, quantity })
}

/**
 * Carts ready for payment, made once per test file: call inside `amazonPayStoreSuite`'s body, so
 * this `beforeAll` runs after the store is seeded and before the runner snapshots the database; the
 * runner restores that snapshot before every test, so each test gets the same fresh, unpaid carts
 * without the five Store API calls a cart costs. USD carts hold `quantity` shirts (50 each + 10
 * shipping), the JPY one a shirt (6000 with shipping).
 */
export function readyCarts<K extends string>(
  suite: { readonly ctx: CheckoutContext },
  specs: Record<K, { quantity?: number; currency?: "usd" | "jpy" }>
): () => Record<K, any> {
  let carts: Record<K, any> | undefined
  beforeAll(async () => {
    const made: Array<[string, any]> = []
    for (const [name, spec] of Object.entries<{ quantity?: number; currency?: "usd" | "jpy" }>(specs)) {
      const cart =
        spec.currency === "jpy"
          ? await suite.ctx.storefront.cartReadyForPayment({ regionId: suite.ctx.store.regions.jpy, variantId: suite.ctx.store.variantId, address: JP_ADDRESS })
          : await usdCart(suite.ctx, spec.quantity ?? 1)
      made.push([name, cart])
    }
    carts = Object.fromEntries(made) as Record<K, any>
  })
  return () => {
    if (!carts) throw new Error("readyCarts: the carts are made in beforeAll; read them inside tests")
    return carts
  }
}

/** A cart ready for payment (USD unless given), paid with Amazon Pay: the order must be placed. */
export async function placeAmazonPayOrder(
  ctx: CheckoutContext,
  sandbox: SandboxControl,
  options: { cart?: any; outcome?: BuyerOutcome; afterButton?: () => Promise<void>; data?: Record<string, unknown> } = {}
): Promise<AmazonPayOrder> {
  const cart = options.cart ?? (await usdCart(ctx))
  const checkout = await payWithAmazonPay(ctx.storefront, sandbox, cart.id, { outcome: options.outcome, afterButton: options.afterButton, data: options.data })
  if (checkout.result.type !== "order") {
    throw new Error(`cart completion failed: ${checkout.result.error.message}`)
  }
  const [payment] = await ctx.admin.payments(checkout.result.order.id)
  return {
    order: checkout.result.order,
    payment,
    permissionId: payment?.data?.chargePermissionId,
    button: checkout.button,
    checkoutSessionId: checkout.checkoutSessionId,
  }
}

/** Medusa's captured and refunded totals for the payment equal the ledger of its charge permission. */
export async function expectMedusaMatchesLedger(ctx: CheckoutContext, sandbox: SandboxControl, paymentId: string, permissionId: string, decimals = 2) {
  const payment = await ctx.admin.getPayment(paymentId)
  const ledger = (await sandbox.ledger()).chargePermissions[permissionId]
  expect({ captured: sumMinor(payment.captures, decimals), refunded: sumMinor(payment.refunds, decimals) }).toEqual({
    captured: toMinor(ledger.captured, decimals),
    refunded: toMinor(ledger.refunded, decimals),
  })
  return { payment, ledger }
}

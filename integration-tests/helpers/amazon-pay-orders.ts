/**
 * Test-side shortcuts over the fixture for Amazon Pay suites: place an order paid with Amazon Pay,
 * and check Medusa's money against the sandbox ledger (what Amazon really moved).
 */
import { payWithAmazonPay, type BuyerOutcome, type SandboxControl } from "./amazon-pay-buyer"
import { sumMinor, toMinor } from "./admin-orders"
import type { CheckoutContext } from "./checkout-context"

export interface AmazonPayOrder {
  order: any
  payment: any
  permissionId: string
  button: Record<string, any>
}

/** A cart ready for payment (USD unless given), paid with Amazon Pay: the order must be placed. */
export async function placeAmazonPayOrder(
  ctx: CheckoutContext,
  sandbox: SandboxControl,
  options: { cart?: any; outcome?: BuyerOutcome; afterButton?: () => Promise<void> } = {}
): Promise<AmazonPayOrder> {
  const cart = options.cart ?? (await ctx.storefront.cartReadyForPayment({ regionId: ctx.store.regions.usd, variantId: ctx.store.variantId }))
  const checkout = await payWithAmazonPay(ctx.storefront, sandbox, cart.id, { outcome: options.outcome, afterButton: options.afterButton })
  if (checkout.result.type !== "order") {
    throw new Error(`cart completion failed: ${checkout.result.error.message}`)
  }
  const [payment] = await ctx.admin.payments(checkout.result.order.id)
  return { order: checkout.result.order, payment, permissionId: payment?.data?.chargePermissionId, button: checkout.button }
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

/**
 * One Amazon Pay checkout, step by step, as a storefront, the buyer on Amazon's page and the admin
 * would do it, printing Medusa's and Amazon's states (Amazon's from the sandbox ledger).
 */
import {
  AMAZON_PAY_PROVIDER_ID,
  SandboxControl,
  waitFor,
  type AdminOrders,
  type StoreFixture,
  type Storefront,
} from "../../integration-tests/helpers"

export interface WalkInput {
  storefront: Storefront
  admin: AdminOrders
  store: StoreFixture
  sandboxUrl: string
  print: (line: string) => void
  step: (title: string) => void
}

export async function walkAmazonPayCheckout({ storefront, admin, store, sandboxUrl, print, step }: WalkInput): Promise<void> {
  if (!store.paymentProviders.includes(AMAZON_PAY_PROVIDER_ID)) {
    throw new Error(`${AMAZON_PAY_PROVIDER_ID} is not enabled in the regions (got ${store.paymentProviders.join(", ")})`)
  }
  const sandbox = new SandboxControl(sandboxUrl)
  const amazonStates = async (permissionId: string) => {
    const permission = (await sandbox.ledger()).chargePermissions[permissionId]
    const charges = permission.charges
      .map((c) => `${c.chargeId} ${c.state} ${c.chargeAmount}${c.captureAmount ? ` (captured ${c.captureAmount})` : ""}`)
      .join("; ")
    const refunds = permission.refunds.map((r) => `${r.refundId} ${r.state} ${r.refundAmount}`).join("; ")
    return `Amazon: authorized ${permission.authorized}, captured ${permission.captured}, refunded ${permission.refunded} ${permission.currencyCode}; charges [${charges}]; refunds [${refunds}]`
  }

  step("Storefront: cart")
  const cart = await storefront.cartReadyForPayment({ regionId: store.regions.usd, variantId: store.variantId, quantity: 2 })
  print(`cart ${cart.id}: ${cart.items.length} line item(s), shipping chosen, total ${cart.total} ${cart.currency_code.toUpperCase()}`)

  step("Storefront: Amazon Pay button")
  const first = await storefront.initiatePaymentSession(cart.id, AMAZON_PAY_PROVIDER_ID, {})
  const button = first.data.button
  print(`payment session ${first.id}: button signed for ${button.chargeAmount.amount} ${button.chargeAmount.currencyCode} (${button.algorithm}, key ${button.publicKeyId})`)

  step("Buyer clicks the button, chooses address and payment method on Amazon")
  const { checkoutSessionId, buyerPageUrl } = await sandbox.clickButton(button)
  print(`Amazon checkout session ${checkoutSessionId} (buyer page ${buyerPageUrl})`)
  const review = await sandbox.approve(checkoutSessionId)
  print(`Amazon sends the buyer back to ${review.redirectUrl}`)

  step("Storefront: review page hands amazonCheckoutSessionId to Medusa")
  const session = await storefront.initiatePaymentSession(cart.id, AMAZON_PAY_PROVIDER_ID, { amazonCheckoutSessionId: checkoutSessionId })
  print(`provider set the amount on Amazon's session; buyer confirms at ${session.data.amazonPayRedirectUrl}`)
  const confirmed = await sandbox.approve(checkoutSessionId, "success")
  print(`buyer confirmed; Amazon returns to ${confirmed.redirectUrl}`)

  step("Storefront: complete the cart")
  const result = await storefront.completeCart(cart.id)
  if (result.type !== "order") {
    throw new Error(`cart completion failed: ${result.error.message}`)
  }
  const orderId = result.order.id
  const [payment] = await admin.payments(orderId)
  const permissionId = payment.data.chargePermissionId as string
  print(`order ${orderId} placed, payment ${payment.id} ${(await admin.getOrder(orderId)).payment_status}`)
  print(`Amazon charge permission ${permissionId} ${payment.data.chargePermissionState}`)
  print(await amazonStates(permissionId))

  step("Admin: capture 30, then the rest")
  await admin.capture(payment.id, 30)
  print(`captured 30: order ${(await admin.getOrder(orderId)).payment_status}; ${await amazonStates(permissionId)}`)
  await admin.capture(payment.id, payment.amount - 30)
  // A second capture is a new Amazon charge, which Amazon may settle a moment later.
  await waitFor(() => sandbox.ledger(), (l) => l.chargePermissions[permissionId].captured === Number(payment.amount).toFixed(2), 30_000)
  print(`captured the rest: order ${(await admin.getOrder(orderId)).payment_status}; ${await amazonStates(permissionId)}`)

  step("Admin: refund 15")
  await admin.refund(payment.id, 15)
  print(`refund requested: ${await amazonStates(permissionId)}`)
  await waitFor(() => sandbox.ledger(), (l) => l.chargePermissions[permissionId].refunded === "15.00", 30_000)
  print(`refund settled: order ${(await admin.getOrder(orderId)).payment_status}; ${await amazonStates(permissionId)}`)
}

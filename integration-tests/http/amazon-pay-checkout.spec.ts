/**
 * Amazon Pay checkouts through Medusa's Store and Admin APIs against the local sandbox (manual
 * capture): button -> buyer on Amazon -> storefront -> cart completion -> admin capture/refund/cancel.
 * Every money movement is checked against the sandbox ledger (what Amazon really moved).
 * The sandbox's pending transitions only happen when a test advances its clock.
 */
import {
  AMAZON_PAY_PROVIDER_ID,
  expectFailure,
  expectMedusaMatchesLedger as expectMedusaMatchesLedger_,
  JP_ADDRESS,
  payWithAmazonPay,
  placeAmazonPayOrder,

} from "../../tools/test-kit"
import { amazonPayStoreSuite } from "../../tools/test-kit/amazon-pay-suite"

jest.setTimeout(180_000)

const PENDING_DELAY_MS = 60_000
const DAY_MS = 24 * 60 * 60 * 1000

amazonPayStoreSuite({ env: { AMAZON_PAY_CAN_HANDLE_PENDING_AUTHORIZATION: "true" }, pendingDelayMs: PENDING_DELAY_MS }, (suite) => {
  async function usdCart(quantity = 1) {
    return suite.ctx.storefront.cartReadyForPayment({ regionId: suite.ctx.store.regions.usd, variantId: suite.ctx.store.variantId, quantity })
  }

  const placeOrder = (cart?: any) => placeAmazonPayOrder(suite.ctx, suite.sandbox, { cart })
  const expectMedusaMatchesLedger = (paymentId: string, permissionId: string, decimals = 2) =>
    expectMedusaMatchesLedger_(suite.ctx, suite.sandbox, paymentId, permissionId, decimals)

  it("authorizes at checkout and captures the full amount from the admin", async () => {
    const { order, payment, permissionId } = await placeOrder()
    expect(payment.amount).toBe(60)
    expect(payment.data.charges.map((c: any) => c.state)).toEqual(["Authorized"])
    expect((await suite.ctx.admin.getOrder(order.id)).payment_status).toBe("authorized")
    expect((await suite.sandbox.ledger()).chargePermissions[permissionId]).toMatchObject({ authorized: "60.00", captured: "0.00" })

    await suite.ctx.admin.capture(payment.id)
    expect((await suite.ctx.admin.getOrder(order.id)).payment_status).toBe("captured")
    const { ledger } = await expectMedusaMatchesLedger(payment.id, permissionId)
    expect(ledger.captured).toBe("60.00")
    expect(ledger.charges).toHaveLength(1)
  })

  // Amazon expires an unused authorization after 30 days (Charge Canceled/ExpiredUnused) while the
  // one-time Charge Permission stays Chargeable for 180 days: the capture must create a new charge.
  it("captures 30 simulated days after authorization, when Amazon's authorization has expired", async () => {
    const { payment, permissionId } = await placeOrder()
    await suite.sandbox.advanceClock(30 * DAY_MS + 60 * 60 * 1000)
    const expired = (await suite.sandbox.ledger()).chargePermissions[permissionId]
    expect(expired.charges[0].state).toBe("Canceled")

    await suite.ctx.admin.capture(payment.id)
    await suite.sandbox.advanceClock(PENDING_DELAY_MS + 1000)
    const { ledger } = await expectMedusaMatchesLedger(payment.id, permissionId)
    expect(ledger.captured).toBe("60.00")
    expect(ledger.charges.filter((c) => c.state === "Captured")).toHaveLength(1)
  })

  it("captures in two parts: exactly two Amazon captures summing to the order", async () => {
    const { order, payment, permissionId } = await placeOrder()
    await suite.ctx.admin.capture(payment.id, 20)
    expect((await suite.ctx.admin.getOrder(order.id)).payment_status).toBe("partially_captured")
    expect((await suite.sandbox.ledger()).chargePermissions[permissionId].captured).toBe("20.00")
    await suite.ctx.admin.capture(payment.id, 40)
    // The second capture is a new charge (Create Charge, captureNow) which, with
    // canHandlePendingAuthorization, Amazon may authorize asynchronously: let it settle.
    await suite.sandbox.advanceClock(PENDING_DELAY_MS + 1000)

    const { ledger } = await expectMedusaMatchesLedger(payment.id, permissionId)
    expect(ledger.captured).toBe("60.00")
    expect(ledger.charges.filter((c) => c.state === "Captured").map((c) => c.captureAmount).sort()).toEqual(["20.00", "40.00"])
    expect((await suite.ctx.admin.getOrder(order.id)).payment_status).toBe("captured")
  })

  it("refunds in several parts, each exactly once at Amazon", async () => {
    const { order, payment, permissionId } = await placeOrder()
    await suite.ctx.admin.capture(payment.id)
    await suite.ctx.admin.refund(payment.id, 15)
    await suite.ctx.admin.refund(payment.id, 25.5)
    // Amazon settles refunds asynchronously (RefundInitiated -> Refunded).
    await suite.sandbox.advanceClock(PENDING_DELAY_MS + 1000)

    const { ledger } = await expectMedusaMatchesLedger(payment.id, permissionId)
    expect(ledger.refunded).toBe("40.50")
    expect(ledger.refunds.map((r) => `${r.refundAmount} ${r.state}`).sort()).toEqual(["15.00 Refunded", "25.50 Refunded"])
    expect((await suite.ctx.admin.getOrder(order.id)).payment_status).toBe("partially_refunded")

    const tooMuch = await expectFailure(suite.ctx.admin.refund(payment.id, 19.52))
    expect(tooMuch.status).toBe(400)
    expect((await suite.sandbox.ledger()).chargePermissions[permissionId].refunds).toHaveLength(2)
  })

  it("a second capture is captured at Amazon at once (never a pending authorization); a refund spreads over both charges", async () => {
    const { payment, permissionId } = await placeOrder()
    await suite.ctx.admin.capture(payment.id, 20)
    await suite.ctx.admin.capture(payment.id, 40)
    // With canHandlePendingAuthorization on, the new charge still asks for Amazon's synchronous answer.
    const afterCaptures = (await suite.sandbox.ledger()).chargePermissions[permissionId]
    expect([afterCaptures.captured, afterCaptures.charges.map((c) => c.state)]).toEqual(["60.00", ["Captured", "Captured"]])

    await suite.ctx.admin.refund(payment.id, 50)
    await suite.sandbox.advanceClock(PENDING_DELAY_MS + 1000)
    const { ledger } = await expectMedusaMatchesLedger(payment.id, permissionId)
    expect(ledger.refunded).toBe("50.00")
    expect(ledger.refunds.map((r) => r.refundAmount).sort()).toEqual(["10.00", "40.00"])
  })

  it("cancels the order before capture: Amazon cancels the charge and nothing is captured", async () => {
    const { order, payment, permissionId } = await placeOrder()
    const canceled = await suite.ctx.admin.cancelOrder(order.id)
    expect(canceled.status).toBe("canceled")
    const [after] = await suite.ctx.admin.payments(order.id)
    expect(after.canceled_at).toBeTruthy()
    const ledger = (await suite.sandbox.ledger()).chargePermissions[permissionId]
    expect(ledger.charges.map((c) => c.state)).toEqual(["Canceled"])
    expect(ledger.captured).toBe("0.00")
    expect(payment.id).toBe(after.id)
  })

  it("places the order with the payment pending when Amazon's authorization is pending", async () => {
    const cart = await usdCart()
    const checkout = await payWithAmazonPay(suite.ctx.storefront, suite.sandbox, cart.id, { outcome: "pendingThenAuthorized" })
    expect(checkout.result.type).toBe("order")
    if (checkout.result.type !== "order") return
    const order = await suite.ctx.admin.getOrder(checkout.result.order.id)
    expect(order.payment_status).not.toMatch(/authorized|captured/)
    expect(await suite.ctx.admin.payments(order.id)).toEqual([])
    const [session] = order.payment_collections[0].payment_sessions ?? (await suite.ctx.storefront.getCart(cart.id)).payment_collection.payment_sessions
    expect(session.status).toBe("pending_authorization")

    const [permissionId] = Object.keys((await suite.sandbox.ledger()).chargePermissions)
    expect((await suite.sandbox.ledger()).chargePermissions[permissionId].charges[0].state).toBe("AuthorizationInitiated")
    await suite.sandbox.advanceClock(PENDING_DELAY_MS + 1000)
    expect((await suite.sandbox.ledger()).chargePermissions[permissionId].charges[0].state).toBe("Authorized")
  })

  it("fails cart completion with a clear error when Amazon declines, and leaves the cart open", async () => {
    const cart = await usdCart()
    const checkout = await payWithAmazonPay(suite.ctx.storefront, suite.sandbox, cart.id, { outcome: "declined" })
    expect(checkout.result.type).toBe("cart")
    if (checkout.result.type !== "cart") return
    expect(checkout.result.error.type).toBe("payment_authorization_error")
    expect(checkout.result.error.message).toMatch(/Amazon Pay declined the payment/)
    expect((await suite.ctx.storefront.getCart(cart.id)).completed_at).toBeFalsy()
    expect((await suite.sandbox.ledger()).totals.USD?.captured ?? "0.00").toBe("0.00")
  })

  it("fails cart completion with a clear error when the buyer cancels on Amazon, and leaves the cart open", async () => {
    const cart = await usdCart()
    const failure = await expectFailure(payWithAmazonPay(suite.ctx.storefront, suite.sandbox, cart.id, { outcome: "buyerCanceled" }))
    expect(failure.status).toBeGreaterThanOrEqual(400)
    expect(failure.status).toBeLessThan(500)
    expect(failure.data.message).toMatch(/canceled \(BuyerCanceled\)/)
    expect((await suite.ctx.storefront.getCart(cart.id)).completed_at).toBeFalsy()
  })

  it("charges the cart's current total when the cart changed after the button was rendered", async () => {
    const cart = await usdCart()
    const checkout = await payWithAmazonPay(suite.ctx.storefront, suite.sandbox, cart.id, {
      afterButton: async () => {
        await suite.ctx.storefront.updateLineItem(cart.id, cart.items[0].id, 2)
      },
    })
    expect(checkout.button.chargeAmount.amount).toBe("60.00")
    expect(checkout.result.type).toBe("order")
    if (checkout.result.type !== "order") return
    expect(checkout.result.order.total).toBe(110)
    const [payment] = await suite.ctx.admin.payments(checkout.result.order.id)
    expect(payment.amount).toBe(110)
    const ledger = (await suite.sandbox.ledger()).chargePermissions[payment.data.chargePermissionId]
    expect(ledger.authorized).toBe("110.00")
    expect(ledger.charges[0].chargeAmount).toBe("110.00")
  })

  it("starts a new Amazon checkout when the cart changed after the buyer confirmed, then charges the new total", async () => {
    const cart = await usdCart()
    const sandbox = suite.sandbox
    const storefront = suite.ctx.storefront
    const first = await storefront.initiatePaymentSession(cart.id, AMAZON_PAY_PROVIDER_ID, {})
    const { checkoutSessionId } = await sandbox.clickButton(first.data.button)
    await sandbox.approve(checkoutSessionId)
    await storefront.initiatePaymentSession(cart.id, AMAZON_PAY_PROVIDER_ID, { amazonCheckoutSessionId: checkoutSessionId })
    await sandbox.approve(checkoutSessionId, "success")

    // The buyer confirmed 60.00 on Amazon, then added a second shirt (Medusa drops the payment
    // sessions on a cart change; the storefront re-creates its session with the same Amazon session).
    // Amazon cannot re-confirm a changed amount on that checkout: the storefront gets a fresh button.
    await storefront.updateLineItem(cart.id, cart.items[0].id, 2)
    const renewed = await storefront.initiatePaymentSession(cart.id, AMAZON_PAY_PROVIDER_ID, { amazonCheckoutSessionId: checkoutSessionId })
    expect(renewed.data.buyerActionRequired).toMatchObject({ reason: "NewCheckoutRequired" })
    expect(renewed.data.checkoutSessionId).toBeNull()
    expect(renewed.data.button.chargeAmount).toEqual({ amount: "110.00", currencyCode: "USD" })
    // The old checkout was not touched: it still asks for the 60.00 the buyer confirmed.
    expect((await sandbox.checkoutSession(checkoutSessionId)).paymentDetails?.chargeAmount?.amount).toBe("60.00")

    // A storefront that completes anyway: refused, nothing charged, the cart stays open.
    const stale = await expectFailure(storefront.completeCart(cart.id))
    expect(stale.status).toBe(400)
    expect((await sandbox.ledger()).chargePermissions).toEqual({})
    expect((await storefront.getCart(cart.id)).completed_at).toBeFalsy()

    // The new checkout, through Amazon again, charges the new total.
    const second = await sandbox.clickButton(renewed.data.button)
    await sandbox.approve(second.checkoutSessionId)
    await storefront.initiatePaymentSession(cart.id, AMAZON_PAY_PROVIDER_ID, { amazonCheckoutSessionId: second.checkoutSessionId })
    await sandbox.approve(second.checkoutSessionId, "success")
    const placed = await storefront.completeCart(cart.id)
    expect(placed.type).toBe("order")
    if (placed.type !== "order") return
    expect(placed.order.total).toBe(110)
    const [payment] = await suite.ctx.admin.payments(placed.order.id)
    expect((await sandbox.ledger()).chargePermissions[payment.data.chargePermissionId].authorized).toBe("110.00")
  })

  it("pays a JPY cart in whole yen", async () => {
    const cart = await suite.ctx.storefront.cartReadyForPayment({ regionId: suite.ctx.store.regions.jpy, variantId: suite.ctx.store.variantId, address: JP_ADDRESS })
    expect(cart.total).toBe(6000)
    const { payment, permissionId } = await placeOrder(cart)
    expect((await suite.sandbox.ledger()).chargePermissions[permissionId]).toMatchObject({ currencyCode: "JPY", authorized: "6000" })
    await suite.ctx.admin.capture(payment.id, 2500)
    await suite.ctx.admin.capture(payment.id, 3500)
    await suite.sandbox.advanceClock(PENDING_DELAY_MS + 1000)
    await suite.ctx.admin.refund(payment.id, 1000)
    await suite.sandbox.advanceClock(PENDING_DELAY_MS + 1000)
    const { ledger } = await expectMedusaMatchesLedger(payment.id, permissionId, 0)
    expect(ledger).toMatchObject({ captured: "6000", refunded: "1000" })
  })
})

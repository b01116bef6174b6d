/**
 * Auto-capture (`AMAZON_PAY_CAPTURE=on_authorize`, Amazon paymentIntent AuthorizeWithCapture): the
 * order is paid at checkout, Medusa records the capture without an admin action, and refunds still
 * go to Amazon exactly once.
 */
import { payWithAmazonPay, sumMinor, toMinor } from "../../tools/test-kit"
import { amazonPayStoreSuite } from "../../tools/test-kit/amazon-pay-suite"

jest.setTimeout(180_000)

const PENDING_DELAY_MS = 60_000

amazonPayStoreSuite({ env: { AMAZON_PAY_CAPTURE: "on_authorize" }, pendingDelayMs: PENDING_DELAY_MS }, (suite) => {
  it("captures at checkout, then refunds part of it", async () => {
    const cart = await suite.ctx.storefront.cartReadyForPayment({ regionId: suite.ctx.store.regions.usd, variantId: suite.ctx.store.variantId })
    const checkout = await payWithAmazonPay(suite.ctx.storefront, suite.sandbox, cart.id)
    expect(JSON.parse(checkout.button.payloadJSON).paymentDetails.paymentIntent).toBe("AuthorizeWithCapture")
    if (checkout.result.type !== "order") {
      throw new Error(`cart completion failed: ${checkout.result.error.message}`)
    }
    const orderId = checkout.result.order.id
    expect((await suite.ctx.admin.getOrder(orderId)).payment_status).toBe("captured")
    const [payment] = await suite.ctx.admin.payments(orderId)
    const permissionId = payment.data.chargePermissionId as string
    let ledger = (await suite.sandbox.ledger()).chargePermissions[permissionId]
    expect(ledger.captured).toBe("60.00")
    expect(sumMinor((await suite.ctx.admin.getPayment(payment.id)).captures, 2)).toBe(6000n)

    await suite.ctx.admin.refund(payment.id, 10)
    await suite.sandbox.advanceClock(PENDING_DELAY_MS + 1000)
    ledger = (await suite.sandbox.ledger()).chargePermissions[permissionId]
    expect(ledger.refunded).toBe("10.00")
    expect(sumMinor((await suite.ctx.admin.getPayment(payment.id)).refunds, 2)).toBe(toMinor(ledger.refunded, 2))
  })
})

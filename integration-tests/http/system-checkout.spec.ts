/**
 * The store fixture end to end with Medusa's own `pp_system_default` provider: proves the helpers
 * (Admin API seeding, Store API checkout, Admin API capture/refund) and gives the Amazon Pay suites
 * their baseline (durations are printed).
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { AdminOrders, createAdminUser, expectFailure, JP_ADDRESS, loginAdmin, seedStore, Storefront, sumMinor, type StoreFixture } from "../../tools/test-kit"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: StoreFixture
    let storefront: Storefront
    let admin: AdminOrders

    // Seeded once: the runner snapshots the database after the suite's beforeAll and restores it
    // before every test.
    beforeAll(async () => {
      await createAdminUser(getContainer())
      const adminHeaders = await loginAdmin(api)
      store = await seedStore(api, { admin: adminHeaders })
      storefront = new Storefront(api, store.publishableKey)
      admin = new AdminOrders(api, adminHeaders)
    })

    it("seeds idempotently: a second run finds every object instead of creating another", async () => {
      const again = await seedStore(api, { admin: await loginAdmin(api) })
      expect(again).toEqual(store)
      expect(store.paymentProviders).toEqual(["pp_system_default"])
      expect(await storefront.listPaymentProviders(store.regions.usd)).toEqual(["pp_system_default"])
    })

    it("completes a USD cart with pp_system_default, then captures in two parts and refunds through the Admin API", async () => {
      const started = Date.now()
      const cart = await storefront.cartReadyForPayment({ regionId: store.regions.usd, variantId: store.variantId })
      expect(cart.total).toBe(60)
      const session = await storefront.initiatePaymentSession(cart.id, "pp_system_default")
      expect(session.amount).toBe(60)
      const result = await storefront.completeCart(cart.id)
      if (result.type !== "order") {
        throw new Error(`cart completion failed: ${result.error.message}`)
      }
      const checkoutMs = Date.now() - started

      const [payment] = await admin.payments(result.order.id)
      expect(payment.amount).toBe(60)
      expect((await admin.getOrder(result.order.id)).payment_status).toBe("authorized")

      const captureStarted = Date.now()
      await admin.capture(payment.id, 25)
      expect((await admin.getOrder(result.order.id)).payment_status).toBe("partially_captured")
      await admin.capture(payment.id, 35)
      const captureMs = Date.now() - captureStarted
      // Medusa answers a capture on a fully captured payment with the payment unchanged (no new Capture).
      const again = await admin.capture(payment.id, 1)
      expect(again.captures).toHaveLength(2)

      await admin.refund(payment.id, 12.5)
      await admin.refund(payment.id, 7.5)
      const settled = await admin.getPayment(payment.id)
      expect(sumMinor(settled.captures, 2)).toBe(6000n)
      expect(sumMinor(settled.refunds, 2)).toBe(2000n)
      // The payment module tolerates one minor unit (its currency epsilon) over the captured amount,
      // so 40.01 more would pass; two cents more must not.
      const overRefund = await expectFailure(admin.refund(payment.id, 40.02))
      expect(overRefund.status).toBe(400)
      expect(overRefund.data.message).toMatch(/refund more than/)
      expect((await admin.getOrder(result.order.id)).payment_status).toBe("partially_refunded")

      console.log(`[baseline pp_system_default] checkout ${checkoutMs} ms, two captures ${captureMs} ms`)
    })

    it("completes a JPY cart in whole yen", async () => {
      const cart = await storefront.cartReadyForPayment({ regionId: store.regions.jpy, variantId: store.variantId, address: JP_ADDRESS })
      expect(cart.currency_code).toBe("jpy")
      expect(cart.total).toBe(6000)
      await storefront.initiatePaymentSession(cart.id, "pp_system_default")
      const result = await storefront.completeCart(cart.id)
      expect(result.type).toBe("order")
      if (result.type === "order") {
        const [payment] = await admin.payments(result.order.id)
        await admin.capture(payment.id)
        expect(sumMinor((await admin.getPayment(payment.id)).captures, 0)).toBe(6000n)
      }
    })

    it("cancels an authorized order, which cancels its payment", async () => {
      const cart = await storefront.cartReadyForPayment({ regionId: store.regions.usd, variantId: store.variantId })
      await storefront.initiatePaymentSession(cart.id, "pp_system_default")
      const result = await storefront.completeCart(cart.id)
      if (result.type !== "order") {
        throw new Error(`cart completion failed: ${result.error.message}`)
      }
      const canceled = await admin.cancelOrder(result.order.id)
      expect(canceled.status).toBe("canceled")
      const [payment] = await admin.payments(result.order.id)
      expect(payment.canceled_at).toBeTruthy()
    })
  },
})

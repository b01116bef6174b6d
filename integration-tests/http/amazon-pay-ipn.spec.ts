/**
 * Amazon Pay IPNs end to end: the sandbox POSTs real signed SNS envelopes to the running store's
 * `/hooks/payment/amazon-pay_amazon-pay`; Medusa's route emits `payment.webhook_received` (about
 * 5 s later), core's subscriber asks the provider (handleWebhook) and the plugin's subscriber
 * applies the rest. Then the polling job alone, with IPNs switched off. Effects are awaited with a
 * deadline, never a sleep. The sandbox's pending states settle when a test advances its clock.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { expectFailure, payWithAmazonPay, prepareCheckout, sumMinor, toMinor, waitFor, type BuyerOutcome, type CheckoutContext } from "../../tools/test-kit"
import { useAmazonPaySandbox } from "../../tools/test-kit/amazon-pay-suite"
import { useSimulationProxy } from "./amazon-pay-ipn/simulation-proxy"

jest.setTimeout(240_000)

const PENDING_DELAY_MS = 60_000
const EFFECT_TIMEOUT_MS = 30_000
const AUTO_CAPTURE_PROVIDER_ID = "pp_amazon-pay_amazon-pay-auto"
// A second instance on the same Amazon account, capturing on authorize: its IPNs arrive on the
// first instance's webhook URL, as with Amazon (one IPN URL per merchant account).
const amazon = useAmazonPaySandbox(
  { AMAZON_PAY_CAN_HANDLE_PENDING_AUTHORIZATION: "true", AMAZON_PAY_AUTO_CAPTURE_PROVIDER_ID: "amazon-pay-auto" },
  { pendingDelayMs: PENDING_DELAY_MS }
)

// Registered after the sandbox's beforeAll and before the runner boots Medusa: the provider talks
// to Amazon through the proxy (useSimulationProxy).
const simulationProxy = useSimulationProxy(() => amazon.sandbox().url)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let ctx: CheckoutContext
    let events: Array<{ name: string; data: any }> = []
    let subscribed = false

    // Seeded once: the runner snapshots the database after the suite's beforeAll and restores it
    // before every test.
    beforeAll(async () => {
      ctx = await prepareCheckout(api, getContainer())
    })

    beforeEach(async () => {
      await amazon.control().reset()
      amazon.sandbox().ipn.configure({ url: `${api.defaults.baseURL}/hooks/payment/amazon-pay_amazon-pay` })
      events = []
      if (!subscribed) {
        // The app (and its event bus) lives for the whole file: subscribe once, record into the current test's list.
        subscribed = true
        const bus = getContainer().resolve(Modules.EVENT_BUS)
        for (const name of ["amazon-pay.refund.declined", "amazon-pay.authorization.declined", "amazon-pay.chargeback.opened", "amazon-pay.chargeback.resolved"]) {
          bus.subscribe(name, async (event: any) => void events.push({ name, data: event.data }), { subscriberId: `ipn-test-${name}` })
        }
      }
    })

    async function placeOrder(outcome: BuyerOutcome = "success", providerId?: string) {
      const cart = await ctx.storefront.cartReadyForPayment({ regionId: ctx.store.regions.usd, variantId: ctx.store.variantId })
      const checkout = await payWithAmazonPay(ctx.storefront, amazon.control(), cart.id, { outcome, providerId })
      if (checkout.result.type !== "order") {
        throw new Error(`cart completion failed: ${checkout.result.error.message}`)
      }
      return checkout.result.order
    }

    const settle = () => amazon.control().advanceClock(PENDING_DELAY_MS + 1000)
    const payments = (orderId: string) => ctx.admin.payments(orderId)
    const payment = async (paymentId: string) =>
      (await api.get(`/admin/payments/${paymentId}?fields=id,amount,data,*captures,*refunds`, { headers: ctx.adminHeaders })).data.payment

    /** Capture with Amazon's sandbox simulation CaptureInitiated: the capture goes pending. */
    async function pendingCapture(paymentId: string) {
      simulationProxy().arm("POST", /\/charges\/[^/]+\/capture$/, "CaptureInitiated")
      await ctx.admin.capture(paymentId)
      expect((await payment(paymentId)).data.charges.at(-1).state).toBe("CaptureInitiated")
    }

    /** Medusa's captured and refunded totals equal what Amazon moved. */
    async function expectMatchesLedger(paymentId: string) {
      const p = await payment(paymentId)
      const ledger = (await amazon.control().ledger()).chargePermissions[p.data.chargePermissionId]
      expect(sumMinor(p.captures, 2)).toBe(toMinor(ledger.captured, 2))
      expect(sumMinor(p.refunds, 2)).toBe(toMinor(ledger.refunded, 2))
      return { payment: p, ledger }
    }

    async function pendingAuthorizationAuthorized() {
      const order = await placeOrder("pendingThenAuthorized")
      expect(await payments(order.id)).toHaveLength(0)
      await settle()
      const [paid] = await waitFor(() => payments(order.id), (ps) => ps.length === 1, EFFECT_TIMEOUT_MS)
      return { order, paid }
    }

    async function capturedOrder() {
      const order = await placeOrder()
      const [p] = await payments(order.id)
      await ctx.admin.capture(p.id)
      return { order, payment: p }
    }

    async function declinedRefund(capturedPaymentId: string) {
      simulationProxy().arm("POST", /\/refunds$/, "RefundDeclined")
      await ctx.admin.refund(capturedPaymentId, 20)
      expect(sumMinor((await payment(capturedPaymentId)).refunds, 2)).toBe(2000n)
      await settle()
    }

    it("pending authorization: the IPN gives the order its authorized payment", async () => {
      const { order, paid } = await pendingAuthorizationAuthorized()
      expect(paid.amount).toBe(60)
      expect(paid.data.charges.map((c: any) => c.state)).toEqual(["Authorized"])
      expect((await ctx.admin.getOrder(order.id)).payment_status).toBe("authorized")
    })

    it("pending capture: the IPN records Captured, and nothing is captured twice", async () => {
      const order = await placeOrder()
      const [p] = await payments(order.id)
      await pendingCapture(p.id)
      await settle()
      const after = await waitFor(() => payment(p.id), (x) => x.data.charges.at(-1).state === "Captured", EFFECT_TIMEOUT_MS)
      expect(after.captures).toHaveLength(1)
      const { ledger } = await expectMatchesLedger(p.id)
      expect(ledger.captured).toBe("60.00")
    })

    it("refund completes: the IPN records Refunded", async () => {
      const { payment: p } = await capturedOrder()
      await ctx.admin.refund(p.id, 15)
      await settle()
      const after = await waitFor(() => payment(p.id), (x) => x.data.refunds[0]?.state === "Refunded", EFFECT_TIMEOUT_MS)
      expect(after.data.refunds[0].amount).toEqual({ amount: "15.00", currencyCode: "USD" })
      expect((await expectMatchesLedger(p.id)).ledger.refunded).toBe("15.00")
    })

    it("a second provider instance's IPNs, sent to the first one's URL, are applied with the owner's options", async () => {
      const order = await placeOrder("success", AUTO_CAPTURE_PROVIDER_ID)
      const [p] = await payments(order.id)
      expect([p.provider_id, p.captures.length]).toEqual([AUTO_CAPTURE_PROVIDER_ID, 1])
      await ctx.admin.refund(p.id, 15)
      expect((await payment(p.id)).data.refunds[0].state).toBe("RefundInitiated")
      await settle()
      await waitFor(() => payment(p.id), (x) => x.data.refunds[0]?.state === "Refunded", EFFECT_TIMEOUT_MS)
      const view = await ctx.admin.amazonPayView(p.id)
      expect(view.events.filter((e: any) => e.kind === "ipn_applied").length).toBeGreaterThan(0)
      expect((await expectMatchesLedger(p.id)).ledger.refunded).toBe("15.00")
    })

    it("refund declined: Medusa's refund is undone, the order's totals match Amazon, one event", async () => {
      const { order, payment: p } = await capturedOrder()
      await declinedRefund(p.id)
      expect(simulationProxy().applied).toBeGreaterThan(0)
      // The correction is made first, then the payment data is saved: wait for both.
      const after = await waitFor(() => payment(p.id), (x) => x.refunds.length === 0 && x.data.refunds[0]?.state === "Declined", EFFECT_TIMEOUT_MS)
      expect(after.data.refunds[0]).toMatchObject({ state: "Declined", amount: { amount: "20.00", currencyCode: "USD" } })
      expect((await expectMatchesLedger(p.id)).ledger.refunded).toBe("0.00")
      const o = await ctx.admin.getOrder(order.id)
      expect(o.payment_status).toBe("captured")
      expect(Number(o.payment_collections[0].refunded_amount)).toBe(0)
      expect(Number(o.summary.pending_difference)).toBe(0)
      await waitFor(async () => events, (e) => e.length > 0, EFFECT_TIMEOUT_MS)
      expect(events).toEqual([{ name: "amazon-pay.refund.declined", data: expect.objectContaining({ payment_id: p.id, amount: "20.00", order_id: order.id }) }])
    })

    it("chargeback: recorded against the payment, the order flagged, one event per change; captured and refunded stay Amazon's", async () => {
      const { order, payment: p } = await capturedOrder()
      const chargeId = (await payment(p.id)).data.charges[0].chargeId
      const { disputeId } = await amazon.control().openChargeback({ chargeId, amount: "25.00" })
      const opened = await waitFor(() => payment(p.id), (x) => x.data.chargebacks?.length === 1, EFFECT_TIMEOUT_MS)
      expect(opened.data.chargebacks[0]).toMatchObject({ chargebackId: disputeId, chargeId, amount: { amount: "25.00", currencyCode: "USD" }, state: "ActionRequired" })
      expect((await ctx.admin.getOrder(order.id)).metadata.amazon_pay_chargeback).toMatchObject({ dispute_id: disputeId, amount: "25.00" })
      await amazon.control().resolveChargeback(disputeId, "BuyerWon")
      await waitFor(() => payment(p.id), (x) => x.data.chargebacks?.[0]?.state !== "ActionRequired", EFFECT_TIMEOUT_MS)
      await waitFor(async () => events, (e) => e.some((x) => x.name === "amazon-pay.chargeback.resolved"), EFFECT_TIMEOUT_MS)
      await amazon.sandbox().ipn.drain()
      expect(events.map((e) => e.name)).toEqual(["amazon-pay.chargeback.opened", "amazon-pay.chargeback.resolved"])
      expect(events[1].data).toMatchObject({ dispute_id: disputeId, resolution: "BuyerWon" })
      // Not a refund: Medusa's captured and refunded totals stay what the Charge says.
      const { ledger } = await expectMatchesLedger(p.id)
      expect(ledger).toMatchObject({ captured: "60.00", refunded: "0.00", chargebacks: "25.00" })
    })

    it("declined pending authorization: the order is canceled, once", async () => {
      const order = await placeOrder("pendingThenDeclined")
      await settle()
      const canceled = await waitFor(() => ctx.admin.getOrder(order.id), (o) => o.status === "canceled", EFFECT_TIMEOUT_MS)
      expect(canceled.status).toBe("canceled")
      await waitFor(async () => events, (e) => e.length > 0, EFFECT_TIMEOUT_MS)
      expect(events).toEqual([{ name: "amazon-pay.authorization.declined", data: expect.objectContaining({ order_id: order.id, action: "canceled_order" }) }])
    })

    it("duplicated and reordered IPNs are applied once", async () => {
      amazon.sandbox().ipn.configure({ duplicate: 1, reorder: true })
      const { paid } = await pendingAuthorizationAuthorized()
      await ctx.admin.capture(paid.id)
      await declinedRefund(paid.id)
      await waitFor(() => payment(paid.id), (x) => x.refunds.length === 0 && x.data.refunds[0]?.state === "Declined", EFFECT_TIMEOUT_MS)
      await amazon.sandbox().ipn.drain()
      const deliveries = amazon.sandbox().ipn.deliveries()
      expect(deliveries.filter((d) => d.duplicate && d.ok).length).toBeGreaterThan(0)
      // Wait until the remembered NotificationIds cover every refund IPN delivered (duplicates included).
      const refundIpns = new Set(deliveries.filter((d) => d.objectType === "REFUND").map((d) => d.notificationId))
      const applied = (view: any) => new Set(view.events.filter((e: any) => e.kind === "ipn_applied").map((e: any) => e.notification_id))
      await waitFor(() => ctx.admin.amazonPayView(paid.id), (view) => [...refundIpns].every((id) => applied(view).has(id)), EFFECT_TIMEOUT_MS)
      expect(events.filter((e) => e.name === "amazon-pay.refund.declined")).toHaveLength(1)
      const { payment: final } = await expectMatchesLedger(paid.id)
      expect(final.captures).toHaveLength(1)
    })

    it("forged IPNs change nothing (a genuine IPN sent after them is applied)", async () => {
      const forgedOrders = []
      for (const forge of ["badSignature", "untrustedCertUrl"] as const) {
        amazon.sandbox().ipn.configure({ forge })
        forgedOrders.push(await placeOrder("pendingThenAuthorized"))
        await settle()
        await amazon.sandbox().ipn.drain()
        expect(amazon.sandbox().ipn.deliveries().filter((d) => d.forged === forge && d.ok).length).toBeGreaterThan(0)
      }
      amazon.sandbox().ipn.configure({ forge: null })
      // Webhook events are processed in the order they arrive: once the genuine one is applied,
      // the forged ones (delivered earlier) have been handled too.
      await pendingAuthorizationAuthorized()
      for (const order of forgedOrders) {
        expect(await payments(order.id)).toHaveLength(0)
      }
    })

    it("applying Amazon's state never overwrites what Medusa's own refund transaction writes meanwhile", async () => {
      // Medusa saves a refund's provider data while Amazon's IPN for that refund is being applied.
      // Stand-in for that save, at its worst moment: a transaction has changed the row's data and
      // not committed yet when the poll writes Amazon's state; the poll must not overwrite it.
      amazon.sandbox().ipn.configure({ enabled: false })
      const { payment: p } = await capturedOrder()
      await ctx.admin.refund(p.id, 15)
      const medusaRefundId = (await payment(p.id)).data.refunds[0].medusaRefundId
      await settle()
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const trx = await pg.transaction()
      let polling: Promise<any> | undefined
      try {
        await trx.raw(`SELECT id FROM payment WHERE id = ? FOR UPDATE`, [p.id])
        // A field of the provider's record that the journal does not hold: the concurrent write's own.
        await trx.raw(`UPDATE payment SET data = jsonb_set(data, '{amazonPayRedirectUrl}', '"https://kept.example"') WHERE id = ?`, [p.id])
        polling = api.post("/admin/amazon-pay/poll-pending", { older_than_ms: 0 }, { headers: ctx.adminHeaders })
        const waitingOnTheRow = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'update "payment"%'`
        await waitFor(() => pg.raw(waitingOnTheRow), (r: any) => r.rows[0].n > 0, EFFECT_TIMEOUT_MS)
        await trx.commit()
      } catch (error) {
        await trx.rollback()
        throw error
      }
      expect((await polling).data.outcomes).toEqual([expect.stringMatching(/^Refund \S+: refund Refunded$/)])
      const after = await payment(p.id)
      expect(after.data.amazonPayRedirectUrl).toBe("https://kept.example")
      expect(after.data.refunds[0]).toMatchObject({ state: "Refunded", medusaRefundId })
    })

    it("the polling job alone settles every pending kind when IPNs are off, then stops", async () => {
      amazon.sandbox().ipn.configure({ enabled: false })
      // Through the admin route, as an admin would after an IPN outage (it runs the job's function).
      const poll = async () => (await api.post("/admin/amazon-pay/poll-pending", { older_than_ms: 0 }, { headers: ctx.adminHeaders })).data
      expect((await expectFailure(api.post("/admin/amazon-pay/poll-pending", { older_than_ms: 0 }))).status).toBe(401)
      const invalid = await expectFailure(api.post("/admin/amazon-pay/poll-pending", { older_than_ms: -1 }, { headers: ctx.adminHeaders }))
      expect([invalid.status, invalid.data.message]).toEqual([400, expect.stringContaining("older_than_ms")])

      const pendingAuth = await placeOrder("pendingThenAuthorized")
      const declinedAuth = await placeOrder("pendingThenDeclined")
      const late = await placeOrder()
      const [latePayment] = await payments(late.id)
      const { order: refundedOrder, payment: refunded } = await capturedOrder()
      const { payment: declinedRefundPayment } = await capturedOrder()
      await pendingCapture(latePayment.id)
      await ctx.admin.refund(refunded.id, 15)
      await declinedRefund(declinedRefundPayment.id)
      expect((await poll()).checked).toBeGreaterThan(0)

      const [authorized] = await payments(pendingAuth.id)
      expect(authorized.data.charges[0].state).toBe("Authorized")
      expect((await ctx.admin.getOrder(declinedAuth.id)).status).toBe("canceled")
      expect((await payment(latePayment.id)).data.charges.at(-1).state).toBe("Captured")
      expect((await payment(refunded.id)).data.refunds[0].state).toBe("Refunded")
      expect((await payment(declinedRefundPayment.id)).refunds).toHaveLength(0)
      expect((await ctx.admin.getOrder(refundedOrder.id)).payment_status).toBe("partially_refunded")
      expect(events.map((e) => e.name).sort()).toEqual(["amazon-pay.authorization.declined", "amazon-pay.refund.declined"])

      const again = await poll()
      expect(again).toEqual({ checked: 0, outcomes: [], errors: 0 })
    })
  },
})

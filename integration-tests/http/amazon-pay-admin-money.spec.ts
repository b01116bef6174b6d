/**
 * Issue 10, admin money operations at their edges: two admins capturing or refunding the same
 * amount at once, amounts below the currency's minor unit, a refund Amazon declines after the
 * dashboard (or a plain Admin API call) made it, a later capture Amazon declines, and a refund
 * whose IPN was lost on a payment older than thousands of newer ones. Each must leave Medusa's
 * records equal to what Amazon moved. (One file: each file boots and migrates its own Medusa.)
 *
 * Each test gathers what happened into one object and compares it once, so a failure shows every
 * broken promise of the scenario, not only the first.
 */
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  AMAZON_PAY_PROVIDER_ID,
  auditOrders,
  describeOutcome,
  expectFailure,
  formatAmount,
  inParallel,
  isClientError,
  outcomeOf,
  placeAmazonPayOrder,
  readyCarts,
  usdCart,
  type AmazonPayOrder,
  type Outcome,
  type PlacedOrder,
} from "../../tools/test-kit"
import { amazonPayStoreSuite } from "../../tools/test-kit/amazon-pay-suite"

jest.setTimeout(120_000)

const PENDING_DELAY_MS = 60_000
const NEWER_PAYMENTS = 3_000

amazonPayStoreSuite({ pendingDelayMs: PENDING_DELAY_MS }, (suite) => {
  const carts = readyCarts(suite, { usd: { quantity: 1 }, jpy: { currency: "jpy" } })
  const placeOrder = (cart: any = carts().usd) => placeAmazonPayOrder(suite.ctx, suite.sandbox, { cart })
  const settle = () => suite.sandbox.advanceClock(PENDING_DELAY_MS + 1000)
  const admin = () => suite.ctx.admin
  const asPlaced = (order: AmazonPayOrder): PlacedOrder[] => [{ label: "order", orderId: order.order.id, checkoutSessionId: order.checkoutSessionId }]
  /** Medusa's capture and refund rows and Amazon's captures and refunds of one order, as sorted strings. */
  async function movements(order: AmazonPayOrder, currency = "usd"): Promise<Record<"medusaCaptures" | "amazonCaptures" | "medusaRefunds" | "amazonRefunds", string[]>> {
    const payment = await admin().getPayment(order.payment.id)
    const ledger = await suite.amazon.ledgerOfCheckout(order.checkoutSessionId)
    const money = (amount: number | string) => formatAmount(amount, currency)
    return {
      medusaCaptures: payment.captures.map((c: any) => money(c.amount)).sort(),
      amazonCaptures: ledger.charges.filter((c) => c.captureAmount !== null).map((c) => `${c.captureAmount} ${c.state}`).sort(),
      medusaRefunds: payment.refunds.map((r: any) => money(r.amount)).sort(),
      amazonRefunds: ledger.refunds.map((r) => `${r.refundAmount} ${r.state}`).sort(),
    }
  }
  const refusal = (outcome: Outcome<unknown>) => ({ clientError: isClientError(outcome), answer: describeOutcome(outcome) })
  const times = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value)

  // Medusa serializes the creation of its Capture/Refund rows but calls the provider for each
  // outside any lock, with the payment data read before either call returned. Whatever the provider
  // does about that (serialize, refuse one), each Capture/Refund Medusa keeps must have moved its
  // money exactly once at Amazon, and every call answered 2xx must be one of them. (A call can be
  // refused after its money moved: refundPaymentWorkflow does not undo a refund when a later step,
  // the order's refund credit line, fails with "already has an existing active order change";
  // @medusajs/core-flows payment/steps/refund-payment.)
  describe("two admins clicking at once", () => {
    async function parallel(order: AmazonPayOrder, count: number, kind: "captures" | "refunds", amount: number, call: () => Promise<unknown>) {
      const answers = await inParallel(times(count, call))
      await settle()
      const money = await movements(order)
      const medusa = kind === "captures" ? money.medusaCaptures : money.medusaRefunds
      const state = kind === "captures" ? "Captured" : "Refunded"
      return {
        someSucceeded: answers.some((a) => a.ok),
        everySuccessRecorded: medusa.filter((a) => a === formatAmount(amount, "usd")).length >= answers.filter((a) => a.ok).length,
        answers: answers.map(describeOutcome),
        ...money,
        // Each Medusa row once at Amazon: the same list, in Amazon's words.
        expectedAtAmazon: medusa.map((a) => `${a} ${state}`),
        audit: await auditOrders(suite.ctx, suite.amazon, asPlaced(order)),
      }
    }
    const holds = (outcome: Record<string, any>, kind: "captures" | "refunds") => ({
      ...outcome,
      someSucceeded: true,
      everySuccessRecorded: true,
      answers: expect.anything(),
      [kind === "captures" ? "amazonCaptures" : "amazonRefunds"]: outcome.expectedAtAmazon,
      audit: { mismatches: [], shared: [] },
    })

    it("after capturing 20 of 60, two parallel captures of 10: each kept capture captured once at Amazon", async () => {
      const order = await placeOrder()
      await admin().capture(order.payment.id, 20)
      const outcome = await parallel(order, 2, "captures", 10, () => admin().capture(order.payment.id, 10))
      expect(outcome).toEqual(holds(outcome, "captures"))
    })

    it("two parallel captures of 30 from nothing: each kept capture captured once at Amazon", async () => {
      const order = await placeOrder()
      const outcome = await parallel(order, 2, "captures", 30, () => admin().capture(order.payment.id, 30))
      expect(outcome).toEqual(holds(outcome, "captures"))
    })

    it.each([
      [2, 5],
      [3, 10],
    ])("%i parallel refunds of %i on a captured order: each kept refund refunded once at Amazon", async (count, amount) => {
      const order = await placeOrder()
      await admin().capture(order.payment.id)
      const outcome = await parallel(order, count, "refunds", amount, () => admin().refund(order.payment.id, amount))
      expect(outcome).toEqual(holds(outcome, "refunds"))
    })
  })

  describe("amounts below the currency's minor unit", () => {
    it("a 0.001 USD capture is refused with a 4xx and recorded nowhere", async () => {
      const order = await placeOrder()
      const answer = await outcomeOf(admin().capture(order.payment.id, 0.001))
      expect({ ...refusal(answer), ...(await movements(order)) }).toEqual({
        clientError: true,
        answer: expect.any(String),
        medusaCaptures: [],
        amazonCaptures: [],
        medusaRefunds: [],
        amazonRefunds: [],
      })
    })

    it("a 0.5 JPY refund is refused with a 4xx and recorded nowhere", async () => {
      const order = await placeOrder(carts().jpy)
      await admin().capture(order.payment.id)
      const answer = await outcomeOf(admin().refund(order.payment.id, 0.5))
      await settle()
      expect({ ...refusal(answer), ...(await movements(order, "jpy")) }).toEqual({
        clientError: true,
        answer: expect.any(String),
        medusaCaptures: ["6000"],
        amazonCaptures: ["6000 Captured"],
        medusaRefunds: [],
        amazonRefunds: [],
      })
    })

    it("a full capture of a total with sub-cent tax digits captures the total rounded to cents", async () => {
      // 7.125% sales tax on 50 + 10 shipping: Medusa's cart total is 64.275 (tax fractions are kept).
      await suite.api.post(
        "/admin/tax-regions",
        { country_code: "us", provider_id: "tp_system", default_tax_rate: { rate: 7.125, code: "US-TAX", name: "Sales tax" } },
        { headers: suite.ctx.adminHeaders }
      )
      const cart = await usdCart(suite.ctx, 1)
      expect(cart.total).toBe(64.275)
      const order = await placeOrder(cart)
      const answer = await outcomeOf(admin().capture(order.payment.id))
      expect({
        answer: describeOutcome(answer),
        payment_status: (await admin().getOrder(order.order.id)).payment_status,
        amazonCaptures: (await movements(order)).amazonCaptures,
        audit: await auditOrders(suite.ctx, suite.amazon, asPlaced(order)),
      }).toEqual({ answer: "2xx", payment_status: "captured", amazonCaptures: ["64.28 Captured"], audit: { mismatches: [], shared: [] } })
    })
  })

  describe.each([
    ["the dashboard's Refund form", true],
    ["a plain Admin API call", false],
  ])("a refund made by %s and declined by Amazon afterwards", (_route, dashboard) => {
    it("leaves the order exactly as before the refund", async () => {
      const order = await placeOrder()
      await admin().capture(order.payment.id)
      // The dashboard sends { amount, note, refund_reason_id } (@medusajs/dashboard order-create-refund).
      const extra = dashboard
        ? {
            note: "Damaged on arrival",
            refund_reason_id: (
              await suite.api.post("/admin/refund-reasons", { label: "Damaged", code: "damaged" }, { headers: suite.ctx.adminHeaders })
            ).data.refund_reason.id,
          }
        : {}
      const before = await admin().moneyState(order.order.id)
      await suite.sandbox.addFault({ operation: "createRefund", kind: "simulate", simulationCode: "RefundDeclined", times: 1 })
      await admin().refund(order.payment.id, 7, extra)
      const recorded = await admin().moneyState(order.order.id)
      await settle()
      const poll = await suite.api.post("/admin/amazon-pay/poll-pending", { older_than_ms: 0 }, { headers: suite.ctx.adminHeaders })
      expect({
        refundChangedTheOrder: JSON.stringify(recorded) !== JSON.stringify(before),
        pollErrors: poll.data.errors,
        amazonRefunds: (await movements(order)).amazonRefunds,
        order: await admin().moneyState(order.order.id),
      }).toEqual({ refundChangedTheOrder: true, pollErrors: 0, amazonRefunds: ["7.00 Declined"], order: before })
    })
  })

  // Medusa commits its Capture/Refund row, then calls the provider; a server killed in between
  // leaves a row no call ever saw (found by `npm run chaos -- --cluster`). The row is written here
  // as that crash leaves it: Medusa's own row, with no call in the journal.
  describe("a server killed between Medusa's row and the call to Amazon", () => {
    const pg = () => suite.container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    async function crashLeftRow(table: "capture" | "refund", paymentId: string, amount: number, agoMs: number): Promise<string> {
      const id = `${table === "capture" ? "capt" : "ref"}_crash${Date.now()}${Math.floor(Math.random() * 1000)}`
      await pg().raw(`INSERT INTO ${table} (id, payment_id, amount, raw_amount, created_at, updated_at) VALUES (?, ?, ?, ?, now() - (? * interval '1 millisecond'), now())`, [
        id,
        paymentId,
        amount,
        JSON.stringify({ value: String(amount), precision: 20 }),
        agoMs,
      ])
      return id
    }
    const poll = async () => (await suite.api.post("/admin/amazon-pay/poll-pending", { older_than_ms: 0 }, { headers: suite.ctx.adminHeaders })).data
    const ageRow = (table: string, id: string) => pg().raw(`UPDATE ${table} SET created_at = now() - interval '1 hour' WHERE id = ?`, [id])

    it("a capture row no call saw is undone once older than the lock wait; one just made is left alone", async () => {
      const order = await placeOrder()
      await admin().capture(order.payment.id, 20)
      const row = await crashLeftRow("capture", order.payment.id, 15, 0)
      const fresh = await poll()
      const afterFresh = (await movements(order)).medusaCaptures
      await ageRow("capture", row)
      const aged = await poll()
      expect({
        afterFresh,
        freshErrors: fresh.errors,
        agedErrors: aged.errors,
        undone: aged.outcomes.some((o: string) => o.includes(row) && o.includes("never reached Amazon")),
        ...(await movements(order)),
        audit: await auditOrders(suite.ctx, suite.amazon, asPlaced(order)),
      }).toEqual({
        afterFresh: ["15.00", "20.00"],
        freshErrors: 0,
        agedErrors: 0,
        undone: true,
        medusaCaptures: ["20.00"],
        amazonCaptures: ["20.00 Captured"],
        medusaRefunds: [],
        amazonRefunds: [],
        audit: { mismatches: [], shared: [] },
      })
    })

    it("a refund row no call saw is undone; the refunds Amazon made stay", async () => {
      const order = await placeOrder()
      await admin().capture(order.payment.id, Number(order.payment.amount))
      await admin().refund(order.payment.id, 5)
      await settle()
      await crashLeftRow("refund", order.payment.id, 7, 3_600_000)
      const aged = await poll()
      expect({
        agedErrors: aged.errors,
        ...(await movements(order)),
        audit: await auditOrders(suite.ctx, suite.amazon, asPlaced(order)),
      }).toEqual({
        agedErrors: 0,
        medusaCaptures: [formatAmount(order.payment.amount, "usd")],
        amazonCaptures: [`${formatAmount(order.payment.amount, "usd")} Captured`],
        medusaRefunds: ["5.00"],
        amazonRefunds: ["5.00 Refunded"],
        audit: { mismatches: [], shared: [] },
      })
    })
  })

  describe("a later capture Amazon declines", () => {
    it("soft decline: refused with Amazon's reason; the same amount captures once Amazon accepts it", async () => {
      const order = await placeOrder()
      await admin().capture(order.payment.id, 20)
      await suite.sandbox.addFault({ operation: "createCharge", kind: "simulate", simulationCode: "SoftDeclined", times: 1 })
      const first = await outcomeOf(admin().capture(order.payment.id, 10))
      const retry = await outcomeOf(admin().capture(order.payment.id, 10))
      expect({
        first: refusal(first),
        retry: describeOutcome(retry),
        ...(await movements(order)),
        audit: await auditOrders(suite.ctx, suite.amazon, asPlaced(order)),
      }).toEqual({
        first: { clientError: true, answer: expect.stringContaining("SoftDeclined") },
        retry: "2xx",
        medusaCaptures: ["10.00", "20.00"],
        amazonCaptures: ["10.00 Captured", "20.00 Captured"],
        medusaRefunds: [],
        amazonRefunds: [],
        audit: { mismatches: [], shared: [] },
      })
    })

    it("hard decline: refused saying the buyer's payment method is no longer chargeable; nothing recorded", async () => {
      const order = await placeOrder()
      await admin().capture(order.payment.id, 20)
      await suite.sandbox.addFault({ operation: "createCharge", kind: "simulate", simulationCode: "HardDeclined", times: 1 })
      const failure = await expectFailure(admin().capture(order.payment.id, 10))
      expect({
        status: failure.status,
        message: failure.data.message,
        ...(await movements(order)),
        audit: await auditOrders(suite.ctx, suite.amazon, asPlaced(order)),
      }).toEqual({
        status: expect.any(Number),
        message: expect.stringMatching(/HardDeclined[\s\S]*payment method|payment method[\s\S]*HardDeclined/i),
        medusaCaptures: ["20.00"],
        amazonCaptures: ["20.00 Captured"],
        medusaRefunds: [],
        amazonRefunds: [],
        audit: { mismatches: [], shared: [] },
      })
      expect(failure.status).toBeGreaterThanOrEqual(400)
      expect(failure.status).toBeLessThan(500)
    })
  })

  describe("the polling job, when an IPN was lost", () => {
    /**
     * `count` Amazon Pay payments updated after `paymentId`, in a payment collection of their own:
     * copies of its collection, session and payment rows (so every NOT NULL column and foreign key
     * holds) with new ids, `updated_at = now()`, and the data of a payment with nothing pending at
     * Amazon. Straight into PostgreSQL: 3,000 take well under a second, where placing them as
     * orders would take many minutes.
     */
    async function seedNewerPayments(paymentId: string, count: number): Promise<number> {
      const pg = suite.container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const copy = (table: string, alias: string, overrides: string) =>
        `INSERT INTO ${table} SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(${alias}) || jsonb_build_object(${overrides},
           'created_at', now(), 'updated_at', now()))).*`
      const n = `lpad(g::text, 7, '0')`
      await pg.raw(`${copy("payment_collection", "c", `'id', 'pay_col_seed'`)} FROM payment_collection c WHERE c.id = (SELECT payment_collection_id FROM payment WHERE id = ?)`, [
        paymentId,
      ])
      await pg.raw(
        `${copy("payment_session", "s", `'id', 'payses_seed' || ${n}, 'payment_collection_id', 'pay_col_seed', 'data', '{}'::jsonb`)}
         FROM payment_session s CROSS JOIN generate_series(1, ?) AS g
         WHERE s.id = (SELECT payment_session_id FROM payment WHERE id = ?)`,
        [count, paymentId]
      )
      const settled = `jsonb_build_object('chargePermissionId', 'S01-9000000-' || ${n}, 'charges', '[]'::jsonb, 'refunds', '[]'::jsonb)`
      await pg.raw(
        `${copy("payment", "p", `'id', 'pay_seed' || ${n}, 'payment_session_id', 'payses_seed' || ${n}, 'payment_collection_id', 'pay_col_seed', 'data', ${settled}`)}
         FROM payment p CROSS JOIN generate_series(1, ?) AS g
         WHERE p.id = ?`,
        [count, paymentId]
      )
      const newer = `SELECT count(*)::int AS n FROM payment WHERE provider_id = ? AND updated_at > (SELECT updated_at FROM payment WHERE id = ?)`
      return (await pg.raw(newer, [AMAZON_PAY_PROVIDER_ID, paymentId])).rows[0].n
    }

    it(`settles a pending refund on a payment older than ${NEWER_PAYMENTS} newer Amazon Pay payments`, async () => {
      await suite.sandbox.configureIpn({ enabled: false })
      const order = await placeOrder()
      await admin().capture(order.payment.id)
      await admin().refund(order.payment.id, 15)
      const refundStates = async () => {
        const payment = (await admin().payments(order.order.id)).find((p) => p.id === order.payment.id)
        return payment.data.refunds.map((r: any) => `${r.amount.amount} ${r.state}`)
      }
      const pending = await refundStates()
      await settle()
      const newer = await seedNewerPayments(order.payment.id, NEWER_PAYMENTS)
      const poll = await suite.api.post("/admin/amazon-pay/poll-pending", { older_than_ms: 0 }, { headers: suite.ctx.adminHeaders })
      expect({
        pending,
        newer,
        pollErrors: poll.data.errors,
        refunds: await refundStates(),
        amazonRefunds: (await movements(order)).amazonRefunds,
      }).toEqual({
        pending: ["15.00 RefundInitiated"],
        newer: NEWER_PAYMENTS,
        pollErrors: 0,
        refunds: ["15.00 Refunded"],
        amazonRefunds: ["15.00 Refunded"],
      })
    })
  })
})

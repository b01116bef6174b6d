/**
 * Issue 10, two admins clicking at once: equal captures or refunds sent to the Admin API in
 * parallel. Medusa serializes the creation of its Capture/Refund rows but calls the provider for
 * each outside any lock, with the payment data read before either call returned. Whatever the
 * provider does about that (serialize, refuse one), every capture or refund that answered 2xx must
 * have moved its money exactly once at Amazon, a refused one must leave nothing behind, and
 * Medusa's totals must equal the sandbox ledger.
 */
import {
  auditOrders,
  describeOutcome,
  formatAmount,
  inParallel,
  placeAmazonPayOrder,
  readyCarts,
  type AmazonPayOrder,
  type Outcome,
  type PlacedOrder,
} from "../helpers"
import { amazonPayStoreSuite } from "../helpers/amazon-pay-suite"

jest.setTimeout(120_000)

const PENDING_DELAY_MS = 60_000

amazonPayStoreSuite({ pendingDelayMs: PENDING_DELAY_MS }, (suite) => {
  const carts = readyCarts(suite, { order: { quantity: 1 } })
  const placeOrder = () => placeAmazonPayOrder(suite.ctx, suite.sandbox, { cart: carts().order })
  const usd = (amount: number | string) => formatAmount(amount, "usd")
  const succeeded = (answers: Array<Outcome<unknown>>) => answers.filter((a) => a.ok).length
  const times = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value)

  const placed = (order: AmazonPayOrder): PlacedOrder[] => [{ label: "order", orderId: order.order.id, checkoutSessionId: order.checkoutSessionId }]

  /** What Medusa recorded and what Amazon did, for one order, after Amazon settled everything. */
  async function moneyOf(order: AmazonPayOrder) {
    await suite.sandbox.advanceClock(PENDING_DELAY_MS + 1000)
    const payment = await suite.ctx.admin.getPayment(order.payment.id)
    const permissionId = (await suite.amazon.checkout(order.checkoutSessionId)).chargePermissionId as string
    const ledger = (await suite.sandbox.ledger()).chargePermissions[permissionId]
    return {
      medusaCaptures: payment.captures.map((c: any) => usd(c.amount)).sort(),
      amazonCaptures: ledger.charges.filter((c) => c.state === "Captured").map((c) => c.captureAmount).sort(),
      medusaRefunds: payment.refunds.map((r: any) => usd(r.amount)).sort(),
      amazonRefunds: ledger.refunds.map((r) => `${r.refundAmount} ${r.state}`).sort(),
      audit: await auditOrders(suite.ctx, suite.amazon, placed(order)),
    }
  }

  it("after capturing 20 of 60, two parallel captures of 10: each 2xx captured once at Amazon", async () => {
    const order = await placeOrder()
    await suite.ctx.admin.capture(order.payment.id, 20)
    const answers = await inParallel(times(2, () => suite.ctx.admin.capture(order.payment.id, 10)))
    const ok = succeeded(answers)
    expect({ ok: ok > 0, answers: answers.map(describeOutcome), ...(await moneyOf(order)) }).toEqual({
      ok: true,
      answers: expect.anything(),
      medusaCaptures: ["20.00", ...times(ok, "10.00")].sort(),
      amazonCaptures: ["20.00", ...times(ok, "10.00")].sort(),
      medusaRefunds: [],
      amazonRefunds: [],
      audit: { mismatches: [], shared: [] },
    })
  })

  it("two parallel captures of 30 from nothing: each 2xx captured once at Amazon", async () => {
    const order = await placeOrder()
    const answers = await inParallel(times(2, () => suite.ctx.admin.capture(order.payment.id, 30)))
    const ok = succeeded(answers)
    expect({ ok: ok > 0, answers: answers.map(describeOutcome), ...(await moneyOf(order)) }).toEqual({
      ok: true,
      answers: expect.anything(),
      medusaCaptures: times(ok, "30.00"),
      amazonCaptures: times(ok, "30.00"),
      medusaRefunds: [],
      amazonRefunds: [],
      audit: { mismatches: [], shared: [] },
    })
  })

  it.each([
    [2, 5],
    [3, 10],
  ])("%i parallel refunds of %i on a captured order: each 2xx refunded once at Amazon", async (count, amount) => {
    const order = await placeOrder()
    await suite.ctx.admin.capture(order.payment.id)
    const answers = await inParallel(times(count, () => suite.ctx.admin.refund(order.payment.id, amount)))
    const ok = succeeded(answers)
    expect({ ok: ok > 0, answers: answers.map(describeOutcome), ...(await moneyOf(order)) }).toEqual({
      ok: true,
      answers: expect.anything(),
      medusaCaptures: ["60.00"],
      amazonCaptures: ["60.00"],
      medusaRefunds: times(ok, usd(amount)),
      amazonRefunds: times(ok, `${usd(amount)} Refunded`),
      audit: { mismatches: [], shared: [] },
    })
  })
})

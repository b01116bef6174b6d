/**
 * Issue 12, the order widget's Admin API: the order's Amazon Pay view, capture an amount, sync with
 * Amazon, close the charge permission. Each through the Admin HTTP API of a real Medusa against the
 * sandbox; afterwards Medusa's captures and refunds must equal the sandbox ledger. Bad input is a
 * 400 that changes nothing; another provider's payment is a 404.
 */
import {
  auditOrders,
  describeOutcome,
  expectMedusaMatchesLedger,
  outcomeOf,
  placeAmazonPayOrder,
  readyCarts,
  type AmazonPayOrder,
} from "../../tools/test-kit"
import { AmazonPayAdmin } from "../../tools/test-kit/amazon-pay-admin"
import { amazonPayStoreSuite } from "../../tools/test-kit/amazon-pay-suite"

jest.setTimeout(120_000)

const PENDING_DELAY_MS = 60_000

amazonPayStoreSuite({ pendingDelayMs: PENDING_DELAY_MS }, (suite) => {
  const carts = readyCarts(suite, { usd: { quantity: 1 }, other: { quantity: 1 } })
  const placeOrder = () => placeAmazonPayOrder(suite.ctx, suite.sandbox, { cart: carts().usd })
  const admin = () => suite.ctx.admin
  const amazonPay = () => new AmazonPayAdmin(suite.api, suite.ctx.adminHeaders)
  const settle = () => suite.sandbox.advanceClock(PENDING_DELAY_MS + 1000)
  const audit = (order: AmazonPayOrder) => auditOrders(suite.ctx, suite.amazon, [{ label: "order", orderId: order.order.id, checkoutSessionId: order.checkoutSessionId }])
  const viewOf = async (order: AmazonPayOrder) => (await amazonPay().orderPayments(order.order.id))[0]
  /** What an admin action may change, read from Medusa, the journal and the sandbox. */
  async function everything(order: AmazonPayOrder) {
    const payment = await admin().getPayment(order.payment.id)
    const ledger = (await suite.sandbox.ledger()).chargePermissions[order.permissionId]
    const view = await viewOf(order)
    return {
      captures: payment.captures.map((c: any) => c.amount).sort(),
      refunds: payment.refunds.map((r: any) => r.amount).sort(),
      canceled: !!view.canceled_at,
      ledger: { captured: ledger.captured, refunded: ledger.refunded },
      calls: view.operations.length,
      permission: view.charge_permission.state,
    }
  }
  const status = (outcome: Awaited<ReturnType<typeof outcomeOf>>) => (outcome.ok ? 200 : outcome.status)

  it("shows the order's charge permission and charges as Amazon holds them; captures 20 then 15 as two Medusa captures", async () => {
    const order = await placeOrder()
    const before = await viewOf(order)
    await amazonPay().capture(order.payment.id, { amount: 20 })
    const after = await amazonPay().capture(order.payment.id, { amount: 15 })
    const ledger = await suite.amazon.ledgerOfCheckout(order.checkoutSessionId)
    const { payment } = await expectMedusaMatchesLedger(suite.ctx, suite.sandbox, order.payment.id, order.permissionId)
    expect({
      before: {
        permission: before.charge_permission.id,
        state: before.charge_permission.state,
        left: before.charge_permission.left_to_capture,
        charges: before.charges.map((c: any) => `${c.id} ${c.state}`),
        link: before.charge_permission.seller_central_url,
        amount: before.amount,
      },
      after: {
        captured: after.charge_permission.captured,
        left: after.charge_permission.left_to_capture,
        charges: after.charges.map((c: any) => `${c.id} ${c.state} ${c.captured?.amount ?? "-"}`).sort(),
        captureCalls: after.timeline.filter((t: any) => t.kind === "call").length,
      },
      medusaCaptures: payment.captures.map((c: any) => c.amount).sort(),
      payment_status: (await admin().getOrder(order.order.id)).payment_status,
    }).toEqual({
      before: {
        permission: ledger.chargePermissionId,
        state: "Chargeable",
        left: { amount: "60.00", currencyCode: "USD" },
        charges: ledger.charges.filter((c) => c.chargeId === before.charges[0].id).map((c) => `${c.chargeId} Authorized`),
        link: `https://sellercentral.amazon.com/external-payments/pmd/payment-details?orderReferenceId=${ledger.chargePermissionId}`,
        amount: "60",
      },
      after: {
        captured: { amount: "35.00", currencyCode: "USD" },
        left: { amount: "25.00", currencyCode: "USD" },
        charges: ledger.charges.map((c) => `${c.chargeId} Captured ${c.captureAmount}`).sort(),
        // complete checkout, capture charge, create charge
        captureCalls: 3,
      },
      medusaCaptures: [15, 20],
      payment_status: "partially_captured",
    })
    expect(ledger.charges.map((c) => c.captureAmount).sort()).toEqual(["15.00", "20.00"])
  })

  it("refuses bad input with a 400 and changes nothing", async () => {
    const order = await placeOrder()
    await amazonPay().capture(order.payment.id, { amount: 10 })
    const before = await everything(order)
    const answers = {
      negative: await outcomeOf(amazonPay().capture(order.payment.id, { amount: -5 })),
      zero: await outcomeOf(amazonPay().capture(order.payment.id, { amount: 0 })),
      text: await outcomeOf(amazonPay().capture(order.payment.id, { amount: "10" })),
      missing: await outcomeOf(amazonPay().capture(order.payment.id, {})),
      extraField: await outcomeOf(amazonPay().capture(order.payment.id, { amount: 5, captureNow: true })),
      belowCent: await outcomeOf(amazonPay().capture(order.payment.id, { amount: 0.001 })),
      moreThanLeft: await outcomeOf(amazonPay().capture(order.payment.id, { amount: 50.01 })),
      syncBody: await outcomeOf(amazonPay().sync(order.payment.id, { force: true })),
      longReason: await outcomeOf(amazonPay().close(order.payment.id, { reason: "x".repeat(256) })),
      emptyReason: await outcomeOf(amazonPay().close(order.payment.id, { reason: " " })),
    }
    expect({ answers: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, status(v)])), after: await everything(order) }).toEqual({
      answers: Object.fromEntries(Object.keys(answers).map((k) => [k, 400])),
      after: before,
    })
    expect(describeOutcome(answers.text)).toMatch(/amount/)
  })

  it("answers 404 for another provider's payment, an unknown payment and an unknown order; 401 without a login", async () => {
    const cart = carts().other
    await suite.ctx.storefront.initiatePaymentSession(cart.id, "pp_system_default")
    const result = await suite.ctx.storefront.completeCart(cart.id)
    if (result.type !== "order") throw new Error(`cart completion failed: ${result.error.message}`)
    const [system] = await admin().payments(result.order.id)
    const answers = {
      capture: await outcomeOf(amazonPay().capture(system.id, { amount: 10 })),
      sync: await outcomeOf(amazonPay().sync(system.id)),
      close: await outcomeOf(amazonPay().close(system.id)),
      view: await outcomeOf(suite.api.get(`/admin/amazon-pay/payments/${system.id}`, { headers: suite.ctx.adminHeaders })),
      unknownPayment: await outcomeOf(amazonPay().capture("pay_01UNKNOWN", { amount: 10 })),
      unknownOrder: await outcomeOf(amazonPay().orderPayments("order_01UNKNOWN")),
      anonymous: await outcomeOf(suite.api.get(`/admin/amazon-pay/orders/${result.order.id}`)),
      anonymousCapture: await outcomeOf(suite.api.post(`/admin/amazon-pay/payments/${system.id}/capture`, { amount: 10 })),
    }
    const payment = await admin().getPayment(system.id)
    expect({
      answers: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, status(v)])),
      otherOrderView: await amazonPay().orderPayments(result.order.id),
      captures: payment.captures,
    }).toEqual({
      answers: { capture: 404, sync: 404, close: 404, view: 404, unknownPayment: 404, unknownOrder: 404, anonymous: 401, anonymousCapture: 401 },
      otherOrderView: [],
      captures: [],
    })
  })

  it("sync applies what Amazon did while its IPNs were lost: a refund settled, a declined refund undone", async () => {
    await suite.sandbox.configureIpn({ enabled: false })
    const order = await placeOrder()
    await admin().capture(order.payment.id)
    await admin().refund(order.payment.id, 15)
    const beforeDecline = await admin().moneyState(order.order.id)
    await suite.sandbox.addFault({ operation: "createRefund", kind: "simulate", simulationCode: "RefundDeclined", times: 1 })
    await admin().refund(order.payment.id, 7)
    await settle()
    const stale = (await viewOf(order)).refunds.map((r: any) => `${r.amount.amount} ${r.state}`).sort()
    const { outcomes, amazon_pay_payment: synced } = await amazonPay().sync(order.payment.id)
    await expectMedusaMatchesLedger(suite.ctx, suite.sandbox, order.payment.id, order.permissionId)
    expect({
      stale,
      synced: synced.refunds.map((r: any) => `${r.amount.amount} ${r.state}`).sort(),
      outcomes: outcomes.length > 0,
      timeline: synced.timeline.some((t: any) => t.kind === "admin_sync"),
      order: await admin().moneyState(order.order.id),
      audit: await audit(order),
    }).toEqual({
      stale: ["15.00 RefundInitiated", "7.00 RefundInitiated"],
      synced: ["15.00 Refunded", "7.00 Declined"],
      outcomes: true,
      timeline: true,
      order: beforeDecline,
      audit: { mismatches: [], shared: [] },
    })
  })

  it("close after a partial capture releases the rest: permission Closed, nothing left, further captures refused", async () => {
    const order = await placeOrder()
    await amazonPay().capture(order.payment.id, { amount: 20 })
    const closed = await amazonPay().close(order.payment.id, { reason: "Customer kept only one item" })
    const again = await outcomeOf(amazonPay().capture(order.payment.id, { amount: 10 }))
    const closeCall = closed.operations.find((op: any) => op.kind === "close_charge_permission")
    await expectMedusaMatchesLedger(suite.ctx, suite.sandbox, order.payment.id, order.permissionId)
    expect({
      permission: closed.charge_permission.state,
      left: closed.charge_permission.left_to_capture,
      closeCall: closeCall && { status: closeCall.status, reason: closeCall.request.closureReason },
      again: again.ok ? "2xx" : again.status,
      after: await everything(order),
    }).toEqual({
      permission: "Closed",
      left: { amount: "0.00", currencyCode: "USD" },
      closeCall: { status: "succeeded", reason: "Customer kept only one item" },
      again: 400,
      // complete checkout, capture charge, close charge permission
      after: { captures: [20], refunds: [], canceled: false, ledger: { captured: "20.00", refunded: "0.00" }, calls: 3, permission: "Closed" },
    })
  })

  it("close with nothing captured voids the payment: charge canceled, Medusa payment canceled", async () => {
    const order = await placeOrder()
    const closed = await amazonPay().close(order.payment.id)
    expect({
      permission: closed.charge_permission.state,
      charges: closed.charges.map((c: any) => c.state),
      after: await everything(order),
    }).toEqual({
      permission: "Closed",
      charges: ["Canceled"],
      after: { captures: [], refunds: [], canceled: true, ledger: { captured: "0.00", refunded: "0.00" }, calls: 3, permission: "Closed" },
    })
  })
})

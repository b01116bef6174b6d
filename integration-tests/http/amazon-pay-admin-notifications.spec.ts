/**
 * Admin notifications end to end: Amazon declines a refund, a pending authorization or a capture,
 * or a buyer's bank opens a chargeback; the store hears of it through HTTP (the admin's own
 * capture, signed IPNs the sandbox posts to the store, delivered twice each) and the dashboard's
 * bell (`GET /admin/notifications?channel=feed`) shows exactly one notice per occurrence. An
 * event-bus redelivery (the plugin's subscriber run again with the same event) adds nothing.
 */
import { expectFailure, waitFor } from "../../tools/test-kit"
import amazonPayAdminNotifications from "../../src/subscribers/amazon-pay-admin-notifications"
import { EFFECT_TIMEOUT_MS, notificationSuite, type NotificationSuite } from "./amazon-pay-admin/notification-suite"

jest.setTimeout(240_000)

const titled = (title: string) => (feed: any[]) => feed.filter((n) => n.data?.title === title)

/** Runs the plugin's subscriber again with the event it was given (what an event-bus retry does). */
async function redeliver(s: NotificationSuite, name: string, data: Record<string, unknown>) {
  await amazonPayAdminNotifications({ event: { name, data }, container: s.container } as never)
}

notificationSuite({}, (suite) => {
  it("refund declined: one notice for the order, none more for duplicated IPNs or a redelivered event", async () => {
    const s = suite()
    const { order, payment } = await s.capturedOrder()
    s.proxy.arm("POST", /\/refunds$/, "RefundDeclined")
    await s.ctx.admin.refund(payment.id, 20)
    await s.settle()
    const [notice] = await waitFor(() => s.feed(), (feed) => titled("Amazon Pay declined a refund")(feed).length > 0, EFFECT_TIMEOUT_MS)
    expect(notice).toMatchObject({
      channel: "feed",
      to: "",
      template: "admin-ui",
      resource_type: "order",
      resource_id: order.id,
      trigger_type: "amazon-pay.refund.declined",
    })
    expect(notice.data.description).toContain(`Order #${order.display_id}`)
    expect(notice.data.description).toContain("20.00 USD")
    await s.allIpnsApplied(payment.id)
    const refundId = (await s.payment(payment.id)).data.refunds[0].refundId
    await redeliver(s, "amazon-pay.refund.declined", { payment_collection_id: notice.data.amazon_pay.payment_collection_id, amazon_refund_id: refundId, amount: "20.00", currency_code: "USD" })
    expect(titled("Amazon Pay declined a refund")(await s.feed())).toHaveLength(1)
    const view = await s.ctx.admin.amazonPayView(payment.id)
    expect(view.events.filter((e: any) => e.kind === "admin_notified")).toEqual([
      expect.objectContaining({ amazon_id: refundId, summary: "Admins notified: Amazon Pay declined a refund" }),
    ])
  })

  it("pending authorization declined: one notice saying the order was canceled", async () => {
    const s = suite()
    const { order } = await s.placeOrder("pendingThenDeclined")
    await s.settle()
    const [notice] = await waitFor(() => s.feed(), (feed) => titled("Amazon Pay declined a payment")(feed).length > 0, EFFECT_TIMEOUT_MS)
    expect(notice).toMatchObject({ resource_type: "order", resource_id: order.id })
    expect(notice.data.description).toContain("The order was canceled")
    await s.amazon.sandbox().ipn.drain()
    const { payment_collection_id, amazon_id } = notice.data.amazon_pay
    await redeliver(s, "amazon-pay.authorization.declined", { payment_collection_id, charge_id: amazon_id, action: "canceled_order" })
    expect(titled("Amazon Pay declined a payment")(await s.feed())).toHaveLength(1)
  })

  it("capture declined: the admin's capture fails and one notice stays, although the charge's IPN says Declined too", async () => {
    const s = suite()
    const { order, payment } = await s.placeOrder()
    s.proxy.arm("POST", /\/charges\/[^/]+\/capture$/, "AmazonRejected")
    const failed = await expectFailure(s.ctx.admin.capture(payment.id))
    expect(failed.status).toBeGreaterThanOrEqual(400)
    const [notice] = await waitFor(() => s.feed(), (feed) => titled("Amazon Pay declined a capture")(feed).length > 0, EFFECT_TIMEOUT_MS)
    expect(notice).toMatchObject({ resource_type: "order", resource_id: order.id })
    expect(notice.data.description).toContain("AmazonRejected")
    await s.allIpnsApplied(payment.id)
    expect(titled("Amazon Pay declined a capture")(await s.feed())).toHaveLength(1)
  })

  it("chargeback opened: one notice; its resolution and duplicated IPNs add none", async () => {
    const s = suite()
    const { order, payment } = await s.capturedOrder()
    const chargeId = (await s.payment(payment.id)).data.charges[0].chargeId
    const { disputeId } = await s.amazon.control().openChargeback({ chargeId, amount: "25.00" })
    const [notice] = await waitFor(() => s.feed(), (feed) => titled("Amazon Pay chargeback opened")(feed).length > 0, EFFECT_TIMEOUT_MS)
    expect(notice).toMatchObject({ resource_type: "order", resource_id: order.id })
    expect(notice.data.description).toContain("25.00 USD")
    expect(notice.data.description).toContain(disputeId)
    await s.amazon.control().resolveChargeback(disputeId, "MerchantWon")
    await waitFor(() => s.payment(payment.id), (p) => p.data.chargebacks?.[0]?.state !== "ActionRequired", EFFECT_TIMEOUT_MS)
    await s.allIpnsApplied(payment.id)
    expect((await s.feed()).filter((n) => n.data?.amazon_pay?.kind === "chargebackOpened")).toHaveLength(1)
  })
})

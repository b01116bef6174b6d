/**
 * `adminNotifications: false` (AMAZON_PAY_ADMIN_NOTIFICATIONS=false): Amazon declines a refund and
 * a buyer's bank opens a chargeback, the store applies both (the events are emitted), and the
 * dashboard's bell stays empty.
 */
import { waitFor } from "../../tools/test-kit"
import amazonPayAdminNotifications from "../../src/subscribers/amazon-pay-admin-notifications"
import { EFFECT_TIMEOUT_MS, notificationSuite } from "./amazon-pay-admin/notification-suite"

jest.setTimeout(240_000)

notificationSuite({ AMAZON_PAY_ADMIN_NOTIFICATIONS: "false" }, (suite) => {
  it("a declined refund and a chargeback are applied and no notice is created", async () => {
    const s = suite()
    const { payment } = await s.capturedOrder()
    s.proxy.arm("POST", /\/refunds$/, "RefundDeclined")
    await s.ctx.admin.refund(payment.id, 20)
    await s.settle()
    await waitFor(() => s.payment(payment.id), (p) => p.refunds.length === 0 && p.data.refunds[0]?.state === "Declined", EFFECT_TIMEOUT_MS)
    const chargeId = (await s.payment(payment.id)).data.charges[0].chargeId
    const { disputeId } = await s.amazon.control().openChargeback({ chargeId, amount: "25.00" })
    await waitFor(() => s.payment(payment.id), (p) => p.data.chargebacks?.length === 1, EFFECT_TIMEOUT_MS)
    await s.allIpnsApplied(payment.id)
    // The subscriber once more, awaited, with the chargeback's event: it must decline to notify.
    const paymentCollectionId = (await s.ctx.admin.amazonPayView(payment.id)).payment_collection_id
    await amazonPayAdminNotifications({
      event: { name: "amazon-pay.chargeback.opened", data: { payment_collection_id: paymentCollectionId, dispute_id: disputeId, amount: "25.00", currency_code: "USD" } },
      container: s.container,
    } as never)
    expect(await s.feed()).toEqual([])
    const view = await s.ctx.admin.amazonPayView(payment.id)
    expect(view.events.filter((e: any) => e.kind === "admin_notified")).toEqual([])
  })
})

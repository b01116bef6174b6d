/**
 * Delivery trackers end to end: an order paid with Amazon Pay is fulfilled and shipped with
 * tracking numbers through the Admin API (`POST /admin/orders/:id/fulfillments`, then
 * `.../fulfillments/:id/shipments` with labels); Medusa emits `shipment.created` and the plugin
 * sends Create Delivery Tracker to the sandbox, which checks carrier codes and refuses a tracking
 * number used twice. What Amazon received is read from the sandbox's control API
 * (`GET /sandbox/delivery-trackers`, `GET /sandbox/requests`); what the store recorded from its
 * journal (`GET /admin/amazon-pay/payments/:id`). The store maps its shipping option "Standard
 * shipping" to UPS (AMAZON_PAY_DELIVERY_TRACKER_CARRIERS).
 */
import { placeAmazonPayOrder, waitFor } from "../../tools/test-kit"
import { fetchHttpClient } from "../../tools/test-kit/http"
import { amazonPayStoreSuite } from "../../tools/test-kit/amazon-pay-suite"
import amazonPayDeliveryTrackers from "../../src/subscribers/amazon-pay-delivery-trackers"

jest.setTimeout(240_000)

const EFFECT_TIMEOUT_MS = 30_000

amazonPayStoreSuite({ env: { AMAZON_PAY_DELIVERY_TRACKER_CARRIERS: "Standard shipping=UPS" } }, (suite) => {
  const admin = () => ({ headers: suite.ctx.adminHeaders })
  const trackersAtAmazon = async (): Promise<Array<{ chargePermissionId: string; trackingNumber: string; carrierCode: string }>> =>
    (await fetchHttpClient(suite.sandbox.url).get("/sandbox/delivery-trackers")).data.deliveryTrackers
  const trackerRequests = async () => (await suite.sandbox.requestCounts()).createDeliveryTracker?.requests ?? 0
  const trackerCalls = async (paymentId: string) =>
    (await suite.ctx.admin.amazonPayView(paymentId)).operations.filter((op: any) => op.kind === "create_delivery_tracker")

  /** An order paid and captured with Amazon Pay, fulfilled, and shipped with these tracking numbers. */
  async function shippedOrder(trackingNumbers: string[]) {
    const { order, payment, permissionId } = await placeAmazonPayOrder(suite.ctx, suite.sandbox)
    await suite.ctx.admin.capture(payment.id)
    const { items } = (await suite.api.get(`/admin/orders/${order.id}?fields=id,*items`, admin())).data.order
    const lines = items.map((item: any) => ({ id: item.id, quantity: item.quantity }))
    const fulfilled = (await suite.api.post(`/admin/orders/${order.id}/fulfillments?fields=id,*fulfillments`, { items: lines, location_id: suite.ctx.store.stockLocationId }, admin())).data.order
    const fulfillmentId = fulfilled.fulfillments[0].id
    const labels = trackingNumbers.map((n) => ({ tracking_number: n, tracking_url: `https://track.example/${n}`, label_url: `https://labels.example/${n}.pdf` }))
    await suite.api.post(`/admin/orders/${order.id}/fulfillments/${fulfillmentId}/shipments`, { items: lines, labels }, admin())
    return { order, payment, permissionId, fulfillmentId }
  }

  /** What an event bus does when it delivers `shipment.created` again: the plugin's subscriber, awaited. */
  const redeliver = (fulfillmentId: string) =>
    amazonPayDeliveryTrackers({ event: { name: "shipment.created", data: { id: fulfillmentId } }, container: suite.container } as never)

  const renameShippingOption = (name: string) => suite.api.post(`/admin/shipping-options/${suite.ctx.store.shippingOptionId}`, { name }, admin())

  it("each tracking number of a shipment reaches Amazon once, with the mapped carrier; a redelivered event sends nothing", async () => {
    const { payment, permissionId, fulfillmentId } = await shippedOrder(["1Z999AA10123456784", "1Z999AA10123456785"])
    const trackers = await waitFor(trackersAtAmazon, (t) => t.length === 2, EFFECT_TIMEOUT_MS)
    expect(trackers.map(({ chargePermissionId, trackingNumber, carrierCode }) => ({ chargePermissionId, trackingNumber, carrierCode }))).toEqual([
      { chargePermissionId: permissionId, trackingNumber: "1Z999AA10123456784", carrierCode: "UPS" },
      { chargePermissionId: permissionId, trackingNumber: "1Z999AA10123456785", carrierCode: "UPS" },
    ])
    const calls = await waitFor(() => trackerCalls(payment.id), (ops) => ops.length === 2 && ops.every((op: any) => op.status === "succeeded"), EFFECT_TIMEOUT_MS)
    expect(calls.map((op: any) => [op.medusa_ref_id, op.request.deliveryDetails])).toEqual([
      [fulfillmentId, [{ trackingNumber: "1Z999AA10123456784", carrierCode: "UPS" }]],
      [fulfillmentId, [{ trackingNumber: "1Z999AA10123456785", carrierCode: "UPS" }]],
    ])
    await redeliver(fulfillmentId)
    expect(await trackerRequests()).toBe(2)
    expect(await trackersAtAmazon()).toHaveLength(2)
  })

  it("unknown carrier: skipped and noted once on the timeline; once the carrier is known, a redelivery sends it", async () => {
    await renameShippingOption("Pigeon post")
    const { payment, fulfillmentId } = await shippedOrder(["PIGEON-1"])
    const view = await waitFor(
      () => suite.ctx.admin.amazonPayView(payment.id),
      (v) => v.events.some((e: any) => e.kind === "delivery_tracker_skipped"),
      EFFECT_TIMEOUT_MS
    )
    expect(view.events.filter((e: any) => e.kind === "delivery_tracker_skipped")).toEqual([
      expect.objectContaining({ summary: expect.stringContaining("PIGEON-1"), detail: expect.objectContaining({ tracking_number: "PIGEON-1", carrier_names: ["manual_manual", "manual", "Pigeon post"] }) }),
    ])
    await redeliver(fulfillmentId)
    expect((await suite.ctx.admin.amazonPayView(payment.id)).events.filter((e: any) => e.kind === "delivery_tracker_skipped")).toHaveLength(1)
    expect(await trackerRequests()).toBe(0)

    await renameShippingOption("UPS Ground")
    await redeliver(fulfillmentId)
    expect((await trackersAtAmazon()).map((t) => [t.trackingNumber, t.carrierCode])).toEqual([["PIGEON-1", "UPS"]])
  })

  it("a tracking number Amazon refuses (already used by another order) is recorded as refused and not sent again", async () => {
    await shippedOrder(["SHARED-1"])
    await waitFor(trackersAtAmazon, (t) => t.length === 1, EFFECT_TIMEOUT_MS)
    const second = await shippedOrder(["SHARED-1"])
    const [refused] = await waitFor(() => trackerCalls(second.payment.id), (ops) => ops.length === 1 && ops[0].status !== "sent", EFFECT_TIMEOUT_MS)
    expect(refused).toMatchObject({ status: "failed", reason_code: "InvalidParameterValue" })
    await redeliver(second.fulfillmentId)
    expect(await trackerRequests()).toBe(2)
    expect((await trackersAtAmazon()).map((t) => t.chargePermissionId)).not.toContain(second.permissionId)
  })

  it("no answer from Amazon: the polling job sends the tracker again, at most maxAttempts (3) times in all", async () => {
    const poll = async () => (await suite.api.post("/admin/amazon-pay/poll-pending", { older_than_ms: 0 }, admin())).data
    // The client's own retries (4 requests per send) all meet a 503: the first send has no answer.
    await suite.sandbox.addFault({ operation: "createDeliveryTracker", kind: "status", status: 503, times: 12 })
    const { payment } = await shippedOrder(["1Z-LOST-1"])
    await waitFor(() => trackerCalls(payment.id), (ops) => ops.length === 1 && ops[0].status === "unknown", EFFECT_TIMEOUT_MS)
    expect((await poll()).outcomes).toContainEqual(expect.stringMatching(/create_delivery_tracker .*: no answer \(attempt 2\)$/))
    expect((await poll()).outcomes).toContainEqual(expect.stringMatching(/create_delivery_tracker .*: no answer \(attempt 3\)$/))
    expect((await poll()).outcomes).toContainEqual(expect.stringMatching(/create_delivery_tracker .*: given up after 3 attempt\(s\)$/))
    const [call] = await trackerCalls(payment.id)
    expect(call).toMatchObject({ status: "failed", attempt: 3 })
    expect((await poll()).outcomes.filter((line: string) => line.includes("create_delivery_tracker"))).toEqual([])
    expect(await trackerRequests()).toBe(12)
    expect(await trackersAtAmazon()).toEqual([])
  })

  it("every answer of a send lost after Amazon took the tracker: the job's resend (same key, same bytes) gets Amazon's first answer", async () => {
    await suite.sandbox.addFault({ operation: "createDeliveryTracker", kind: "commitThenDrop", times: 4 })
    const { payment } = await shippedOrder(["1Z-DROP-1"])
    await waitFor(() => trackerCalls(payment.id), (ops) => ops.length === 1 && ops[0].status === "unknown", EFFECT_TIMEOUT_MS)
    await suite.api.post("/admin/amazon-pay/poll-pending", { older_than_ms: 0 }, admin())
    expect((await trackerCalls(payment.id))[0]).toMatchObject({ status: "succeeded", attempt: 2, reason_code: null, message: null })
    expect((await trackersAtAmazon()).map((t) => t.trackingNumber)).toEqual(["1Z-DROP-1"])
  })

  it("a lost answer is settled by the polling job's resend", async () => {
    await suite.sandbox.addFault({ operation: "createDeliveryTracker", kind: "status", status: 503, times: 4 })
    const { payment, permissionId } = await shippedOrder(["1Z-LATE-1"])
    await waitFor(() => trackerCalls(payment.id), (ops) => ops.length === 1 && ops[0].status === "unknown", EFFECT_TIMEOUT_MS)
    await suite.api.post("/admin/amazon-pay/poll-pending", { older_than_ms: 0 }, admin())
    expect((await trackerCalls(payment.id))[0]).toMatchObject({ status: "succeeded", attempt: 2 })
    expect((await trackersAtAmazon()).map((t) => [t.chargePermissionId, t.trackingNumber])).toEqual([[permissionId, "1Z-LATE-1"]])
  })
})

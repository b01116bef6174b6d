import { isEnabled, occurrenceOf, planAdminNotification, readableDeadline } from "../plan"

describe("admin notifications: what an admin is told", () => {
  it("reads each of the plugin's events and keys the notice on the Amazon object", () => {
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ["amazon-pay.refund.declined", { payment_collection_id: "pc_1", amazon_refund_id: "S01-1-1-R1", amount: "20.00", currency_code: "usd", reason_code: "AmazonRejected" }, "refundDeclined", "S01-1-1-R1"],
      ["amazon-pay.authorization.declined", { payment_collection_id: "pc_1", charge_id: "S01-1-1-C1", action: "flagged_order" }, "authorizationDeclined", "S01-1-1-C1"],
      ["amazon-pay.capture.declined", { payment_collection_id: "pc_1", charge_id: null, capture_id: "capt_1", reason_code: "SoftDeclined" }, "captureDeclined", "capt_1"],
      ["amazon-pay.chargeback.opened", { payment_collection_id: "pc_1", dispute_id: "S01-1-1-B1", amount: "5.00", currency_code: "EUR" }, "chargebackOpened", "S01-1-1-B1"],
    ]
    for (const [name, data, kind, amazonId] of cases) {
      const occurrence = occurrenceOf(name, data)
      expect(occurrence).toMatchObject({ kind, amazonId, paymentCollectionId: "pc_1" })
      expect(planAdminNotification(occurrence!, { id: "order_1", display_id: 7 }).idempotency_key).toBe(`amazon-pay:${kind}:${amazonId}`)
    }
  })

  it("ignores other events and data that does not fit", () => {
    expect(occurrenceOf("order.placed", { payment_collection_id: "pc_1" })).toBeNull()
    expect(occurrenceOf("amazon-pay.refund.declined", { payment_collection_id: "pc_1" })).toBeNull()
    expect(occurrenceOf("amazon-pay.capture.declined", { payment_collection_id: "pc_1", charge_id: null, capture_id: null })).toBeNull()
    expect(occurrenceOf("amazon-pay.chargeback.opened", null)).toBeNull()
  })

  it("is the shape the dashboard's bell renders: feed, to every admin, title and description, the order to open", () => {
    const occurrence = occurrenceOf("amazon-pay.refund.declined", { payment_collection_id: "pc_1", amazon_refund_id: "R1", amount: "20.00", currency_code: "usd", reason_code: "AmazonRejected" })!
    expect(planAdminNotification(occurrence, { id: "order_1", display_id: 7 })).toEqual({
      to: "",
      channel: "feed",
      template: "admin-ui",
      trigger_type: "amazon-pay.refund.declined",
      resource_type: "order",
      resource_id: "order_1",
      idempotency_key: "amazon-pay:refundDeclined:R1",
      data: {
        title: "Amazon Pay declined a refund",
        description: expect.stringMatching(/^Order #7: Amazon declined refund R1 of 20\.00 USD \(AmazonRejected\)\. Medusa's refund was undone/),
        amazon_pay: { kind: "refundDeclined", amazon_id: "R1", payment_collection_id: "pc_1", order_id: "order_1" },
      },
    })
    expect(planAdminNotification(occurrence, null)).toMatchObject({ resource_type: "payment_collection", resource_id: "pc_1" })
  })

  it("says what happened to the order and what to do", () => {
    const flagged = occurrenceOf("amazon-pay.authorization.declined", { payment_collection_id: "pc", charge_id: "C1", action: "flagged_order", reason_code: "HardDeclined" })!
    expect(planAdminNotification(flagged, { id: "o" }).data.description).toContain("must not ship")
    const capture = occurrenceOf("amazon-pay.capture.declined", { payment_collection_id: "pc", charge_id: "C1", amount: "10.00", currency_code: "USD", reason_code: "HardDeclined" })!
    expect(planAdminNotification(capture, { id: "o", display_id: 3 }).data.description).toMatch(/^Order #3: capturing 10\.00 USD failed\. Amazon Pay declined the capture \(HardDeclined\)/)
  })

  it("gives a chargeback's response deadline readably", () => {
    const chargeback = occurrenceOf("amazon-pay.chargeback.opened", {
      payment_collection_id: "pc",
      dispute_id: "B1",
      charge_id: "C1",
      amount: "25.00",
      currency_code: "USD",
      filing_reason: "ProductNotReceived",
      response_deadline: "20261211T011535Z",
    })!
    expect(planAdminNotification(chargeback, { id: "o", display_id: 1 }).data.description).toBe(
      "Order #1: the buyer's bank disputes 25.00 USD of charge C1 (ProductNotReceived). Respond in Seller Central by 2026-12-11 01:15 UTC (chargeback B1)."
    )
    expect(readableDeadline("2026-12-11T01:15:35Z")).toBe("2026-12-11T01:15:35Z")
  })

  it("is on by default; false or a kind set to false turns it off", () => {
    expect(isEnabled(true, "chargebackOpened")).toBe(true)
    expect(isEnabled(false, "chargebackOpened")).toBe(false)
    expect(isEnabled({ captureDeclined: false }, "captureDeclined")).toBe(false)
    expect(isEnabled({ captureDeclined: false }, "refundDeclined")).toBe(true)
  })
})

import { readPaymentData, upsertCharge, upsertRefund, capturedCharges } from "../payment-data"
import { amazonCharge, amazonRefund, paymentData, usd } from "./fixtures"

describe("payment data record", () => {
  it("reads Medusa's data with defaults and keeps what the storefront stored", () => {
    const data = readPaymentData({ session_id: "payses_1", amazonCheckoutSessionId: "cs-9", note: "gift" })
    expect(data).toMatchObject({
      session_id: "payses_1",
      checkoutSessionId: "cs-9",
      chargePermissionId: null,
      amazonPayMode: "manual",
      charges: [],
      refunds: [],
      note: "gift",
    })
    expect(readPaymentData(undefined).charges).toEqual([])
  })

  it("prefers the recorded checkoutSessionId over the storefront's amazonCheckoutSessionId", () => {
    expect(readPaymentData({ checkoutSessionId: "cs-a", amazonCheckoutSessionId: "cs-b" }).checkoutSessionId).toBe("cs-a")
  })

  it("upserts a charge by id, keeping its Medusa capture id across state changes", () => {
    const authorized = amazonCharge("C1", "Authorized", usd("100.00"))
    let data = upsertCharge(paymentData(), authorized, "capt_1")
    expect(data.charges).toHaveLength(1)
    data = upsertCharge(data, amazonCharge("C1", "Captured", usd("100.00"), { captureAmount: usd("60.00") }))
    expect(data.charges).toEqual([
      expect.objectContaining({ chargeId: "C1", state: "Captured", capturedAmount: usd("60.00"), medusaCaptureId: "capt_1" }),
    ])
    data = upsertCharge(data, amazonCharge("C2", "Captured", usd("40.00"), { captureAmount: usd("40.00") }), "capt_2")
    expect(data.charges.map((c) => c.chargeId)).toEqual(["C1", "C2"])
    expect(capturedCharges(data).map((c) => c.medusaCaptureId)).toEqual(["capt_1", "capt_2"])
  })

  it("does not mutate the record it was given", () => {
    const before = paymentData()
    upsertCharge(before, amazonCharge("C1", "Authorized", usd("1.00")))
    expect(before.charges).toEqual([])
  })

  it("upserts a refund by id and keeps the Medusa refund it first belonged to", () => {
    let data = upsertRefund(paymentData(), amazonRefund("R1", "C1", usd("5.00")), "ref_1")
    data = upsertRefund(data, amazonRefund("R1", "C1", usd("5.00"), "Refunded"), "ref_other")
    expect(data.refunds).toEqual([
      { refundId: "R1", chargeId: "C1", amount: usd("5.00"), state: "Refunded", reasonCode: null, medusaRefundId: "ref_1" },
    ])
  })

  it("counts only Captured and CaptureInitiated charges as captured", () => {
    let data = paymentData()
    data = upsertCharge(data, amazonCharge("C1", "Authorized", usd("10.00")))
    data = upsertCharge(data, amazonCharge("C2", "CaptureInitiated", usd("10.00"), { captureAmount: usd("10.00") }))
    data = upsertCharge(data, amazonCharge("C3", "Declined", usd("10.00")))
    expect(capturedCharges(data).map((c) => c.chargeId)).toEqual(["C2"])
  })
})

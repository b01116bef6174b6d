import { MedusaError } from "@medusajs/framework/utils"
import { piecesTotal, planRefund } from "../refund-plan"
import { amazonCharge, amazonRefund, paymentData, usd, withCharge as upsertCharge, withRefund as upsertRefund } from "./fixtures"

/** Two captures: C1 60.00 (older), C2 40.00 (newer). */
function twoCaptures() {
  let data = paymentData()
  data = upsertCharge(
    data,
    amazonCharge("C1", "Captured", usd("100.00"), { captureAmount: usd("60.00"), creationTimestamp: "20260101T000000Z" })
  )
  data = upsertCharge(
    data,
    amazonCharge("C2", "Captured", usd("40.00"), { captureAmount: usd("40.00"), creationTimestamp: "20260102T000000Z" })
  )
  return data
}

describe("refund spreading: newest captured charge first, each up to captured minus refunded", () => {
  it("takes a refund that fits from the newest charge only", () => {
    expect(planRefund(twoCaptures(), usd("25.00"))).toEqual([{ chargeId: "C2", amount: usd("25.00") }])
  })

  it("spills over to older charges", () => {
    const pieces = planRefund(twoCaptures(), usd("55.50"))
    expect(pieces).toEqual([
      { chargeId: "C2", amount: usd("40.00") },
      { chargeId: "C1", amount: usd("15.50") },
    ])
    expect(piecesTotal(pieces, usd("55.50"))).toBe(true)
  })

  it("subtracts refunds already initiated or done, but not declined ones", () => {
    let data = twoCaptures()
    data = upsertRefund(data, amazonRefund("R1", "C2", usd("30.00"), "Refunded"), "ref_1")
    data = upsertRefund(data, amazonRefund("R2", "C2", usd("5.00"), "RefundInitiated"), "ref_2")
    data = upsertRefund(data, amazonRefund("R3", "C1", usd("50.00"), "Declined"), "ref_3")
    expect(planRefund(data, usd("10.00"))).toEqual([
      { chargeId: "C2", amount: usd("5.00") },
      { chargeId: "C1", amount: usd("5.00") },
    ])
  })

  it("trusts Amazon's refundedAmount when it is larger than what we recorded", () => {
    let data = twoCaptures()
    data = upsertCharge(data, amazonCharge("C2", "Captured", usd("40.00"), {
      captureAmount: usd("40.00"),
      refundedAmount: usd("40.00"),
      creationTimestamp: "20260102T000000Z",
    }))
    expect(planRefund(data, usd("1.00"))).toEqual([{ chargeId: "C1", amount: usd("1.00") }])
  })

  it("refuses more than is refundable, saying how much is left, and refuses zero", () => {
    expect(() => planRefund(twoCaptures(), usd("100.01"))).toThrow(/at most 100.00 USD/)
    expect(() => planRefund(twoCaptures(), usd("0.00"))).toThrow(MedusaError)
  })

  it("skips a charge whose capture is still CaptureInitiated (Amazon refuses refunds on it)", () => {
    let data = twoCaptures()
    data = upsertCharge(data, amazonCharge("C2", "CaptureInitiated", usd("40.00"), {
      captureAmount: usd("40.00"),
      creationTimestamp: "20260102T000000Z",
    }))
    expect(planRefund(data, usd("10.00"))).toEqual([{ chargeId: "C1", amount: usd("10.00") }])
  })

  it("ignores charges that were never captured", () => {
    const data = upsertCharge(paymentData(), amazonCharge("C1", "Authorized", usd("100.00")))
    expect(() => planRefund(data, usd("1.00"))).toThrow(/at most 0.00 USD/)
  })
})

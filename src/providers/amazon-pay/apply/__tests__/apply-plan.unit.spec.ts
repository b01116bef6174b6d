import type { AmazonObjectRecord } from "../../../../modules/amazon-pay-journal/journal-records"
import { planRefundDeclined, planStateChange } from "../apply-plan"

describe("planStateChange: Amazon's state as read, never leaving a terminal state", () => {
  it.each([
    // type, recorded, incoming, record, entered
    ["Charge", null, "Authorized", true, "Authorized"],
    ["Charge", "Authorized", "Captured", true, "Captured"],
    ["Charge", "CaptureInitiated", "Captured", true, "Captured"],
    ["Charge", "Authorized", "Authorized", true, null],
    ["Charge", "Captured", "Captured", true, null],
    ["Charge", "Captured", "Authorized", false, null],
    ["Charge", "Canceled", "Authorized", false, null],
    ["Charge", "Declined", "Authorized", false, null],
    ["Refund", null, "RefundInitiated", true, "RefundInitiated"],
    ["Refund", "RefundInitiated", "Declined", true, "Declined"],
    ["Refund", "Declined", "Declined", true, null],
    ["Refund", "Refunded", "RefundInitiated", false, null],
    ["Refund", "Declined", "Refunded", false, null],
    ["ChargePermission", "NonChargeable", "Chargeable", true, "Chargeable"],
  ] as const)("%s %s -> %s: record %s, entered %s", (type, recorded, incoming, record, entered) => {
    expect(planStateChange(type, recorded, incoming)).toEqual({ record, entered })
  })
})

function refund(id: string, amount: string, medusa: string | null, state = "RefundInitiated"): AmazonObjectRecord {
  const now = new Date()
  return {
    id: `apobj_${id}`, amazon_id: id, object_type: "Refund", payment_collection_id: "pay_col_1", payment_session_id: null,
    charge_permission_id: "P1", parent_id: "C1", medusa_ref_id: medusa, state, reason_code: null, amount, currency_code: "USD",
    captured_amount: null, refunded_amount: null, pending: state === "RefundInitiated", amazon_created_at: null, created_at: now, updated_at: now,
  }
}

describe("planRefundDeclined", () => {
  it("says which Medusa refund to correct and what of it still stands (its other pieces)", () => {
    const declined = refund("R1", "40.00", "ref_1", "Declined")
    const siblings = [declined, refund("R2", "15.50", "ref_1"), refund("R3", "5.00", "ref_2"), refund("R4", "2.00", "ref_1", "Declined")]
    expect(planRefundDeclined({ ...declined, reason_code: "AmazonRejected" }, siblings)).toEqual({
      medusaRefundId: "ref_1",
      amazonRefundId: "R1",
      declinedAmount: { amount: "40.00", currencyCode: "USD" },
      standingAmount: { amount: "15.50", currencyCode: "USD" },
      reasonCode: "AmazonRejected",
    })
  })

  it("a fully declined Medusa refund leaves zero standing", () => {
    const declined = refund("R1", "10.00", "ref_1", "Declined")
    expect(planRefundDeclined(declined, [declined])?.standingAmount).toEqual({ amount: "0.00", currencyCode: "USD" })
  })

  it("corrects nothing for a refund Medusa did not make (Seller Central)", () => {
    expect(planRefundDeclined(refund("R9", "10.00", null, "Declined"), [])).toBeNull()
  })
})

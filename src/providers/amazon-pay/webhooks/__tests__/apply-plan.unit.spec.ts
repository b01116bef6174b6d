import type { ChargePermission } from "../../../../lib/amazon-pay/types"
import { amazonCharge, amazonRefund, paymentData, usd } from "../../__tests__/fixtures"
import {
  pendingAmazonObjects,
  planChargeUpdate,
  planPermissionUpdate,
  planRefundUpdate,
  rememberNotification,
  wasNotificationApplied,
} from "../apply-plan"

const C1 = "S01-1111111-2222222-C000001"

function chargeRecord(state: string, extra: Record<string, unknown> = {}) {
  return { chargeId: C1, amount: usd("100.00"), state, reasonCode: null, capturedAmount: null, refundedAmount: null, createdAt: "x", ...extra }
}

function refundRecord(refundId: string, amount: string, medusaRefundId: string, state = "RefundInitiated") {
  return { refundId, chargeId: C1, amount: usd(amount), state, reasonCode: null, medusaRefundId }
}

function permission(state: string, reasons: string[] = []): ChargePermission {
  return {
    chargePermissionId: "S01-1111111-2222222",
    statusDetails: { state, reasons: reasons.map((reasonCode) => ({ reasonCode, reasonDescription: null })), lastUpdatedTimestamp: "x" },
  } as unknown as ChargePermission
}

describe("planChargeUpdate", () => {
  it("records Amazon's new state and keeps the Medusa capture id", () => {
    const data = paymentData({ charges: [chargeRecord("CaptureInitiated", { medusaCaptureId: "capt_1", capturedAmount: usd("40.00") })] })
    const plan = planChargeUpdate(data, amazonCharge(C1, "Captured", usd("100.00"), { captureAmount: usd("40.00") }))
    expect(plan.changed).toBe(true)
    expect(plan.data.charges[0]).toMatchObject({ state: "Captured", medusaCaptureId: "capt_1", capturedAmount: usd("40.00") })
  })
  it("never leaves a recorded terminal state, and reports no change for the same state", () => {
    const canceled = paymentData({ charges: [chargeRecord("Canceled")] })
    expect(planChargeUpdate(canceled, amazonCharge(C1, "Authorized", usd("100.00")))).toEqual({ data: canceled, changed: false, refundDeclined: null })
    const captured = paymentData({ charges: [chargeRecord("Captured", { capturedAmount: usd("100.00") })] })
    expect(planChargeUpdate(captured, amazonCharge(C1, "Declined", usd("100.00"))).changed).toBe(false)
    const authorized = planChargeUpdate(paymentData(), amazonCharge(C1, "Authorized", usd("100.00"))).data
    expect(planChargeUpdate(authorized, amazonCharge(C1, "Authorized", usd("100.00"))).changed).toBe(false)
  })
})

describe("planRefundUpdate", () => {
  it("records Refunded without a correction", () => {
    const data = paymentData({ refunds: [refundRecord("R1", "30.00", "ref_1")] })
    const plan = planRefundUpdate(data, amazonRefund("R1", C1, usd("30.00"), "Refunded"))
    expect(plan.changed).toBe(true)
    expect(plan.refundDeclined).toBeNull()
    expect(plan.data.refunds[0]).toMatchObject({ state: "Refunded", medusaRefundId: "ref_1" })
  })
  it("asks for a correction once when a refund turns Declined, with what of that Medusa refund still stands", () => {
    const data = paymentData({
      refunds: [refundRecord("R1", "30.00", "ref_1", "Refunded"), refundRecord("R2", "12.34", "ref_1"), refundRecord("R3", "5.00", "ref_2")],
    })
    const plan = planRefundUpdate(data, amazonRefund("R2", C1, usd("12.34"), "Declined"))
    expect(plan.refundDeclined).toEqual({
      medusaRefundId: "ref_1",
      amazonRefundId: "R2",
      declinedAmount: usd("12.34"),
      standingAmount: usd("30.00"),
      reasonCode: null,
    })
    // Redelivered (or reordered after it): nothing more to do.
    const again = planRefundUpdate(plan.data, amazonRefund("R2", C1, usd("12.34"), "Declined"))
    expect(again).toEqual({ data: plan.data, changed: false, refundDeclined: null })
    // A stale RefundInitiated read cannot reopen it.
    expect(planRefundUpdate(plan.data, amazonRefund("R2", C1, usd("12.34"), "RefundInitiated")).changed).toBe(false)
  })
  it("a fully declined Medusa refund leaves zero standing", () => {
    const data = paymentData({ refunds: [refundRecord("R9", "0.01", "ref_9")] })
    expect(planRefundUpdate(data, amazonRefund("R9", C1, usd("0.01"), "Declined")).refundDeclined?.standingAmount).toEqual(usd("0.00"))
  })
  it("records refunds Medusa did not make, without a correction", () => {
    const plan = planRefundUpdate(paymentData(), amazonRefund("RX", C1, usd("1.00"), "Declined"))
    expect(plan.data.refunds).toEqual([refundRecord("RX", "1.00", "", "Declined")])
    expect(plan.refundDeclined).toBeNull()
  })
})

describe("planPermissionUpdate", () => {
  it("records state and reasons so capture knows whether it can create a new charge", () => {
    const plan = planPermissionUpdate(paymentData({ chargePermissionState: "Chargeable" }), permission("NonChargeable", ["PaymentMethodInvalid"]))
    expect(plan.data).toMatchObject({ chargePermissionState: "NonChargeable", chargePermissionReasons: ["PaymentMethodInvalid"] })
    expect(planPermissionUpdate(plan.data, permission("NonChargeable", ["PaymentMethodInvalid"])).changed).toBe(false)
  })
  it("never reopens a Closed permission", () => {
    const closed = paymentData({ chargePermissionState: "Closed" })
    expect(planPermissionUpdate(closed, permission("Chargeable")).changed).toBe(false)
  })
})

describe("notifications and pending objects", () => {
  it("remembers applied NotificationIds, bounded to the last 50", () => {
    let data = paymentData()
    expect(wasNotificationApplied(data, "n-1")).toBe(false)
    for (let i = 0; i < 60; i++) data = rememberNotification(data, `n-${i}`)
    expect(wasNotificationApplied(data, "n-59")).toBe(true)
    expect(wasNotificationApplied(data, "n-5")).toBe(false)
    expect((data.ipnNotificationIds as string[]).length).toBe(50)
    expect(rememberNotification(data, "n-59")).toBe(data)
    expect(rememberNotification(data, undefined)).toBe(data)
  })
  it("lists only pending charges and refunds", () => {
    const data = paymentData({
      charges: [chargeRecord("AuthorizationInitiated"), chargeRecord("Captured", { chargeId: "C2" }), chargeRecord("CaptureInitiated", { chargeId: "C3" })],
      refunds: [refundRecord("R1", "1.00", "ref_1"), refundRecord("R2", "1.00", "ref_2", "Refunded")],
    })
    expect(pendingAmazonObjects(data)).toEqual({ chargeIds: [C1, "C3"], refundIds: ["R1"] })
  })
})

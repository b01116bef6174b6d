import { planCapture, type CaptureRequest } from "../capture-plan"
import type { AmazonPayChargeRecord } from "../payment-data"
import { usd } from "./fixtures"

const charge = (id: string, state: string, amount: string, captured: string | null = null, medusaCaptureId?: string): AmazonPayChargeRecord => ({
  chargeId: id, amount: usd(amount), state, reasonCode: null, capturedAmount: captured ? usd(captured) : null, refundedAmount: null,
  ...(medusaCaptureId ? { medusaCaptureId } : {}), createdAt: `2026-01-0${id.slice(1)}T00:00:00Z`,
})
const request = (amount: string, others: string, otherIds: string[] = []): CaptureRequest => ({
  captureId: "capt_new", amount: usd(amount), otherCapturesTotal: usd(others), otherCaptureIds: otherIds,
})
const data = (charges: AmazonPayChargeRecord[], permissionState = "Chargeable") => ({ charges, chargePermissionId: "P1", chargePermissionState: permissionState })

describe("planCapture: capture what no other Medusa capture accounts for", () => {
  it.each([
    ["first capture on the authorized charge", data([charge("C1", "Authorized", "100.00")]), request("30.00", "0.00"), { action: "capture_charge", chargeId: "C1", amount: usd("30.00") }],
    ["later capture: a new charge", data([charge("C1", "Captured", "100.00", "30.00", "capt_1")]), request("70.00", "30.00", ["capt_1"]), { action: "create_charge", amount: usd("70.00") }],
    ["Amazon holds money no other capture claims (a lost answer): attributed, nothing sent", data([charge("C1", "Captured", "100.00", "30.00", "capt_deleted")]), request("30.00", "0.00"), { action: "attribute", chargeId: "C1" }],
    ["part of it is held: only the difference is captured", data([charge("C1", "Captured", "100.00", "50.00", "capt_deleted"), charge("C2", "Canceled", "50.00")]), request("60.00", "0.00"), { action: "create_charge", amount: usd("10.00") }],
    ["an expired authorization: a new charge on the Chargeable permission", data([charge("C1", "Canceled", "100.00")]), request("100.00", "0.00"), { action: "create_charge", amount: usd("100.00") }],
    ["nothing authorized and the permission NonChargeable: refused", data([charge("C1", "Captured", "100.00", "40.00", "capt_1")], "NonChargeable"), request("10.00", "40.00", ["capt_1"]), { action: "refuse" }],
    ["the permission Closed: refused", data([charge("C1", "Captured", "100.00", "100.00", "capt_1")], "Closed"), request("5.00", "100.00", ["capt_1"]), { action: "refuse" }],
  ])("%s", (_name, input, req, expected) => {
    expect(planCapture(input, req)).toMatchObject(expected)
  })

  it("attributes the newest captured charge no existing capture claims", () => {
    const input = data([charge("C1", "Captured", "100.00", "30.00", "capt_1"), charge("C2", "Captured", "30.00", "30.00", "capt_gone")])
    expect(planCapture(input, request("30.00", "30.00", ["capt_1"]))).toEqual({ action: "attribute", chargeId: "C2" })
  })
})

import { PaymentSessionStatus as S } from "@medusajs/framework/utils"
import { CHARGE_PERMISSION_STATES, CHARGE_STATES, CHECKOUT_SESSION_STATES, REFUND_STATES } from "../../../lib/amazon-pay/types"
import { mapAmazonStatus, mapChargePermissionStatus, STATUS_TABLE, type AmazonObjectType } from "../status-map"

describe("Amazon state -> Medusa PaymentSessionStatus", () => {
  it.each([
    ["CheckoutSession", "Open", null, S.PENDING],
    ["CheckoutSession", "Completed", null, S.AUTHORIZED],
    ["CheckoutSession", "Canceled", "BuyerCanceled", S.CANCELED],
    ["CheckoutSession", "Canceled", "Declined", S.ERROR],
    ["CheckoutSession", "Canceled", "Expired", S.CANCELED],
    ["Charge", "AuthorizationInitiated", null, S.PENDING_AUTHORIZATION],
    ["Charge", "Authorized", null, S.AUTHORIZED],
    ["Charge", "CaptureInitiated", null, S.AUTHORIZED],
    ["Charge", "Captured", null, S.CAPTURED],
    ["Charge", "Declined", "SoftDeclined", S.ERROR],
    ["Charge", "Declined", "HardDeclined", S.ERROR],
    ["Charge", "Canceled", "ExpiredUnused", S.CANCELED],
    ["ChargePermission", "Chargeable", null, S.AUTHORIZED],
    ["ChargePermission", "NonChargeable", "ChargeInProgress", S.PENDING],
    ["ChargePermission", "NonChargeable", "PaymentMethodInvalid", S.REQUIRES_MORE],
    ["ChargePermission", "Closed", "MerchantClosed", S.CANCELED],
    ["Refund", "RefundInitiated", null, S.PENDING],
    ["Refund", "Refunded", null, S.CAPTURED],
    ["Refund", "Declined", "AmazonRejected", S.ERROR],
  ] as const)("%s %s (%s) -> %s", (object, state, reason, expected) => {
    expect(mapAmazonStatus(object, state, reason)).toEqual({ status: expected, known: true })
  })

  it("has a row for every state the shared types list, and every row is reachable", () => {
    const states: Record<AmazonObjectType, readonly string[]> = {
      CheckoutSession: CHECKOUT_SESSION_STATES,
      Charge: CHARGE_STATES,
      ChargePermission: CHARGE_PERMISSION_STATES,
      Refund: REFUND_STATES,
    }
    for (const [object, list] of Object.entries(states) as Array<[AmazonObjectType, readonly string[]]>) {
      for (const state of list) {
        expect(mapAmazonStatus(object, state).known).toBe(true)
      }
    }
    for (const [object, state, reason, status] of STATUS_TABLE) {
      expect(mapAmazonStatus(object, state, reason === "*" ? null : reason).status).toBe(status)
    }
  })

  it("maps unknown states to pending, flagged unknown (never authorized or captured)", () => {
    expect(mapAmazonStatus("Charge", "Teleported", "NewReason")).toEqual({ status: S.PENDING, known: false })
    expect(mapAmazonStatus("CheckoutSession", undefined)).toEqual({ status: S.PENDING, known: false })
    expect(mapAmazonStatus("Refund", "")).toEqual({ status: S.PENDING, known: false })
  })

  it("lets an unknown reason fall back to the state's default row", () => {
    expect(mapAmazonStatus("Charge", "Declined", "TransactionAmountExceeded")).toEqual({ status: S.ERROR, known: true })
  })

  it("reads a charge permission's reason list: the first reason with its own row decides", () => {
    expect(mapChargePermissionStatus("NonChargeable", [{ reasonCode: "MFAFailed" }, { reasonCode: "ChargeInProgress" }]).status).toBe(
      S.PENDING
    )
    expect(mapChargePermissionStatus("NonChargeable", [{ reasonCode: "PaymentMethodExpired" }]).status).toBe(S.REQUIRES_MORE)
    expect(mapChargePermissionStatus("Chargeable", null).status).toBe(S.AUTHORIZED)
    expect(mapChargePermissionStatus("Gone", null).known).toBe(false)
  })
})

import type { AmazonObjectRecord, EventRecord, OperationRecord } from "../../../../modules/amazon-pay-journal/journal-records"
import { projectPaymentData } from "../../journal/registry"
import { readPaymentData } from "../../payment-data"
import { sellerCentralUrl } from "../seller-central"
import { timelineOf, widgetView } from "../view-model"

const at = (iso: string) => new Date(iso)

function object(fields: Partial<AmazonObjectRecord> & Pick<AmazonObjectRecord, "amazon_id" | "object_type" | "state">): AmazonObjectRecord {
  return {
    id: `obj_${fields.amazon_id}`,
    payment_collection_id: "pay_col_1",
    payment_session_id: "payses_1",
    charge_permission_id: "S01-1111111-1111111",
    parent_id: null,
    medusa_ref_id: null,
    reason_code: null,
    amount: null,
    currency_code: "USD",
    captured_amount: null,
    refunded_amount: null,
    pending: false,
    amazon_created_at: at("2026-01-01T10:00:00Z"),
    created_at: at("2026-01-01T10:00:00Z"),
    updated_at: at("2026-01-01T10:00:00Z"),
    ...fields,
  }
}

const permission = (state: string) => object({ amazon_id: "S01-1111111-1111111", object_type: "ChargePermission", state, amount: "60.00" })
const captured = (id: string, amount: string, minute: number) =>
  object({ amazon_id: id, object_type: "Charge", state: "Captured", amount, captured_amount: amount, amazon_created_at: at(`2026-01-01T10:${String(minute).padStart(2, "0")}:00Z`) })

function view(objects: AmazonObjectRecord[], region: "na" | "eu" = "na") {
  const data = projectPaymentData(readPaymentData({ chargePermissionId: "S01-1111111-1111111", currencyCode: "USD", paymentCollectionId: "pay_col_1" }), objects)
  return widgetView({ data, objects, operations: [], events: [], region })
}

describe("order widget view", () => {
  it("left to capture is the authorized amount minus every captured charge, exact in cents", () => {
    const result = view([permission("Chargeable"), captured("S01-1111111-1111111-C1", "20.10", 1), captured("S01-1111111-1111111-C2", "15.05", 2)])
    expect(result.charge_permission).toMatchObject({
      captured: { amount: "35.15", currencyCode: "USD" },
      left_to_capture: { amount: "24.85", currencyCode: "USD" },
      expires_at: "2026-06-30T10:00:00.000Z",
    })
    expect(result.charges.map((c) => `${c.id} ${c.state} ${c.captured?.amount}`)).toEqual(["S01-1111111-1111111-C1 Captured 20.10", "S01-1111111-1111111-C2 Captured 15.05"])
  })

  it("nothing is left to capture once the permission is Closed", () => {
    expect(view([permission("Closed"), captured("S01-1111111-1111111-C1", "20.00", 1)]).charge_permission?.left_to_capture).toEqual({ amount: "0.00", currencyCode: "USD" })
  })

  it("links to the Seller Central of the merchant account's region", () => {
    expect(view([permission("Chargeable")], "eu").charge_permission?.seller_central_url).toBe(
      "https://sellercentral-europe.amazon.com/external-payments/pmd/payment-details?orderReferenceId=S01-1111111-1111111"
    )
    expect(sellerCentralUrl("us", "S01-1")).toMatch(/^https:\/\/sellercentral\.amazon\.com\//)
  })

  it("no permission yet: no permission view, no charges", () => {
    expect(view([])).toMatchObject({ charge_permission: null, charges: [], refunds: [] })
  })

  it("the timeline merges journaled calls and events in time order", () => {
    const operation = {
      id: "op_1",
      kind: "capture_charge",
      status: "declined",
      attempt: 1,
      amount: "10.00",
      currency_code: "USD",
      target_id: "S01-1111111-1111111-C1",
      amazon_object_id: null,
      reason_code: "SoftDeclined",
      message: null,
      created_at: at("2026-01-01T10:05:00Z"),
    } as unknown as OperationRecord
    const event = { kind: "ipn_applied", summary: "IPN CHARGE S01-1111111-1111111-C1: charge Authorized", created_at: at("2026-01-01T10:01:00Z") } as EventRecord
    expect(timelineOf([operation], [event])).toEqual([
      { at: "2026-01-01T10:01:00.000Z", kind: "ipn_applied", title: "IPN CHARGE S01-1111111-1111111-C1: charge Authorized" },
      { at: "2026-01-01T10:05:00.000Z", kind: "call", title: "capture charge 10.00 USD on S01-1111111-1111111-C1: declined (SoftDeclined)" },
    ])
  })

  it("a delivery tracker call shows its tracking number and carrier", () => {
    const tracker = {
      kind: "create_delivery_tracker",
      status: "succeeded",
      attempt: 2,
      amount: null,
      target_id: null,
      amazon_object_id: null,
      reason_code: null,
      message: null,
      request: { deliveryDetails: [{ carrierCode: "UPS", trackingNumber: "1Z999" }], chargePermissionId: "S01-1111111-1111111" },
      created_at: at("2026-01-01T11:00:00Z"),
    } as unknown as OperationRecord
    expect(timelineOf([tracker], [])).toEqual([{ at: "2026-01-01T11:00:00.000Z", kind: "call", title: "create delivery tracker 1Z999 (UPS): succeeded, attempt 2" }])
  })
})

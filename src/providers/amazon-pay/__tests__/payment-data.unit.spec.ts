import { capturedCharges, readPaymentData, withoutForeignKeys } from "../payment-data"
import { amazonCharge, paymentData, usd, withCharge } from "./fixtures"

describe("payment data record", () => {
  it("reads the provider's fields with defaults, keeps the documented storefront inputs, drops everything else", () => {
    const data = readPaymentData({ session_id: "payses_1", amazonCheckoutSessionId: "cs-9", productType: "PayOnly", note: "gift", charges: [] })
    expect(data).toMatchObject({
      session_id: "payses_1",
      amazonCheckoutSessionId: "cs-9",
      productType: "PayOnly",
      checkoutSessionId: null,
      paymentCollectionId: null,
      chargePermissionId: null,
      amazonPayMode: "manual",
      charges: [],
      refunds: [],
      chargebacks: [],
    })
    expect(data).not.toHaveProperty("note")
    expect(readPaymentData(undefined).charges).toEqual([])
  })

  it("never takes the storefront's amazonCheckoutSessionId as the recorded checkout", () => {
    expect(readPaymentData({ amazonCheckoutSessionId: "cs-b" }).checkoutSessionId).toBeNull()
    expect(readPaymentData({ checkoutSessionId: "cs-a", amazonCheckoutSessionId: "cs-b" }).checkoutSessionId).toBe("cs-a")
  })

  it("marks every key the storefront sent that the record does not hold as dropped (JSON leaves it out)", () => {
    const sent = { session_id: "payses_1", foo: 1, charges: [{ chargeId: "X" }], amazonCheckoutSessionId: "cs" }
    const record = paymentData()
    const returned = withoutForeignKeys(sent, record)
    const stored = JSON.parse(JSON.stringify({ ...sent, ...returned }))
    expect(stored).not.toHaveProperty("foo")
    expect(stored).not.toHaveProperty("amazonCheckoutSessionId")
    expect(stored.charges).toEqual([])
    expect(stored.paymentCollectionId).toBe("pay_col_1")
  })

  it("counts only Captured and CaptureInitiated charges as captured", () => {
    let data = paymentData()
    data = withCharge(data, amazonCharge("C1", "Authorized", usd("10.00")))
    data = withCharge(data, amazonCharge("C2", "CaptureInitiated", usd("10.00"), { captureAmount: usd("10.00") }))
    data = withCharge(data, amazonCharge("C3", "Declined", usd("10.00")))
    expect(capturedCharges(data).map((c) => c.chargeId)).toEqual(["C2"])
  })
})

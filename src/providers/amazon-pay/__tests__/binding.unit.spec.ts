import { MedusaError } from "@medusajs/framework/utils"
import { assertCheckoutOwnedBy, assertCompletedForAmount, checkoutReferenceFor, paymentCollectionOf } from "../binding"
import { usd } from "./fixtures"

const session = (reference: string | null, state = "Open") => ({
  checkoutSessionId: "cs-1",
  merchantMetadata: reference === null ? null : { merchantReferenceId: reference },
  statusDetails: { state, reasonCode: null, reasonDescription: null, lastUpdatedTimestamp: "20260101T000000Z" },
})

describe("binding a checkout to the cart's payment collection", () => {
  it("signs the payment collection id as the reference, and nothing that is not one", () => {
    expect(checkoutReferenceFor("pay_col_01J0ABC")).toBe("pay_col_01J0ABC")
    expect(() => checkoutReferenceFor("payses_01J0ABC")).toThrow(MedusaError)
    expect(paymentCollectionOf({ merchantMetadata: { merchantReferenceId: "pay_col_X1" } })).toBe("pay_col_X1")
    expect(paymentCollectionOf({ merchantMetadata: { merchantReferenceId: "pay_col_X1; drop" } })).toBeNull()
  })

  it.each([
    ["an Open checkout of this cart", session("pay_col_A"), null, "pay_col_A", true],
    ["an Open checkout of another cart", session("pay_col_B"), null, "pay_col_A", false],
    ["a checkout with no reference", session(null), null, "pay_col_A", false],
    ["a Completed checkout (reference null): its permission decides", session(null, "Completed"), { merchantMetadata: { merchantReferenceId: "pay_col_A" } }, "pay_col_A", true],
    ["a Completed checkout of another cart", session(null, "Completed"), { merchantMetadata: { merchantReferenceId: "pay_col_B" } }, "pay_col_A", false],
  ])("%s", (_name, checkout, permission, cart, allowed) => {
    const check = () => assertCheckoutOwnedBy(checkout as never, permission as never, cart as string)
    if (allowed) expect(check).not.toThrow()
    else expect(check).toThrow(/does not belong to this cart/)
  })

  it("refuses a Completed checkout for another amount or currency", () => {
    expect(() => assertCompletedForAmount(usd("60.00"), usd("60.00"), "cs-1")).not.toThrow()
    expect(() => assertCompletedForAmount(usd("60.00"), usd("110.00"), "cs-1")).toThrow(/another amount/)
    expect(() => assertCompletedForAmount({ amount: "60.00", currencyCode: "EUR" }, usd("60.00"), "cs-1")).toThrow(/another amount/)
    expect(() => assertCompletedForAmount(null, usd("60.00"), "cs-1")).toThrow(/another amount/)
  })
})

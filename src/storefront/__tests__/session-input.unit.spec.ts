import { addressDetailsFromMedusa, amazonPaySessionData } from "../session-input"

describe("payment session data a storefront may send", () => {
  it("passes the fields the provider accepts", () => {
    const input = {
      amazonCheckoutSessionId: "bd504926-f659-4ad7-a1a9-9a747aaf5275",
      checkoutReviewReturnUrl: "https://shop.example/us/checkout/amazon-pay/review",
      checkoutResultReturnUrl: "https://shop.example/us/checkout/amazon-pay/result",
      checkoutCancelUrl: "https://shop.example/us/cart",
      productType: "PayOnly" as const,
    }
    expect(amazonPaySessionData(input)).toEqual(input)
    expect(amazonPaySessionData()).toEqual({})
  })

  it("refuses fields the provider would drop and values it would refuse, naming them", () => {
    expect(() => amazonPaySessionData({ merchantReferenceId: "pay_col_OTHER", amount: 1 } as never)).toThrow(
      /data\.merchantReferenceId, data\.amount/
    )
    expect(() => amazonPaySessionData({ checkoutResultReturnUrl: "javascript:alert(1)" })).toThrow(/data\.checkoutResultReturnUrl/)
    expect(() => amazonPaySessionData({ amazonCheckoutSessionId: "../../admin" })).toThrow(/data\.amazonCheckoutSessionId/)
    expect(() => amazonPaySessionData({ addressDetails: { name: "A", addressLine1: "B", countryCode: "us", county: "X" } as never })).toThrow(
      /data\.addressDetails\.countryCode, data\.addressDetails\.county/
    )
  })

  it("turns a Medusa address into Amazon's addressDetails, leaving out what the store does not have", () => {
    expect(
      addressDetailsFromMedusa({
        first_name: "Jane",
        last_name: "Buyer",
        address_1: "410 Terry Ave N",
        address_2: "",
        city: "Seattle",
        province: "WA",
        postal_code: "98109",
        country_code: "us",
        phone: null,
      })
    ).toEqual({ name: "Jane Buyer", addressLine1: "410 Terry Ave N", city: "Seattle", stateOrRegion: "WA", postalCode: "98109", countryCode: "US" })
    expect(() => addressDetailsFromMedusa({ first_name: "Jane", country_code: "us" })).toThrow(/address_1 missing or invalid/)
    expect(() => addressDetailsFromMedusa({ address_1: "1 Main St", country_code: "usa" })).toThrow(/first_name\/last_name, country_code/)
  })
})

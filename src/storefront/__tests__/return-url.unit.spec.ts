import { readAmazonCheckoutSessionId } from "../return-url"

const ID = "bd504926-f659-4ad7-a1a9-9a747aaf5275"

describe("readAmazonCheckoutSessionId", () => {
  it("reads the id from a URL, a query string, a location and search params", () => {
    expect(readAmazonCheckoutSessionId(`https://shop.example/us/checkout/amazon-pay/review?amazonCheckoutSessionId=${ID}`)).toBe(ID)
    expect(readAmazonCheckoutSessionId(new URL(`https://shop.example/r?step=review&amazonCheckoutSessionId=${ID}`))).toBe(ID)
    expect(readAmazonCheckoutSessionId(`?amazonCheckoutSessionId=${ID}`)).toBe(ID)
    expect(readAmazonCheckoutSessionId(`amazonCheckoutSessionId=${ID}`)).toBe(ID)
    expect(readAmazonCheckoutSessionId({ search: `?amazonCheckoutSessionId=${ID}` })).toBe(ID)
    expect(readAmazonCheckoutSessionId(new URLSearchParams({ amazonCheckoutSessionId: ID }))).toBe(ID)
  })

  it("answers null when the return URL has no id (a buyer opening the page directly)", () => {
    expect(readAmazonCheckoutSessionId("https://shop.example/us/cart")).toBeNull()
    expect(readAmazonCheckoutSessionId("?amazonCheckoutSessionId=")).toBeNull()
    expect(readAmazonCheckoutSessionId(new URLSearchParams())).toBeNull()
  })

  it("refuses ids that are not shaped like Amazon's, and two different ids", () => {
    expect(() => readAmazonCheckoutSessionId(`?amazonCheckoutSessionId=${encodeURIComponent("<script>")}`)).toThrow(/not an Amazon Checkout Session id/)
    expect(() => readAmazonCheckoutSessionId(`?amazonCheckoutSessionId=${"a".repeat(129)}`)).toThrow(/not an Amazon Checkout Session id/)
    expect(() => readAmazonCheckoutSessionId(`?amazonCheckoutSessionId=${ID}&amazonCheckoutSessionId=other-id`)).toThrow(/2 different/)
    expect(readAmazonCheckoutSessionId(`?amazonCheckoutSessionId=${ID}&amazonCheckoutSessionId=${ID}`)).toBe(ID)
  })
})

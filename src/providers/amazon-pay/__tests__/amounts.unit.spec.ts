import { BigNumber, MedusaError } from "@medusajs/framework/utils"
import {
  moneyMoveAmount,
  addPrices,
  comparePrices,
  currencyDecimals,
  priceToBigNumber,
  priceToMinor,
  subtractPrices,
  sumPrices,
  toAmazonPrice,
  toMinorUnits,
} from "../amounts"

const usd = (amount: string) => ({ amount, currencyCode: "USD" })
const jpy = (amount: string) => ({ amount, currencyCode: "JPY" })

describe("Medusa amount -> Amazon Price", () => {
  it("formats two-decimal currencies with exactly two decimals", () => {
    expect(toAmazonPrice(14, "usd")).toEqual(usd("14.00"))
    expect(toAmazonPrice("0.5", "EUR")).toEqual({ amount: "0.50", currencyCode: "EUR" })
    expect(toAmazonPrice("150000", "GBP")).toEqual({ amount: "150000.00", currencyCode: "GBP" })
  })

  it("formats JPY without decimals", () => {
    expect(currencyDecimals("jpy")).toBe(0)
    expect(toAmazonPrice(1400, "JPY")).toEqual(jpy("1400"))
    expect(toAmazonPrice("10000000", "jpy")).toEqual(jpy("10000000"))
  })

  it("reads Medusa's raw BigNumber {value, precision} and BigNumber instances", () => {
    expect(toAmazonPrice({ value: "19.99000000000000000000", precision: 20 }, "USD")).toEqual(usd("19.99"))
    expect(toAmazonPrice(new BigNumber("59.97"), "USD")).toEqual(usd("59.97"))
    expect(toAmazonPrice(new BigNumber({ value: "1", precision: 20 }), "JPY")).toEqual(jpy("1"))
  })

  it("rejects more precision than the currency has instead of rounding (exact mode)", () => {
    expect(() => toAmazonPrice("10.005", "USD")).toThrow(/more than 2 decimal/)
    expect(() => toAmazonPrice("100.5", "JPY")).toThrow(/more than 0 decimal/)
    expect(() => toAmazonPrice(0.1 + 0.2, "USD")).toThrow(MedusaError)
  })

  it("rounds half-up to the currency's precision only when asked (Medusa's own rounding)", () => {
    expect(toAmazonPrice("11.8881", "USD", "currency")).toEqual(usd("11.89"))
    expect(toAmazonPrice("11.885", "USD", "currency")).toEqual(usd("11.89"))
    expect(toAmazonPrice("11.8849", "USD", "currency")).toEqual(usd("11.88"))
    expect(toAmazonPrice(0.1 + 0.2, "USD", "currency")).toEqual(usd("0.30"))
    expect(toAmazonPrice("1399.5", "JPY", "currency")).toEqual(jpy("1400"))
  })

  it("rejects garbage and non-finite amounts", () => {
    expect(() => toAmazonPrice("abc", "USD")).toThrow(MedusaError)
    expect(() => toAmazonPrice(Infinity, "USD")).toThrow(MedusaError)
    expect(() => toAmazonPrice(1, "US")).toThrow(/currency/)
  })

  it("keeps large amounts exact (beyond 2^53 minor units)", () => {
    expect(toMinorUnits("123456789012345678.91", "USD")).toBe(12345678901234567891n)
  })
})

describe("Amazon Price arithmetic (BigInt minor units)", () => {
  it("sums 0.10 + 0.20 to exactly 0.30", () => {
    expect(addPrices(usd("0.10"), usd("0.20"))).toEqual(usd("0.30"))
    expect(comparePrices(addPrices(usd("0.1"), usd("0.2")), usd("0.30"))).toBe(0)
  })

  it("sums 19.99 three times to exactly 59.97", () => {
    expect(sumPrices("USD", [usd("19.99"), usd("19.99"), usd("19.99")])).toEqual(usd("59.97"))
  })

  it("subtracts and compares, including JPY", () => {
    expect(subtractPrices(usd("100.00"), usd("33.33"))).toEqual(usd("66.67"))
    expect(subtractPrices(jpy("1000"), jpy("1001"))).toEqual(jpy("-1"))
    expect(comparePrices(jpy("999"), jpy("1000"))).toBe(-1)
    expect(comparePrices(usd("10.00"), usd("9.99"))).toBe(1)
  })

  it("refuses to mix currencies", () => {
    expect(() => addPrices(usd("1.00"), jpy("1"))).toThrow(/Currency mismatch/)
  })

  it("parses Amazon amounts strictly", () => {
    expect(priceToMinor(usd("14"))).toBe(1400n)
    expect(priceToMinor(usd("14.5"))).toBe(1450n)
    expect(priceToMinor(jpy("1400.00"))).toBe(1400n)
    expect(() => priceToMinor(usd("14.001"))).toThrow(/too many decimals/)
    expect(() => priceToMinor(usd("1e3"))).toThrow(/Invalid/)
    expect(() => priceToMinor(usd(""))).toThrow(/Invalid/)
  })

  it("converts back to a Medusa BigNumber without float drift", () => {
    const value = priceToBigNumber(usd("59.97"))
    expect(value.raw?.value).toMatch(/^59\.97/)
    expect(priceToBigNumber(jpy("1400")).numeric).toBe(1400)
  })
})

describe("moneyMoveAmount: captures and refunds Amazon can represent", () => {
  it.each([
    ["an exact amount", "10.00", "USD", "60.00", { price: { amount: "10.00", currencyCode: "USD" }, rounded: false }],
    ["a sub-cent capture of the whole remainder (a checkout total with tax digits) is rounded", "11.8881", "USD", "11.8881", { price: { amount: "11.89", currencyCode: "USD" }, rounded: true }],
    ["whole yen", "1000", "JPY", "6000", { price: { amount: "1000", currencyCode: "JPY" }, rounded: false }],
  ])("%s", (_name, amount, currency, remainder, expected) => {
    expect(moneyMoveAmount(amount, currency, remainder)).toEqual(expected)
  })

  it.each([
    ["0.001 USD", "0.001", "USD", "60.00"],
    ["10.005 USD that is not the remainder", "10.005", "USD", "60.00"],
    ["0.5 JPY", "0.5", "JPY", "6000"],
    ["0.4 JPY even as the whole remainder (rounds to nothing)", "0.4", "JPY", "0.4"],
  ])("refuses %s", (_name, amount, currency, remainder) => {
    expect(() => moneyMoveAmount(amount, currency, remainder)).toThrow(/decimal place|below the currency's minor unit/)
  })
})

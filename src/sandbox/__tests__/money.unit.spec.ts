import { SandboxApiError } from "../api-error"
import { formatMinor, refundTolerance, toMinor } from "../money"

const reasonOf = (run: () => unknown): string => {
  try {
    run()
  } catch (error) {
    return error instanceof SandboxApiError ? error.reasonCode : "not an Amazon error"
  }
  return "no error"
}

describe("sandbox money (BigInt minor units)", () => {
  it("parses Amazon decimal strings exactly, per currency", () => {
    expect(toMinor({ amount: "14.00", currencyCode: "USD" }, "p")).toBe(1400n)
    expect(toMinor({ amount: "14.5", currencyCode: "EUR" }, "p")).toBe(1450n)
    expect(toMinor({ amount: "0.10", currencyCode: "GBP" }, "p")).toBe(10n)
    expect(toMinor({ amount: "1500", currencyCode: "JPY" }, "p")).toBe(1500n)
    expect(toMinor({ amount: "150000.00", currencyCode: "USD" }, "p")).toBe(15_000_000n)
    expect(toMinor({ amount: "0.00", currencyCode: "USD" }, "p", { allowZero: true })).toBe(0n)
  })

  it("refuses what Amazon refuses", () => {
    for (const amount of ["1.001", "1.", ".5", "1,00", "-1", "1e2", " 1", "", "0.00"]) {
      expect(reasonOf(() => toMinor({ amount, currencyCode: "USD" }, "p"))).toBe("InvalidParameterValue")
    }
    expect(reasonOf(() => toMinor({ amount: "1.5", currencyCode: "JPY" }, "p"))).toBe("InvalidParameterValue")
    expect(reasonOf(() => toMinor({ amount: "150000.01", currencyCode: "USD" }, "p"))).toBe("InvalidParameterValue")
    expect(reasonOf(() => toMinor({ amount: "10000001", currencyCode: "JPY" }, "p"))).toBe("InvalidParameterValue")
    expect(reasonOf(() => toMinor({ amount: "1.00", currencyCode: "usd" }, "p"))).toBe("InvalidParameterValue")
  })

  it("formats minor units back, with JPY having no decimals", () => {
    expect(formatMinor(1400n, "USD")).toBe("14.00")
    expect(formatMinor(5n, "EUR")).toBe("0.05")
    expect(formatMinor(0n, "GBP")).toBe("0.00")
    expect(formatMinor(1500n, "JPY")).toBe("1500")
    expect(formatMinor(123456789012345678901234567890n, "USD")).toBe("1234567890123456789012345678.90")
  })

  it("allows refunds over the capture by the lesser of 15% or 75 USD/EUR/GBP, 8,400 JPY", () => {
    expect(refundTolerance(10_000n, "USD")).toBe(1_500n)
    expect(refundTolerance(100_000n, "EUR")).toBe(7_500n)
    expect(refundTolerance(10_000n, "JPY")).toBe(1_500n)
    expect(refundTolerance(1_000_000n, "JPY")).toBe(8_400n)
    expect(refundTolerance(7n, "USD")).toBe(1n)
  })
})

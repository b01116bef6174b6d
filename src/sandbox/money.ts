/**
 * Exact money: Amazon's decimal strings <-> BigInt minor units, per currency. No floating point.
 * Amazon Pay "Price" object: amount is a decimal string in major units, at most 2 decimals, none for
 * JPY. Charge limits: 150,000 USD/EUR/GBP, 10,000,000 JPY (Amazon Pay "Create Charge" constraints).
 */
import type { Price } from "../lib/amazon-pay/types"
import { badRequest } from "./api-error"

interface CurrencyRule {
  decimals: number
  /** Largest single charge, in minor units. */
  max: bigint
  /** Refund tolerance over the captured amount: the lesser of 15% or this (minor units). */
  refundToleranceCap: bigint
}

export const CURRENCIES: Readonly<Record<string, CurrencyRule>> = {
  USD: { decimals: 2, max: 15_000_000n, refundToleranceCap: 7_500n },
  EUR: { decimals: 2, max: 15_000_000n, refundToleranceCap: 7_500n },
  GBP: { decimals: 2, max: 15_000_000n, refundToleranceCap: 7_500n },
  JPY: { decimals: 0, max: 10_000_000n, refundToleranceCap: 8_400n },
}

const AMOUNT_PATTERN = /^\d+(\.\d{1,2})?$/

export function currencyRule(currencyCode: string, field = "currencyCode"): CurrencyRule {
  const rule = Object.prototype.hasOwnProperty.call(CURRENCIES, currencyCode) ? CURRENCIES[currencyCode] : undefined
  if (!rule) {
    throw badRequest("InvalidParameterValue", `${field} '${currencyCode}' is not supported (use ${Object.keys(CURRENCIES).join(", ")})`)
  }
  return rule
}

/** Parses an Amazon price into minor units; throws InvalidParameterValue on a bad format or range. */
export function toMinor(price: Price, field: string, options: { allowZero?: boolean } = {}): bigint {
  const rule = currencyRule(price.currencyCode, `${field}.currencyCode`)
  const amount = price.amount
  if (!AMOUNT_PATTERN.test(amount) || amount.length > 20) {
    throw badRequest("InvalidParameterValue", `${field}.amount '${amount}' is not a decimal amount like 14.00`)
  }
  const [whole, fraction = ""] = amount.split(".")
  if (fraction.length > rule.decimals) {
    throw badRequest(
      "InvalidParameterValue",
      `${field}.amount '${amount}' has too many decimals for ${price.currencyCode} (${rule.decimals} allowed)`
    )
  }
  const minor = BigInt(whole) * 10n ** BigInt(rule.decimals) + BigInt(fraction.padEnd(rule.decimals, "0") || "0")
  if (minor === 0n && !options.allowZero) {
    throw badRequest("InvalidParameterValue", `${field}.amount must be greater than zero`)
  }
  if (minor > rule.max) {
    throw badRequest(
      "InvalidParameterValue",
      `${field}.amount ${amount} ${price.currencyCode} exceeds the maximum of ${formatMinor(rule.max, price.currencyCode)}`
    )
  }
  return minor
}

/** Minor units -> Amazon's decimal string (`1400n, "USD"` -> `"14.00"`, `1400n, "JPY"` -> `"1400"`). */
export function formatMinor(minor: bigint, currencyCode: string): string {
  const decimals = currencyRule(currencyCode).decimals
  const negative = minor < 0n
  const digits = (negative ? -minor : minor).toString().padStart(decimals + 1, "0")
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`
  return negative ? `-${text}` : text
}

export const price = (minor: bigint, currencyCode: string): Price => ({
  amount: formatMinor(minor, currencyCode),
  currencyCode,
})

/** How far refunds may exceed the captured amount: the lesser of 15% or 75 USD/EUR/GBP (8,400 JPY). */
export function refundTolerance(capturedMinor: bigint, currencyCode: string): bigint {
  const fifteenPercent = (capturedMinor * 15n) / 100n
  const cap = currencyRule(currencyCode).refundToleranceCap
  return fifteenPercent < cap ? fifteenPercent : cap
}

export function requireCurrency(price: Price, expected: string, field: string): void {
  if (price.currencyCode !== expected) {
    throw badRequest("CurrencyMismatch", `${field}.currencyCode ${price.currencyCode} does not match ${expected}`)
  }
}

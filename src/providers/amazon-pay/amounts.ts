/**
 * Exact money conversions between Medusa and Amazon Pay. Nothing here touches a JS float:
 * Medusa amounts (major units as number | string | BigNumber | raw `{value, precision}`) go through
 * Medusa's MathBN (bignumber.js), Amazon prices (`{amount: "14.00", currencyCode}`) through BigInt
 * minor units.
 */
import { BigNumber, MathBN, MedusaError } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import type { Price } from "../../lib/amazon-pay/types"

/** Amounts Medusa hands to a provider. */
export type MedusaAmount = BigNumberInput | BigNumber

/**
 * ISO 4217 minor-unit digits where they differ from 2. Amazon Pay: "JPY has no decimals"; the
 * others are listed so a store in such a currency fails loudly rather than charging 100x.
 */
const CURRENCY_DECIMALS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
}

export function currencyDecimals(currencyCode: string): number {
  return CURRENCY_DECIMALS[normalizeCurrency(currencyCode)] ?? 2
}

export function normalizeCurrency(currencyCode: string): string {
  const code = String(currencyCode ?? "").trim().toUpperCase()
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid currency code "${currencyCode}"`)
  }
  return code
}

/** How to treat digits beyond the currency's precision. */
export type PrecisionMode =
  /** Throw: the amount cannot be charged as given. */
  | "exact"
  /**
   * Round half-up to the currency's precision, exactly as Medusa's payment module does before it
   * compares amounts (`roundToCurrencyPrecision`): Medusa's cart totals keep tax fractions
   * (e.g. 11.8881 USD), and Medusa itself treats them as the rounded amount.
   */
  | "currency"

function invalidAmount(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

/** A Medusa amount in minor units (cents, yen) as a BigInt. */
export function toMinorUnits(amount: MedusaAmount, currencyCode: string, mode: PrecisionMode = "exact"): bigint {
  const decimals = currencyDecimals(currencyCode)
  let value
  try {
    value = MathBN.convert(amount as BigNumberInput)
  } catch {
    throw invalidAmount(`Invalid amount ${JSON.stringify(amount)}`)
  }
  if (!value.isFinite()) {
    throw invalidAmount(`Invalid amount ${JSON.stringify(amount)}`)
  }
  const rounded = value.decimalPlaces(decimals, 4 /* ROUND_HALF_UP */)
  if (mode === "exact" && !rounded.isEqualTo(value)) {
    throw invalidAmount(
      `Amount ${value.toFixed()} ${normalizeCurrency(currencyCode)} has more than ${decimals} decimal place(s); ` +
        `Amazon Pay cannot charge fractions of the currency's minor unit`
    )
  }
  return BigInt(rounded.shiftedBy(decimals).toFixed(0))
}

/** Minor units as Amazon's decimal string: 1400n USD -> "14.00", 1400n JPY -> "1400". */
export function formatMinorUnits(minor: bigint, currencyCode: string): string {
  const decimals = currencyDecimals(currencyCode)
  const negative = minor < 0n
  const digits = (negative ? -minor : minor).toString().padStart(decimals + 1, "0")
  const whole = digits.slice(0, digits.length - decimals)
  const fraction = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : ""
  return `${negative ? "-" : ""}${whole}${fraction}`
}

export function priceFromMinor(minor: bigint, currencyCode: string): Price {
  const code = normalizeCurrency(currencyCode)
  return { amount: formatMinorUnits(minor, code), currencyCode: code }
}

/** Medusa amount -> Amazon Price. */
export function toAmazonPrice(amount: MedusaAmount, currencyCode: string, mode: PrecisionMode = "exact"): Price {
  return priceFromMinor(toMinorUnits(amount, currencyCode, mode), currencyCode)
}

const PRICE_AMOUNT = /^(-?)(\d+)(?:\.(\d+))?$/

/** Amazon Price -> minor units; rejects malformed strings and digits the currency cannot hold. */
export function priceToMinor(price: Price): bigint {
  const decimals = currencyDecimals(price.currencyCode)
  const match = PRICE_AMOUNT.exec(String(price.amount ?? "").trim())
  if (!match) {
    throw invalidAmount(`Invalid Amazon Pay amount "${price.amount}"`)
  }
  const [, sign, whole, fraction = ""] = match
  if (fraction.length > decimals && /[^0]/.test(fraction.slice(decimals))) {
    throw invalidAmount(`Amazon Pay amount "${price.amount} ${price.currencyCode}" has too many decimals`)
  }
  const minor = BigInt(whole + fraction.slice(0, decimals).padEnd(decimals, "0"))
  return sign === "-" ? -minor : minor
}

/** Amazon Price -> Medusa BigNumber (major units), for comparing with Medusa's rows. */
export function priceToBigNumber(price: Price): BigNumber {
  return new BigNumber(formatMinorUnits(priceToMinor(price), price.currencyCode))
}

function sameCurrency(a: Price, b: Price): string {
  const ca = normalizeCurrency(a.currencyCode)
  if (ca !== normalizeCurrency(b.currencyCode)) {
    throw invalidAmount(`Currency mismatch: ${a.currencyCode} vs ${b.currencyCode}`)
  }
  return ca
}

/** -1, 0 or 1; throws on different currencies. */
export function comparePrices(a: Price, b: Price): -1 | 0 | 1 {
  sameCurrency(a, b)
  const d = priceToMinor(a) - priceToMinor(b)
  return d < 0n ? -1 : d > 0n ? 1 : 0
}

export function addPrices(a: Price, b: Price): Price {
  return priceFromMinor(priceToMinor(a) + priceToMinor(b), sameCurrency(a, b))
}

export function subtractPrices(a: Price, b: Price): Price {
  return priceFromMinor(priceToMinor(a) - priceToMinor(b), sameCurrency(a, b))
}

/** Sum in `currencyCode` (an empty list sums to zero). */
export function sumPrices(currencyCode: string, prices: Iterable<Price | null | undefined>): Price {
  let total = priceFromMinor(0n, currencyCode)
  for (const price of prices) {
    if (price) {
      total = addPrices(total, price)
    }
  }
  return total
}

export function isZeroPrice(price: Price): boolean {
  return priceToMinor(price) === 0n
}

/**
 * The amount of a capture or refund as an Amazon Price. Amazon cannot move a fraction of the
 * currency's minor unit, so such an amount is refused with nothing recorded (a 0.001 USD capture
 * was recorded by Medusa with nothing at Amazon; a 0.5 JPY refund became 1 JPY at Amazon), EXCEPT
 * when it is exactly what is left to capture or refund (`remainder`): that is Medusa's own checkout
 * total with sub-unit tax digits, which Medusa itself rounds to the currency's precision
 * (`roundToCurrencyPrecision`) and the provider rounds the same way (and logs, see provider-service.ts).
 */
export function moneyMoveAmount(amount: MedusaAmount, currencyCode: string, remainder: MedusaAmount): { price: Price; rounded: boolean } {
  const exact = MathBN.convert(amount as BigNumberInput)
  const minor = toMinorUnits(amount, currencyCode, "currency")
  const rounded = !MathBN.eq(exact, formatMinorUnits(minor, currencyCode))
  if (rounded && !MathBN.eq(exact, remainder as BigNumberInput)) {
    toMinorUnits(amount, currencyCode, "exact") // throws the "more than N decimal place(s)" error
  }
  if (minor <= 0n) {
    throw invalidAmount(`Amount ${exact.toFixed()} ${normalizeCurrency(currencyCode)} is below the currency's minor unit; Amazon Pay cannot move it`)
  }
  return { price: priceFromMinor(minor, currencyCode), rounded }
}

/**
 * Money integrity checks that trust nothing Medusa stored about Amazon (issue 10: a storefront can
 * write Amazon ids into the payment data). An order's own Amazon objects are found from what the
 * buyer really did: the checkout session id the buyer paid with -> that session at Amazon (read
 * with the store's key) -> its charge permission and charge -> the sandbox ledger's entry.
 *
 * `auditOrders` is the check every adversarial test ends with: each order's Medusa money equals
 * Amazon's money on its own charge permission, all orders together equal the ledger, and no Amazon
 * permission or charge backs two orders. It answers lists (empty when all holds) so one `toEqual`
 * shows every broken promise at once.
 */
import type { AmazonPayClient } from "../../src/lib/amazon-pay/client"
import type { Price } from "../../src/lib/amazon-pay/types"
import { currencyDecimals, formatMinorUnits } from "../../src/providers/amazon-pay/amounts"
import type { Ledger, LedgerChargePermission, SandboxControl } from "./amazon-pay-buyer"
import type { CheckoutContext } from "./checkout-context"

/** A checkout session as Amazon holds it (Completed sessions answer their details as null). */
export interface CheckoutAtAmazon {
  state: string
  amount: Price | null
  resultUrl: string | null
  reference: string | null
  chargePermissionId: string | null
  chargeId: string | null
}

export class AmazonSide {
  constructor(
    readonly control: SandboxControl,
    private readonly merchant: AmazonPayClient
  ) {}

  async checkout(checkoutSessionId: string): Promise<CheckoutAtAmazon> {
    const session = await this.merchant.getCheckoutSession(checkoutSessionId)
    return {
      state: session.statusDetails.state,
      amount: session.paymentDetails?.chargeAmount ?? null,
      resultUrl: session.webCheckoutDetails?.checkoutResultReturnUrl ?? null,
      reference: session.merchantMetadata?.merchantReferenceId ?? null,
      chargePermissionId: session.chargePermissionId ?? null,
      chargeId: session.chargeId ?? null,
    }
  }

  ledger(): Promise<Ledger> {
    return this.control.ledger()
  }

  /** The ledger entry of the charge permission the buyer's checkout made (throws if it made none). */
  async ledgerOfCheckout(checkoutSessionId: string): Promise<LedgerChargePermission & { chargePermissionId: string }> {
    const { chargePermissionId } = await this.checkout(checkoutSessionId)
    const entry = chargePermissionId ? (await this.ledger()).chargePermissions[chargePermissionId] : undefined
    if (!chargePermissionId || !entry) {
      throw new Error(`Amazon checkout session ${checkoutSessionId} made no charge permission`)
    }
    return { ...entry, chargePermissionId }
  }
}

/** An order and the checkout session its buyer paid with; `label` names it in the audit's lines. */
export interface PlacedOrder {
  label: string
  orderId: string
  checkoutSessionId: string
}

export interface OrderAudit {
  /** One line per amount where Medusa and Amazon disagree. */
  mismatches: string[]
  /** One line per Amazon object (permission, charge, refund, checkout session) that two orders claim. */
  shared: string[]
}

/** Exact decimal arithmetic: every amount as a BigInt of 10^-SCALE units (Medusa keeps sub-cent tax digits). */
const SCALE = 12

function scaled(amount: number | string | null | undefined): bigint {
  const text = String(amount ?? 0).trim()
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([-+]\d+))?$/i.exec(text)
  if (!match) {
    throw new Error(`not a decimal amount: ${text}`)
  }
  const [, sign, whole, fraction = "", exponent = "0"] = match
  const shift = SCALE + Number(exponent)
  const digits = whole + fraction
  const point = whole.length + shift
  const value = point >= digits.length ? BigInt(digits + "0".repeat(point - digits.length)) : BigInt(digits.slice(0, Math.max(point, 0)) || "0")
  return sign === "-" ? -value : value
}

/** Sum of exact amounts, rounded half-up to the currency's minor unit once (as Medusa rounds payment totals). */
export function minorTotal(amounts: Array<number | string | null | undefined>, currency: string): bigint {
  const decimals = currencyDecimals(currency)
  const unit = 10n ** BigInt(SCALE - decimals)
  const total = amounts.reduce<bigint>((sum, amount) => sum + scaled(amount), 0n)
  const negative = total < 0n
  const magnitude = negative ? -total : total
  const rounded = magnitude / unit + (magnitude % unit >= unit / 2n ? 1n : 0n)
  return negative ? -rounded : rounded
}

/** An amount to read in a diff: with the currency's digits, or all of its digits when it has more ("0.001"). */
export function formatAmount(amount: number | string, currency: string): string {
  const decimals = currencyDecimals(currency)
  const minor = minorTotal([amount], currency)
  return scaled(amount) === minor * 10n ** BigInt(SCALE - decimals) ? formatMinorUnits(minor, currency) : String(amount)
}


interface Money {
  authorized: bigint
  captured: bigint
  refunded: bigint
}

function compare(label: string, currency: string, medusa: Money, amazon: Money, where: string): string[] {
  return (["authorized", "captured", "refunded"] as const)
    .filter((kind) => medusa[kind] !== amazon[kind])
    .map((kind) => `${label}: Medusa ${kind} ${formatMinorUnits(medusa[kind], currency)}, Amazon ${formatMinorUnits(amazon[kind], currency)} (${where})`)
}

/** The Amazon ids a payment's stored data names (whatever wrote them). */
function idsInPaymentData(data: Record<string, any> | null | undefined): string[] {
  const ids = [data?.chargePermissionId, data?.checkoutSessionId]
  for (const charge of Array.isArray(data?.charges) ? data.charges : []) ids.push(charge?.chargeId)
  for (const refund of Array.isArray(data?.refunds) ? data.refunds : []) ids.push(refund?.refundId)
  return ids.filter((id): id is string => typeof id === "string" && id.length > 0)
}

/**
 * Per order: Medusa's authorized (payment amounts), captured and refunded totals against Amazon's
 * on the order's own charge permission (authorized = the amount of the charge the checkout made);
 * then Medusa's totals over all orders against the ledger's per currency (the sandbox is reset per
 * test, so the ledger holds exactly this test's money); then every Amazon id claimed by two orders.
 * Refunds still RefundInitiated are not in the ledger's `refunded`: settle them first.
 */
export async function auditOrders(ctx: CheckoutContext, amazon: AmazonSide, orders: PlacedOrder[]): Promise<OrderAudit> {
  const ledger = await amazon.ledger()
  const mismatches: string[] = []
  const claims = new Map<string, Set<string>>()
  const claim = (id: string, label: string) => claims.set(id, (claims.get(id) ?? new Set()).add(label))
  const medusaTotals = new Map<string, Money>()

  for (const { label, orderId, checkoutSessionId } of orders) {
    const order = await ctx.admin.getOrder(orderId)
    const currency: string = order.currency_code
    const payments: any[] = order.payment_collections.flatMap((c: any) => c.payments ?? [])
    const medusa: Money = {
      authorized: minorTotal(payments.map((p) => p.amount), currency),
      captured: minorTotal(payments.flatMap((p) => (p.captures ?? []).map((c: any) => c.amount)), currency),
      refunded: minorTotal(payments.flatMap((p) => (p.refunds ?? []).map((r: any) => r.amount)), currency),
    }
    const own = await amazon.checkout(checkoutSessionId)
    const permission = own.chargePermissionId ? ledger.chargePermissions[own.chargePermissionId] : undefined
    const charge = permission?.charges.find((c) => c.chargeId === own.chargeId)
    const amazonMoney: Money = {
      authorized: minorTotal([charge?.chargeAmount ?? 0], currency),
      captured: minorTotal([permission?.captured ?? 0], currency),
      refunded: minorTotal([permission?.refunded ?? 0], currency),
    }
    mismatches.push(...compare(label, currency, medusa, amazonMoney, `own charge permission ${own.chargePermissionId ?? "none"}`))
    for (const payment of payments) {
      const named = payment.data?.chargePermissionId ?? null
      if (named !== own.chargePermissionId) {
        mismatches.push(`${label}: payment data names charge permission ${named}, the buyer's checkout made ${own.chargePermissionId}`)
      }
      for (const id of idsInPaymentData(payment.data)) claim(id, label)
    }
    for (const id of [checkoutSessionId, own.chargePermissionId, own.chargeId]) {
      if (id) claim(id, label)
    }
    const total = medusaTotals.get(currency) ?? { authorized: 0n, captured: 0n, refunded: 0n }
    medusaTotals.set(currency, { authorized: total.authorized, captured: total.captured + medusa.captured, refunded: total.refunded + medusa.refunded })
  }

  for (const [currency, medusa] of medusaTotals) {
    const totals = ledger.totals[currency.toUpperCase()]
    const amazonTotals: Money = {
      authorized: 0n,
      captured: minorTotal([totals?.captured ?? 0], currency),
      refunded: minorTotal([totals?.refunded ?? 0], currency),
    }
    mismatches.push(...compare(`all ${currency.toUpperCase()} orders`, currency, medusa, amazonTotals, "sandbox ledger totals"))
  }
  const shared = [...claims]
    .filter(([, labels]) => labels.size > 1)
    .map(([id, labels]) => `${id}: ${[...labels].sort().join(", ")}`)
    .sort()
  return { mismatches, shared }
}

/**
 * The money that really moved, per Charge Permission and per currency:
 * - authorized: charges whose authorization succeeded (they reached Authorized or a later
 *   captured state, even if canceled or expired afterwards), chargeAmount;
 * - captured: captureAmount of charges in state Captured;
 * - refunded: refundAmount of refunds in state Refunded.
 * Tests compare it with what a store believes happened (faults, retries, duplicate IPNs).
 */
import { formatMinor } from "./money"
import type { RefundRecord } from "./records"
import type { SandboxStore } from "./store"

export interface LedgerTotals {
  authorized: string
  captured: string
  refunded: string
}

export interface LedgerChargePermission extends LedgerTotals {
  currencyCode: string
  charges: Array<{ chargeId: string; state: string; chargeAmount: string; captureAmount: string | null }>
  refunds: Array<{ refundId: string; chargeId: string; state: string; refundAmount: string }>
}

export interface Ledger {
  totals: Record<string, LedgerTotals>
  chargePermissions: Record<string, LedgerChargePermission>
}

interface Sums {
  authorized: bigint
  captured: bigint
  refunded: bigint
}

const format = (sums: Sums, currency: string): LedgerTotals => ({
  authorized: formatMinor(sums.authorized, currency),
  captured: formatMinor(sums.captured, currency),
  refunded: formatMinor(sums.refunded, currency),
})

export function buildLedger(store: SandboxStore): Ledger {
  const totals = new Map<string, Sums>()
  const chargePermissions: Record<string, LedgerChargePermission> = {}
  const refundsByCharge = new Map<string, RefundRecord[]>()
  for (const refund of store.refunds.values()) {
    refundsByCharge.set(refund.chargeId, [...(refundsByCharge.get(refund.chargeId) ?? []), refund])
  }
  for (const permission of store.chargePermissions.values()) {
    const currency = permission.currencyCode
    const sums: Sums = { authorized: 0n, captured: 0n, refunded: 0n }
    const charges: LedgerChargePermission["charges"] = []
    const refunds: LedgerChargePermission["refunds"] = []
    for (const charge of store.chargesOf(permission)) {
      if (charge.authorizedAt !== null) {
        sums.authorized += charge.chargeAmount
      }
      if (charge.status.state === "Captured") {
        sums.captured += charge.captureAmount ?? 0n
      }
      charges.push({
        chargeId: charge.id,
        state: charge.status.state,
        chargeAmount: formatMinor(charge.chargeAmount, currency),
        captureAmount: charge.captureAmount === null ? null : formatMinor(charge.captureAmount, currency),
      })
      for (const refund of refundsByCharge.get(charge.id) ?? []) {
        if (refund.status.state === "Refunded") {
          sums.refunded += refund.amount
        }
        refunds.push({
          refundId: refund.id,
          chargeId: refund.chargeId,
          state: refund.status.state,
          refundAmount: formatMinor(refund.amount, currency),
        })
      }
    }
    chargePermissions[permission.id] = { currencyCode: currency, ...format(sums, currency), charges, refunds }
    const total = totals.get(currency) ?? { authorized: 0n, captured: 0n, refunded: 0n }
    total.authorized += sums.authorized
    total.captured += sums.captured
    total.refunded += sums.refunded
    totals.set(currency, total)
  }
  return {
    totals: Object.fromEntries([...totals].map(([currency, sums]) => [currency, format(sums, currency)])),
    chargePermissions,
  }
}

/**
 * The money that really moved, per Charge Permission and per currency:
 * - authorized: charges whose authorization succeeded (they reached Authorized or a later
 *   captured state, even if canceled or expired afterwards), chargeAmount;
 * - captured: captureAmount of charges in state Captured;
 * - refunded: refundAmount of refunds in state Refunded;
 * - chargebacks: disputed amounts of chargebacks not resolved in the merchant's favour (taken from
 *   the merchant's account, resources/disputes.ts); the Charge's own amounts do not change.
 * Per permission it also lists the Create Charge calls that were declined with an HTTP error (no
 * Charge object exists for them) and the disputes. Tests compare it with what a store believes
 * happened (faults, retries, duplicate IPNs).
 */
import { formatMinor } from "./money"
import type { ChargePermissionRecord, DisputeRecord, RefundRecord } from "./records"
import { debitsMerchant } from "./resources/disputes"
import type { SandboxStore } from "./store"

export interface LedgerTotals {
  authorized: string
  captured: string
  refunded: string
}

export interface LedgerCurrencyTotals extends LedgerTotals {
  chargebacks: string
}

export interface LedgerChargePermission extends LedgerCurrencyTotals {
  currencyCode: string
  charges: Array<{ chargeId: string; state: string; chargeAmount: string; captureAmount: string | null }>
  refunds: Array<{ refundId: string; chargeId: string; state: string; refundAmount: string }>
  declinedAttempts: Array<{ chargeAmount: string; reasonCode: string }>
  disputes: Array<{ disputeId: string; chargeId: string; state: string; resolution: string | null; disputeAmount: string }>
}

export interface Ledger {
  totals: Record<string, LedgerCurrencyTotals>
  chargePermissions: Record<string, LedgerChargePermission>
}

interface Sums {
  authorized: bigint
  captured: bigint
  refunded: bigint
  chargebacks: bigint
}

const zero = (): Sums => ({ authorized: 0n, captured: 0n, refunded: 0n, chargebacks: 0n })

const format = (sums: Sums, currency: string): LedgerCurrencyTotals => ({
  authorized: formatMinor(sums.authorized, currency),
  captured: formatMinor(sums.captured, currency),
  refunded: formatMinor(sums.refunded, currency),
  chargebacks: formatMinor(sums.chargebacks, currency),
})

function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    groups.set(key(item), [...(groups.get(key(item)) ?? []), item])
  }
  return groups
}

export function buildLedger(store: SandboxStore): Ledger {
  const totals = new Map<string, Sums>()
  const chargePermissions: Record<string, LedgerChargePermission> = {}
  const refundsByCharge = groupBy(store.refunds.values(), (r) => r.chargeId)
  const disputesByPermission = groupBy(store.disputes.values(), (d) => d.chargePermissionId)
  for (const permission of store.chargePermissions.values()) {
    const entry = permissionEntry(store, permission, refundsByCharge, disputesByPermission.get(permission.id) ?? [])
    chargePermissions[permission.id] = entry.view
    const total = totals.get(permission.currencyCode) ?? zero()
    for (const key of Object.keys(total) as Array<keyof Sums>) {
      total[key] += entry.sums[key]
    }
    totals.set(permission.currencyCode, total)
  }
  return {
    totals: Object.fromEntries([...totals].map(([currency, sums]) => [currency, format(sums, currency)])),
    chargePermissions,
  }
}

function permissionEntry(
  store: SandboxStore,
  permission: ChargePermissionRecord,
  refundsByCharge: Map<string, RefundRecord[]>,
  disputes: DisputeRecord[]
): { sums: Sums; view: LedgerChargePermission } {
  const currency = permission.currencyCode
  const sums = zero()
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
      refunds.push({ refundId: refund.id, chargeId: refund.chargeId, state: refund.status.state, refundAmount: formatMinor(refund.amount, currency) })
    }
  }
  for (const dispute of disputes) {
    if (debitsMerchant(dispute)) {
      sums.chargebacks += dispute.amount
    }
  }
  const view: LedgerChargePermission = {
    currencyCode: currency,
    ...format(sums, currency),
    charges,
    refunds,
    declinedAttempts: permission.declinedAttempts.map((a) => ({ chargeAmount: formatMinor(a.amount, currency), reasonCode: a.reasonCode })),
    disputes: disputes.map((d) => ({
      disputeId: d.id,
      chargeId: d.chargeId,
      state: d.status.state,
      resolution: d.status.resolution,
      disputeAmount: formatMinor(d.amount, currency),
    })),
  }
  return { sums, view }
}

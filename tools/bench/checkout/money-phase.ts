/**
 * Phase "capture and refund": the orders of the checkout phase are captured, then refunded, in full
 * through the Admin API (`POST /admin/payments/:id/capture`, `/refund`), Amazon Pay and system
 * orders alternating as in the checkout phase. The payment ids are read before the clock starts;
 * only the capture or refund request is timed.
 */
import type { RequestCounts } from "../../../src/sandbox"
import type { BootedStore } from "../../store/boot-store"
import type { CompletedCheckout, ProviderKind } from "./carts"
import { summarize, timed, type Summary } from "./stats"

export type MoneyOperation = "capture" | "refund"

export interface MoneySample {
  provider: ProviderKind
  operation: MoneyOperation
  elapsedMs: number
  amazonCalls: RequestCounts
}

export interface MoneyPhaseResult {
  summaries: Record<MoneyOperation, Record<ProviderKind, Summary>>
  samples: MoneySample[]
}

async function paymentIdOf(store: BootedStore, orderId: string): Promise<string> {
  const [payment, ...more] = await store.admin.payments(orderId)
  if (!payment || more.length > 0) {
    throw new Error(`order ${orderId} has ${more.length + (payment ? 1 : 0)} payments; expected one`)
  }
  return payment.id
}

/** Interleaves the two providers' lists: a1 s1 s2 a2 a3 s3 ... (the checkout phase's order). */
function alternate<T>(amazon: T[], system: T[]): T[] {
  const out: T[] = []
  for (let i = 0; i < Math.max(amazon.length, system.length); i++) {
    const pair = i % 2 === 0 ? [amazon[i], system[i]] : [system[i], amazon[i]]
    out.push(...pair.filter((x): x is T => x !== undefined))
  }
  return out
}

export async function runMoneyPhase(store: BootedStore, checkouts: CompletedCheckout[]): Promise<MoneyPhaseResult> {
  const payments: Array<{ provider: ProviderKind; paymentId: string }> = []
  for (const c of checkouts) {
    payments.push({ provider: c.provider, paymentId: await paymentIdOf(store, c.orderId) })
  }
  const ordered = alternate(
    payments.filter((p) => p.provider === "amazon"),
    payments.filter((p) => p.provider === "system")
  )
  const samples: MoneySample[] = []
  for (const operation of ["capture", "refund"] as const) {
    for (const { provider, paymentId } of ordered) {
      store.sandbox.clearRequestCounts()
      const { elapsedMs } = await timed(() =>
        operation === "capture" ? store.admin.capture(paymentId) : store.admin.refund(paymentId)
      )
      samples.push({ provider, operation, elapsedMs, amazonCalls: store.sandbox.requestCounts() })
    }
  }
  const summary = (operation: MoneyOperation, provider: ProviderKind) =>
    summarize(samples.filter((s) => s.operation === operation && s.provider === provider).map((s) => s.elapsedMs))
  return {
    summaries: {
      capture: { amazon: summary("capture", "amazon"), system: summary("capture", "system") },
      refund: { amazon: summary("refund", "amazon"), system: summary("refund", "system") },
    },
    samples,
  }
}

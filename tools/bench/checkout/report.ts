/**
 * What `npm run bench` prints: each phase's table, and the final table of targets with PASS/MISS.
 * Figures are printed as measured; nothing here decides the exit code (a missed target on a noisy
 * machine is reported, not fatal).
 */
import type { RequestCounts } from "../../../src/sandbox"
import type { CheckoutPhaseResult } from "./checkout-phase"
import { MINIMUMS } from "./minimums"
import type { MoneyPhaseResult } from "./money-phase"
import { BUCKETS, type WindowProfile } from "./profile"
import { describeCalls, totalRequests, type StepCounts } from "./round-trips"
import type { TargetRow } from "./side-benches"
import { ms, table, type Summary } from "./stats"

export const MAX_CHECKOUT_RATIO = 1.3

const row = (name: string, s: Summary) => [name, String(s.count), ms(s.medianMs), ms(s.p95Ms), ms(s.minMs), ms(s.maxMs)]
const SUMMARY_HEADER = ["", "n", "median", "p95", "min", "max"]

export function checkoutTable(result: CheckoutPhaseResult): string {
  return [
    table(SUMMARY_HEADER, [row("Amazon Pay", result.amazon), row("pp_system_default", result.system)]),
    `Amazon Pay / system (medians): ${result.ratio.toFixed(2)}x`,
  ].join("\n")
}

export function moneyTable(result: MoneyPhaseResult): string {
  const { capture, refund } = result.summaries
  return [
    table(SUMMARY_HEADER, [
      row("capture, Amazon Pay", capture.amazon),
      row("capture, pp_system_default", capture.system),
      row("refund, Amazon Pay", refund.amazon),
      row("refund, pp_system_default", refund.system),
    ]),
    `Amazon Pay / system (medians): capture ${(capture.amazon.medianMs / capture.system.medianMs).toFixed(2)}x, ` +
      `refund ${(refund.amazon.medianMs / refund.system.medianMs).toFixed(2)}x`,
  ].join("\n")
}

/** Calls of each step of the quiet pass, next to the protocol's minimum. */
export function roundTripTable(steps: StepCounts[]): string {
  return table(
    ["step", "calls", "operations", "after, from IPNs"],
    steps.map((s) => [s.step, String(totalRequests(s.during)), describeCalls(s.during), describeCalls(s.after)]),
    "lrll"
  )
}

/**
 * Sequential Amazon round trips inside the completion, estimated from the latency they added: how
 * much the Amazon Pay - system gap of the medians grew from 0 ms to `latencyMs` per call, divided by
 * `latencyMs`. Taking the gap (not the Amazon Pay median alone) cancels load that changed between
 * the two phases; it is still an estimate (medians of noisy samples), the counts are exact.
 */
export function sequentialRoundTrips(zero: CheckoutPhaseResult, slow: CheckoutPhaseResult): number {
  const gap = (phase: CheckoutPhaseResult) => phase.amazon.medianMs - phase.system.medianMs
  return (gap(slow) - gap(zero)) / slow.latencyMs
}

/** Operation-count spread of the timed phase (IPN handling of earlier orders can add calls). */
export function countSpread(counts: RequestCounts[]): string {
  const totals = counts.map(totalRequests).sort((a, b) => a - b)
  return totals[0] === totals[totals.length - 1] ? String(totals[0]) : `${totals[0]}..${totals[totals.length - 1]}`
}

export function profileTable(amazon: WindowProfile, system: WindowProfile): string {
  const rows = BUCKETS.map((b) => [b, amazon.perCompletionMs[b].toFixed(1), system.perCompletionMs[b].toFixed(1), (amazon.perCompletionMs[b] - system.perCompletionMs[b]).toFixed(1)])
  const busy = (p: WindowProfile) => BUCKETS.filter((b) => !b.startsWith("idle")).reduce((sum, b) => sum + p.perCompletionMs[b], 0)
  rows.push(["CPU busy (all but idle)", busy(amazon).toFixed(1), busy(system).toFixed(1), (busy(amazon) - busy(system)).toFixed(1)])
  rows.push(["inclusive: a provider/client frame on the stack", amazon.pluginInclusiveMs.toFixed(1), system.pluginInclusiveMs.toFixed(1), ""])
  const top = amazon.top.map((t) => `  ${t.ms.toFixed(2).padStart(6)} ms  ${t.name}  ${t.where}  [${t.bucket}]`)
  return [
    table(["self time, ms per completion", "Amazon Pay", "system", "difference"], rows),
    "",
    "heaviest functions by self time in the Amazon Pay completions (ms per completion):",
    ...top,
  ].join("\n")
}

/** The final table: checkout, round trips, capture/refund, then bench:client and bench:ipn rows. */
export function targetRows(
  zero: CheckoutPhaseResult,
  slow: CheckoutPhaseResult,
  steps: StepCounts[],
  money: MoneyPhaseResult
): TargetRow[] {
  const area = "checkout (npm run bench)"
  const rows: TargetRow[] = [
    { area, metric: "completion median, Amazon Pay | system (0 ms)", value: `${ms(zero.amazon.medianMs)} | ${ms(zero.system.medianMs)}`, target: "", met: null },
    { area, metric: "completion p95, Amazon Pay | system (0 ms)", value: `${ms(zero.amazon.p95Ms)} | ${ms(zero.system.p95Ms)}`, target: "", met: null },
    { area, metric: "Amazon Pay / system, medians (0 ms)", value: `${zero.ratio.toFixed(2)}x`, target: `<= ${MAX_CHECKOUT_RATIO}x`, met: zero.ratio <= MAX_CHECKOUT_RATIO },
    { area, metric: `completion median, Amazon Pay | system (${slow.latencyMs} ms)`, value: `${ms(slow.amazon.medianMs)} | ${ms(slow.system.medianMs)}`, target: "", met: null },
    { area, metric: `≈ sequential Amazon round trips in completion (Δgap / ${slow.latencyMs} ms)`, value: sequentialRoundTrips(zero, slow).toFixed(2), target: "", met: null },
  ]
  const minimumFor = ["before completion", "cart completion", "capture", "refund"]
  steps.forEach((s, i) => {
    const minimum = MINIMUMS.find((m) => m.step === minimumFor[i])!
    const calls = totalRequests(s.during)
    rows.push({ area: "Amazon calls", metric: s.step, value: String(calls), target: `${minimum.calls} (${minimum.why})`, met: calls <= minimum.calls })
  })
  const ipn = steps.reduce((sum, s) => sum + totalRequests(s.after), 0)
  rows.push({ area: "Amazon calls", metric: "after checkout + capture + refund, from IPN handling (async)", value: String(ipn), target: "", met: null })
  const { capture, refund } = money.summaries
  rows.push(
    { area: "admin (npm run bench)", metric: "capture median | p95, Amazon Pay", value: `${ms(capture.amazon.medianMs)} | ${ms(capture.amazon.p95Ms)}`, target: "", met: null },
    { area: "admin (npm run bench)", metric: "refund median | p95, Amazon Pay", value: `${ms(refund.amazon.medianMs)} | ${ms(refund.amazon.p95Ms)}`, target: "", met: null }
  )
  return rows
}

export function finalTable(rows: TargetRow[]): string {
  const verdict = (met: boolean | null) => (met === null ? "" : met ? "PASS" : "MISS")
  return table(["area", "metric", "value", "target", ""], rows.map((r) => [r.area, r.metric, r.value, r.target, verdict(r.met)]), "lllll")
}

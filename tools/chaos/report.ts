/** The campaign's tables: what was injected, what the orders lived, and which invariants held. */
import { totalRequests, type RequestCounts } from "../../src/sandbox"
import type { IpnDelivery } from "../../src/sandbox/ipn/delivery-log"
import type { RunningCluster } from "../store/boot-store"
import { isRefusal } from "./hostile"
import { INVARIANTS, type Breach } from "./invariants"
import type { OrderRecord } from "./run-order"
import type { LogScan } from "./server-log"
import type { SettleReport } from "./settle"

const row = (label: string, value: string | number) => console.log(`  ${label.padEnd(52)} ${value}`)

export interface CrashReport {
  name: string
  afterLives: number
  downMs: number
}

/** The cluster: which processes, how the balancer spread the calls, and the crash. */
export function printTopology(cluster: RunningCluster, crash: CrashReport | null): void {
  const servers = cluster.processes.filter((p) => p.mode === "server")
  const workers = cluster.processes.filter((p) => p.mode === "worker")
  console.log(`\ntopology: ${servers.length} servers + ${workers.length} worker, redis`)
  const { byUpstream, failovers, badGateway, cut } = cluster.balancer.counts()
  for (const server of servers) {
    const c = byUpstream[server.name]
    row(`  ${server.name} (port ${server.port}): IPN / admin / store requests`, `${c.ipn} / ${c.admin} / ${c.store}`)
  }
  row("  requests sent to the other server (connection refused)", failovers)
  row("  answered 502 (connection broke mid-request)", badGateway)
  // A money call cut here may have left a Medusa row without its Amazon call: see the invariants.
  for (const request of cut.slice(0, 10)) console.log(`      cut: ${request}`)
  row("  crash", crash ? `${crash.name} SIGKILLed after ${crash.afterLives} lives, back after ${(crash.downMs / 1000).toFixed(0)} s` : "none")
}

export function printInjected(counts: RequestCounts, deliveries: IpnDelivery[]): void {
  console.log("\nInjected")
  const total = totalRequests(counts)
  const faults: Record<string, number> = {}
  for (const count of Object.values(counts)) {
    for (const [kind, n] of Object.entries(count.faults)) faults[kind] = (faults[kind] ?? 0) + n
  }
  const faulted = Object.values(faults).reduce((a, b) => a + b, 0)
  row("Amazon API requests", total)
  row("answered by a fault", `${faulted} (${((100 * faulted) / Math.max(1, total)).toFixed(1)}%)`)
  for (const [kind, n] of Object.entries(faults).sort()) row(`  ${kind}`, n)
  const byOperation = Object.entries(counts)
    .map(([operation, c]) => `${operation} ${c.requests}`)
    .join(", ")
  console.log(`  by operation: ${byOperation}`)
  const first = deliveries.filter((d) => d.attempt === 1)
  row("IPN deliveries (first attempts)", first.length)
  row("  duplicated (same MessageId again)", first.filter((d) => d.duplicate).length)
  row("  forged (extra, must be refused)", first.filter((d) => d.forged).length)
  row("  redelivery attempts (store answered non-2xx or timed out)", deliveries.filter((d) => d.attempt > 1).length)
  row("  reordered and delayed", "all (reorder on, 300 ms window)")
}

export function printLives(records: OrderRecord[], foundAfterLostAnswer: number): void {
  console.log("\nOrders")
  const count = (predicate: (r: OrderRecord) => boolean) => records.filter(predicate).length
  row("lives started", records.length)
  row("orders placed", count((r) => !!r.orderId))
  row("  capture on authorize", count((r) => !!r.orderId && r.life.captureMode === "on_authorize"))
  row("  manual: full / two parts / partial only", ["full", "two_parts", "partial_only"].map((c) => count((r) => !!r.orderId && r.life.captureMode === "manual" && !r.life.cancel && r.life.capture === c)).join(" / "))
  row("  canceled by the admin", count((r) => !!r.orderId && r.life.cancel && r.life.captureMode === "manual"))
  row("  pending authorization, then authorized / declined", `${count((r) => !!r.orderId && r.life.outcome === "pendingThenAuthorized")} / ${count((r) => !!r.orderId && r.life.outcome === "pendingThenDeclined")}`)
  row("  with 1 / 2 / 3 refunds planned", [1, 2, 3].map((n) => count((r) => !!r.orderId && r.life.refundsPerMille.length === n)).join(" / "))
  row("checkouts refused (declined / buyer canceled)", `${count((r) => !r.orderId && r.life.outcome === "declined")} / ${count((r) => !r.orderId && r.life.outcome === "buyerCanceled")}`)
  row("checkouts that should have succeeded but gave up", count((r) => !r.orderId && !["declined", "buyerCanceled"].includes(r.life.outcome)))
  row("  found in the store after the completion's answer was lost", foundAfterLostAnswer)
  row("errors a person saw (then retried)", records.reduce((n, r) => n + r.visibleErrors.length, 0))
  printHostileAndConcurrent(records)
  const refused = (r: OrderRecord) => !r.orderId && ["declined", "buyerCanceled"].includes(r.life.outcome)
  const gaveUp = records.filter((r) => !refused(r) && (!r.orderId || r.steps.some((step) => step.startsWith("gave up"))))
  for (const record of gaveUp.slice(0, 10)) {
    console.log(`  ! life ${record.life.index} (${record.life.outcome}, ${record.life.captureMode}) ${record.orderId ?? record.cartId}: ${[...record.steps, ...record.visibleErrors].join(" | ").slice(0, 600)}`)
  }
}

/** "409 x2, 500 x1" */
const tally = (items: string[]) =>
  [...items.reduce((m, item) => m.set(item, (m.get(item) ?? 0) + 1), new Map<string, number>())]
    .sort()
    .map(([item, n]) => `${item} x${n}`)
    .join(", ")

function printHostileAndConcurrent(records: OrderRecord[]): void {
  const of = (kind: string) => records.filter((r) => r.life.kind === kind)
  const reuse = of("reuse_checkout").filter((r) => r.hostile)
  const answers = reuse.flatMap((r) => r.hostile!.answers)
  const refused = reuse.filter((r) => r.hostile!.answers.some((a) => isRefusal(a.replace(/^(initiate|complete) /, "")))).length
  console.log("\nHostile storefronts and concurrent admins (issue 10)")
  const stages = ["on_amazon_page", "confirmed", "completed"] as const
  row("checkout handed to another cart (on page / confirmed / completed)", stages.map((s) => reuse.filter((r) => r.life.reuse?.stage === s).length).join(" / "))
  row("  with an equal / another total", `${reuse.filter((r) => r.life.reuse?.totals === "equal").length} / ${reuse.filter((r) => r.life.reuse?.totals === "different").length}`)
  row("  hostile cart refused with a 4xx / placed an order", `${refused} / ${reuse.filter((r) => r.hostile!.orderId).length}`)
  row("  hostile answers 5xx (Amazon faults during the check)", answers.filter((a) => /^(initiate|complete) 5\d\d /.test(a)).length)
  row("  buyers who still completed their own order", `${reuse.filter((r) => r.orderId).length} of ${reuse.length}`)
  const inject = of("inject_fields")
  row("internal fields injected: lives (refused with a 4xx / dropped)", `${inject.length} (${inject.filter((r) => r.injectionRefused).length} / ${inject.filter((r) => r.orderId && !r.injectionRefused).length})`)
  for (const kind of ["parallel_captures", "parallel_refunds"] as const) {
    const lives = of(kind).filter((r) => r.parallelAnswers)
    const calls = lives.flatMap((r) => r.parallelAnswers!)
    const refusals = tally(calls.filter((a) => a !== "2xx").map((a) => a.split(" ")[0]))
    row(`${kind.replace("_", " ")}: lives / calls (2xx / refused)`, `${lives.length} / ${calls.length} (${calls.filter((a) => a === "2xx").length} / ${calls.length - calls.filter((a) => a === "2xx").length}${refusals ? `: ${refusals}` : ""})`)
    for (const status of new Set(calls.filter((a) => a !== "2xx").map((a) => a.split(" ")[0]))) {
      console.log(`      e.g. ${calls.find((a) => a.startsWith(`${status} `))!.slice(0, 160)}`)
    }
  }
  const soft = records.flatMap((r) => r.softDeclines)
  const ends = ["captured on a retry", "declined otherwise on a retry", "retries failed on faults", "still soft-declined"] as const
  row("soft-declined captures", soft.length)
  for (const end of ends) row(`  ${end}`, soft.filter((s) => s === end).length)
}

export function printSettle(settled: SettleReport): void {
  console.log("\nSettling")
  row("poll rounds (POST /admin/amazon-pay/poll-pending)", settled.pollRounds)
  row("objects the poll re-read / errors", `${settled.objectsPolled} / ${settled.pollErrors}`)
  row("still pending after the last round", settled.stillPending)
}

export function printInvariants(breaches: Breach[], checkedOrders: number, log: LogScan): boolean {
  console.log(`\nInvariants (${checkedOrders} orders checked against the sandbox ledger)`)
  for (const invariant of INVARIANTS) {
    const broken = breaches.filter((b) => b.invariant === invariant)
    row(invariant, broken.length ? `BROKEN (${broken.length})` : "held")
  }
  const storeWide = breaches.filter((b) => b.invariant === "store-wide")
  row("store-wide totals equal Amazon's", storeWide.length ? "BROKEN" : "held")
  row("no unhandled error in the server log", log.unhandled.length ? `BROKEN (${log.unhandled.length})` : `held (${log.errorLines} error lines, all handled)`)
  row("no secret in the server log", log.secrets.length ? "BROKEN" : "held")
  for (const breach of breaches.slice(0, 30)) console.log(`  ✖ ${breach.orderId} ${breach.invariant}: ${breach.detail}`)
  for (const line of log.unhandled) console.log(`  ✖ log: ${line.slice(0, 300)}`)
  return breaches.length === 0 && log.unhandled.length === 0 && log.secrets.length === 0
}

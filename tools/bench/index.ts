/**
 * `npm run bench [-- --carts N --profile-carts M --latency MS --skip-side-benches]`: what an Amazon
 * Pay checkout costs in a real Medusa store, next to Medusa's own `pp_system_default`, in one run.
 *
 *  1. checkout, sandbox at 0 ms: N Amazon Pay and N system checkouts alternating; only
 *     `POST /store/carts/:id/complete` is timed. Target: Amazon Pay / system (medians) <= 1.3x.
 *  2. capture and refund of those orders through the Admin API.
 *  3. checkout again with the sandbox at 150 ms per Amazon call: the latency Amazon adds.
 *  4. round trips: the Amazon operations of one checkout, capture and refund on a quiet store,
 *     against the protocol's minimum (checkout/minimums.ts).
 *  5. profile: V8's sampling profiler switched on in the same server (checkout/cpu-profiler.js),
 *     self time of the completions by bucket.
 *  6. bench:client and bench:ipn as child processes (the store stopped), parsed into the table.
 *
 * Everything runs on this machine's 2 cores next to whatever else runs, so each figure is judged
 * against a baseline measured in the same run. Targets print PASS or MISS; the exit code is 0
 * unless something crashed. The Medusa log is .bench/medusa.log.
 */
import { cpus } from "node:os"
import { bootStore, type BootedStore } from "../store/boot-store"
import { runCheckoutPhase } from "./checkout/checkout-phase"
import { runMoneyPhase } from "./checkout/money-phase"
import { profilerEnv, runProfilePhase } from "./checkout/profile-phase"
import {
  checkoutTable,
  countSpread,
  finalTable,
  moneyTable,
  profileTable,
  roundTripTable,
  sequentialRoundTrips,
  targetRows,
} from "./checkout/report"
import { countRoundTrips } from "./checkout/round-trips"
import { clientBench, ipnBench, type TargetRow } from "./checkout/side-benches"
import { pollScaleTable, runPollScalePhase } from "./poll/poll-scale"
import { ms } from "./checkout/stats"

function intArg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`)
  if (index < 0) return fallback
  const value = Number(process.argv[index + 1])
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} takes a whole number >= 1 (got ${process.argv[index + 1]})`)
  }
  return value
}

const CARTS = intArg("carts", 30)
const PROFILE_CARTS = intArg("profile-carts", 10)
const LATENCY_MS = intArg("latency", 150)
const SKIP_SIDE = process.argv.includes("--skip-side-benches")
const MEDUSA_PORT = Number(process.env.MEDUSA_PORT) || 9200
const DATABASE = process.env.BENCH_DATABASE || "medusa_amazon_pay_bench"

const started = Date.now()
const say = (line = "") => console.log(line)
const heading = (title: string) => say(`\n== ${title} (${((Date.now() - started) / 1000).toFixed(0)} s)`)

async function storePhases(store: BootedStore) {
  heading(`1. cart completion, sandbox at 0 ms: ${CARTS} Amazon Pay + ${CARTS} pp_system_default, alternating`)
  const zero = await runCheckoutPhase(store, { carts: CARTS, warmup: 2, latencyMs: 0, progress: say })
  say(checkoutTable(zero))
  const amazonZero = zero.checkouts.filter((c) => c.provider === "amazon")
  say(
    `Amazon calls during each completion: ${countSpread(amazonZero.map((c) => c.during))} ` +
      `(IPN handling of earlier orders, 5 s later, lands in some; the quiet count is in step 4)`
  )

  heading("2. capture and refund through the Admin API, sandbox at 0 ms (full amount each)")
  const money = await runMoneyPhase(store, zero.checkouts)
  say(moneyTable(money))

  heading(`3. cart completion, sandbox at ${LATENCY_MS} ms per Amazon call: ${CARTS} + ${CARTS}, alternating`)
  const slow = await runCheckoutPhase(store, { carts: CARTS, warmup: 1, latencyMs: LATENCY_MS, progress: say })
  say(checkoutTable(slow))
  const gap = (phase: typeof zero) => phase.amazon.medianMs - phase.system.medianMs
  say(
    `Amazon Pay - system gap of the medians: ${gap(zero).toFixed(0)} ms at 0 ms, ${gap(slow).toFixed(0)} ms at ${LATENCY_MS} ms: ` +
      `≈ ${sequentialRoundTrips(zero, slow).toFixed(2)} sequential Amazon round trips of ${LATENCY_MS} ms per completion`
  )

  heading(`4. Amazon API calls per step, quiet store, sandbox at ${LATENCY_MS} ms`)
  const steps = await countRoundTrips(store, LATENCY_MS)
  say(roundTripTable(steps))

  heading("4b. polling job as the store grows: 1k, 10k, 100k Amazon Pay payments seeded directly, one refund pending")
  store.sandbox.setLatency(0)
  const poll = await runPollScalePhase(store, `postgres://postgres@localhost:5432/${DATABASE}`, (line) => say(`  ${line}`))
  say(pollScaleTable(poll))
  return { zero, money, slow, steps, poll }
}

async function main(): Promise<void> {
  say(`npm run bench: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), N = ${CARTS} carts per provider`)
  heading("boot: sandbox, fresh database, migrations, medusa start, admin, seeded store")
  const store = await bootStore({
    dir: ".bench",
    database: DATABASE,
    medusaPort: MEDUSA_PORT,
    env: profilerEnv(),
    progress: (line) => say(`  ${line}`),
  })
  let measured
  try {
    measured = await storePhases(store)
    heading(`5. profile: V8 sampling profiler in Medusa, ${PROFILE_CARTS} + ${PROFILE_CARTS} checkouts at 0 ms, completion windows only`)
    const profile = await runProfilePhase(store, { carts: PROFILE_CARTS, progress: say })
    say(`completion medians under the profiler: Amazon Pay ${ms(profile.medianMs.amazon)}, system ${ms(profile.medianMs.system)}`)
    say(profileTable(profile.amazon, profile.system))
    say(`(whole profile: ${profile.profilePath}, opens in Chrome DevTools)`)
  } finally {
    await store.stop()
  }
  const rows: TargetRow[] = targetRows(measured.zero, measured.slow, measured.steps, measured.money)
  const [small, , large] = measured.poll
  rows.push({
    area: "polling job",
    metric: "one run with 100k vs 1k Amazon Pay payments in the database",
    value: `${(large.medianMs / small.medianMs).toFixed(2)}x (${ms(small.medianMs)} -> ${ms(large.medianMs)}), ${large.seqScans} sequential scans`,
    target: "flat: <= 1.5x, no sequential scan",
    met: large.medianMs / small.medianMs <= 1.5 && large.seqScans === 0,
  })

  if (!SKIP_SIDE) {
    heading("6. npm run bench:client (Medusa stopped)")
    rows.push(...(await clientBench(say)))
    heading("7. npm run bench:ipn (Medusa stopped)")
    rows.push(...(await ipnBench(say)))
  }

  heading("final table")
  say(finalTable(rows))
  const missed = rows.filter((r) => r.met === false).length
  say(`\n${missed === 0 ? "every target met" : `${missed} target(s) missed`}; total ${((Date.now() - started) / 1000).toFixed(0)} s`)
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})

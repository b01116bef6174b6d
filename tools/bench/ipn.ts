/**
 * `npm run bench:ipn`: IPN handling measurements, one section each.
 *
 * Section 1 (here): envelopes verified per second with a warm certificate cache, as a ratio to a
 * bare RSA-2048 `crypto.verify` in the same process. Targets: >= 20,000/s on one core and within 3x
 * of the bare verify (i.e. ratio >= 0.33).
 *
 * Further sections (e.g. the share of an IPN's handling time outside the Amazon GET) are added to
 * SECTIONS below; each prints its own lines and returns whether its targets were met.
 */
import { measureHandlingShare } from "./ipn-handling"
import { measureVerifyThroughput, type Rate } from "./ipn-verify"

const TARGET_PER_SECOND = 20_000
const MAX_SLOWDOWN = 3

export type BenchSection = { title: string; run: () => Promise<boolean> }

const fmt = (n: number) => Math.round(n).toLocaleString("en-US")

async function verifySection(): Promise<boolean> {
  const result = await measureVerifyThroughput()
  const line = (r: Rate, base: Rate) =>
    `  ${r.name.padEnd(55)} ${fmt(r.perSecond).padStart(9)}/s   ratio to bare ${(r.perSecond / base.perSecond).toFixed(2)}`
  console.log(line(result.bare, result.bare))
  console.log(line(result.bareSha1, result.bareSha1))
  console.log(line(result.verifyV2, result.bare))
  console.log(line(result.verifyV1, result.bareSha1))
  console.log(line(result.verifyIpnV2, result.bare))
  console.log(`  certificate downloads during the run: ${result.certificateFetches}`)
  const checks: Array<[string, boolean]> = [
    [`v2 >= ${fmt(TARGET_PER_SECOND)}/s`, result.verifyV2.perSecond >= TARGET_PER_SECOND],
    [`v1 >= ${fmt(TARGET_PER_SECOND)}/s`, result.verifyV1.perSecond >= TARGET_PER_SECOND],
    [`v2 within ${MAX_SLOWDOWN}x of bare`, result.verifyV2.perSecond * MAX_SLOWDOWN >= result.bare.perSecond],
    [`v1 within ${MAX_SLOWDOWN}x of bare`, result.verifyV1.perSecond * MAX_SLOWDOWN >= result.bareSha1.perSecond],
    ["one certificate download", result.certificateFetches === 1],
  ]
  for (const [name, ok] of checks) {
    console.log(`  ${ok ? "PASS" : "FAIL"} ${name}`)
  }
  return checks.every(([, ok]) => ok)
}

/** The local work must stay a small part of handling an IPN even against a zero-latency Amazon. */
const MAX_LOCAL_SHARE = 0.25

async function handlingShareSection(): Promise<boolean> {
  const result = await measureHandlingShare()
  const perOp = (r: Rate) => `${(1_000 / r.perSecond).toFixed(3).padStart(8)} ms/IPN  (${fmt(r.perSecond)}/s)`
  for (const r of [result.local, result.gets, result.whole]) {
    console.log(`  ${r.name.padEnd(60)} ${perOp(r)}`)
  }
  console.log(`  share of handling time outside the Amazon GETs: ${(result.localShare * 100).toFixed(1)}%`)
  const ok = result.localShare <= MAX_LOCAL_SHARE
  console.log(`  ${ok ? "PASS" : "FAIL"} local share <= ${MAX_LOCAL_SHARE * 100}%`)
  return ok
}

export const SECTIONS: BenchSection[] = [
  { title: "IPN signature verification, warm certificate cache", run: verifySection },
  { title: "IPN handling: local work vs the Amazon GETs (sandbox, zero latency)", run: handlingShareSection },
  // Add further IPN measurements here.
]

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${process.arch}, one event loop (one core)`)
  let allMet = true
  for (const section of SECTIONS) {
    console.log(`\n${section.title}`)
    allMet = (await section.run()) && allMet
  }
  process.exitCode = allMet ? 0 : 1
}

if (require.main === module) {
  void main()
}

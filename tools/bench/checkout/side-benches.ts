/**
 * `npm run bench:client` and `npm run bench:ipn`, run as child processes after the store has been
 * stopped (so they do not share the 2 cores with Medusa), their output echoed and parsed into rows
 * of the final table. The parsers read the lines those two scripts print; if a line is missing the
 * run fails loudly instead of reporting a number that was not measured.
 */
import { spawn } from "node:child_process"
import { join } from "node:path"
import { REPO_ROOT } from "../../demo/settings"

export interface TargetRow {
  area: string
  metric: string
  value: string
  target: string
  met: boolean | null
}

async function runScript(script: string, echo: (line: string) => void): Promise<{ output: string; code: number | null }> {
  const child = spawn(join(REPO_ROOT, "node_modules", ".bin", "ts-node"), ["--swc", script], {
    cwd: REPO_ROOT,
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
  }
  child.stdout.on("data", collect)
  child.stderr.on("data", collect)
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject)
    child.once("exit", resolve)
  })
  for (const line of output.trimEnd().split("\n")) {
    echo(`  | ${line}`)
  }
  return { output, code }
}

function match(output: string, pattern: RegExp, what: string): RegExpExecArray {
  const found = pattern.exec(output)
  if (!found) {
    throw new Error(`could not find ${what} in the output (pattern ${pattern})`)
  }
  return found
}

const num = (text: string) => Number(text.replace(/,/g, ""))

/** tools/bench/client.ts: per-call wall time of our client, and its two ratio targets (wall time). */
export async function clientBench(echo: (line: string) => void): Promise<TargetRow[]> {
  const { output, code } = await runScript("tools/bench/client.ts", echo)
  if (code !== 0) {
    throw new Error(`tools/bench/client.ts exited with ${code}`)
  }
  const perCall = match(output, /^ours\s+https\s+([\d.]+)\s+[\d.]+\s+([\d.]+)/m, "the 'ours https' row")
  const ratio = (label: string) => {
    const escaped = label.replace(/[()/+]/g, (c) => `\\${c}`)
    const found = match(output, new RegExp(`^${escaped}\\s+([\\d.]+) \\| [\\d.]+\\s+([\\d.]+) \\|`, "m"), `the '${label}' ratios`)
    return [num(found[1]), num(found[2])]
  }
  const sdk = ratio("SDK (https) / ours (https)")
  const bareHttps = ratio("ours (https) / bare fetch + sign (https)")
  const bareHttp = ratio("ours (http) / bare fetch + sign (http)")
  const area = "client (bench:client)"
  return [
    { area, metric: "our client, https, ms/call (Get Charge | Capture Charge)", value: `${perCall[1]} | ${perCall[2]}`, target: "", met: null },
    { area, metric: "official SDK / ours, wall (get | capture)", value: sdk.map((r) => r.toFixed(2)).join(" | "), target: ">= 3", met: sdk.every((r) => r >= 3) },
    { area, metric: "ours / bare fetch+sign, https, wall", value: bareHttps.map((r) => r.toFixed(2)).join(" | "), target: "<= 1.3", met: bareHttps.every((r) => r <= 1.3) },
    { area, metric: "ours / bare fetch+sign, http, wall", value: bareHttp.map((r) => r.toFixed(2)).join(" | "), target: "<= 1.3", met: bareHttp.every((r) => r <= 1.3) },
  ]
}

/** tools/bench/ipn.ts: verification throughput and the local share of handling; its own PASS/FAIL lines. */
export async function ipnBench(echo: (line: string) => void): Promise<TargetRow[]> {
  const { output, code } = await runScript("tools/bench/ipn.ts", echo)
  const rate = (label: string) => match(output, new RegExp(`${label}\\s+([\\d,]+)/s\\s+ratio to bare ([\\d.]+)`), label)
  const v2 = rate("SnsVerifier.verify, SignatureVersion 2")
  const v1 = rate("SnsVerifier.verify, SignatureVersion 1")
  const share = match(output, /outside the Amazon GETs: ([\d.]+)%/, "the local share")
  const verdict = (name: string) => match(output, new RegExp(`(PASS|FAIL) ${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`), name)[1] === "PASS"
  // bench:ipn exits 1 when one of its targets is missed; that is a MISS here, not a crash.
  if (code !== 0 && code !== 1) {
    throw new Error(`tools/bench/ipn.ts exited with ${code}`)
  }
  const area = "IPN (bench:ipn)"
  return [
    { area, metric: "SNS verify v2, envelopes/s (ratio to bare verify)", value: `${v2[1]}/s (${v2[2]})`, target: ">= 20,000/s, >= 0.33", met: verdict("v2 >= 20,000/s") && verdict("v2 within 3x of bare") },
    { area, metric: "SNS verify v1, envelopes/s (ratio to bare verify)", value: `${v1[1]}/s (${v1[2]})`, target: ">= 20,000/s, >= 0.33", met: verdict("v1 >= 20,000/s") && verdict("v1 within 3x of bare") },
    { area, metric: "certificate downloads (warm cache)", value: verdict("one certificate download") ? "1" : "more than 1", target: "1", met: verdict("one certificate download") },
    { area, metric: "IPN handling time outside the Amazon GETs", value: `${share[1]}%`, target: "<= 25%", met: verdict("local share <= 25%") },
  ]
}

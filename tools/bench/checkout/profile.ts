/**
 * Where a cart completion's time goes inside Medusa: V8's sampling profiler runs in the server
 * (cpu-profiler.js) and only the samples taken inside the timed completion windows are kept. V8 stamps samples with CLOCK_MONOTONIC microseconds, the clock
 * `process.hrtime` reads here, so the windows measured by the bench select them exactly.
 *
 * Each sample's self time (the gap to the next sample) goes to the bucket of its leaf frame's
 * script: our plugin (src/providers, src/lib), the rest of the repo's src, Medusa core
 * (@medusajs/*), ORM and PostgreSQL driver, other dependencies, Node internals, V8 builtins, GC,
 * and idle (the event loop waiting on PostgreSQL or Amazon: wall time that is not CPU).
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { REPO_ROOT } from "../../demo/settings"
import type { Window } from "./stats"

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

export const BUCKETS = [
  "plugin: provider + Amazon client (src/providers, src/lib)",
  "plugin: other src (api, subscribers, jobs)",
  "Medusa core (@medusajs/*)",
  "ORM + PostgreSQL driver (@mikro-orm, knex, pg)",
  "other dependencies",
  "Node internals (node:*)",
  "V8 builtins / native (no script)",
  "garbage collector",
  "idle (waiting on I/O)",
] as const
export type Bucket = (typeof BUCKETS)[number]

const ORM = /node_modules\/(@mikro-orm|knex|pg|pg-[a-z-]+|postgres-[a-z-]+)\//

export function bucketOf(frame: ProfileNode["callFrame"]): Bucket {
  const { functionName, url } = frame
  if (functionName === "(garbage collector)") return "garbage collector"
  if (functionName === "(idle)") return "idle (waiting on I/O)"
  if (!url) return "V8 builtins / native (no script)"
  if (url.startsWith("node:")) return "Node internals (node:*)"
  const path = url.replace(/^file:\/\//, "")
  if (path.includes("/node_modules/")) {
    if (path.includes("/node_modules/@medusajs/")) return "Medusa core (@medusajs/*)"
    return ORM.test(path) ? "ORM + PostgreSQL driver (@mikro-orm, knex, pg)" : "other dependencies"
  }
  if (path.startsWith(join(REPO_ROOT, "src/providers/")) || path.startsWith(join(REPO_ROOT, "src/lib/"))) {
    return "plugin: provider + Amazon client (src/providers, src/lib)"
  }
  return path.startsWith(join(REPO_ROOT, "src/")) ? "plugin: other src (api, subscribers, jobs)" : "other dependencies"
}

export interface WindowProfile {
  completions: number
  /** Self time per bucket, ms per completion. */
  perCompletionMs: Record<Bucket, number>
  /** ms per completion with one of our provider/client frames anywhere on the stack (inclusive). */
  pluginInclusiveMs: number
  /** Heaviest leaf functions by self time (ms per completion), idle excluded. */
  top: Array<{ name: string; where: string; bucket: Bucket; ms: number }>
}

/** Reads a profile and checks that it covers the timed windows (else the samples would be missing). */
export function loadProfile(path: string, windows: Window[]): CpuProfile {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile
  const first = Math.min(...windows.map((w) => w.startUs))
  const last = Math.max(...windows.map((w) => w.endUs))
  if (profile.startTime > first || profile.endTime < last) {
    throw new Error(`${path} does not cover the timed windows: is the profile clock not CLOCK_MONOTONIC here?`)
  }
  return profile
}

export function profileWindows(profile: CpuProfile, windows: Window[]): WindowProfile {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id)
  }
  const pluginCache = new Map<number, boolean>()
  const pluginOnStack = (id: number): boolean => {
    const cached = pluginCache.get(id)
    if (cached !== undefined) return cached
    const node = byId.get(id)!
    const up = parent.get(id)
    const result = bucketOf(node.callFrame).startsWith("plugin: provider") || (up !== undefined && pluginOnStack(up))
    pluginCache.set(id, result)
    return result
  }
  const sorted = [...windows].sort((a, b) => a.startUs - b.startUs)
  const selfUs = new Map<number, number>()
  let t = profile.startTime
  let w = 0
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]
    const duration = Math.max(0, profile.timeDeltas[i + 1] ?? 0)
    while (w < sorted.length && sorted[w].endUs < t) w++
    if (w < sorted.length && sorted[w].startUs <= t) {
      selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + duration)
    }
  }
  const n = windows.length
  const perCompletionMs = Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<Bucket, number>
  let pluginInclusiveUs = 0
  const functions = new Map<string, { name: string; where: string; bucket: Bucket; us: number }>()
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame
    const bucket = bucketOf(frame)
    perCompletionMs[bucket] += us / 1000 / n
    if (pluginOnStack(id)) pluginInclusiveUs += us
    if (bucket === "idle (waiting on I/O)") continue
    const where = frame.url ? `${frame.url.replace(/^file:\/\//, "").replace(`${REPO_ROOT}/`, "")}:${frame.lineNumber + 1}` : ""
    const key = `${frame.functionName}@${where}`
    const entry = functions.get(key) ?? { name: frame.functionName || "(anonymous)", where, bucket, us: 0 }
    entry.us += us
    functions.set(key, entry)
  }
  const top = [...functions.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, 10)
    .map(({ name, where, bucket, us }) => ({ name, where, bucket, ms: us / 1000 / n }))
  return { completions: n, perCompletionMs, pluginInclusiveMs: pluginInclusiveUs / 1000 / n, top }
}

/**
 * Phase "profile": the same server, now with V8's sampling profiler on (cpu-profiler.js, preloaded
 * into Medusa and switched by SIGUSR2), runs alternating checkouts at zero latency; the profile is
 * cut down to the timed completion windows (profile.ts). The profiler slows the server a little,
 * so the completion times of this phase are not reported as benchmark figures.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs"
import { join } from "node:path"
import type { BootedStore } from "../../store/boot-store"
import { REPO_ROOT } from "../../demo/settings"
import { runCheckoutPhase } from "./checkout-phase"
import { loadProfile, profileWindows, type WindowProfile } from "./profile"

const PROFILE_DIR = join(REPO_ROOT, ".bench", "cpu-profile")
/** 250 µs between samples (V8's default is 1 ms): about 4 samples per ms of CPU. */
const SAMPLE_INTERVAL_US = 250

/** Environment for bootStore: preload the profiler switch into Medusa (idle until signalled). */
export function profilerEnv(): Record<string, string> {
  rmSync(PROFILE_DIR, { recursive: true, force: true })
  mkdirSync(PROFILE_DIR, { recursive: true })
  const inherited = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : ""
  return {
    NODE_OPTIONS: `${inherited}--require ${join(__dirname, "cpu-profiler.js")}`,
    BENCH_CPU_PROFILE_DIR: PROFILE_DIR,
    BENCH_CPU_PROFILE_INTERVAL_US: String(SAMPLE_INTERVAL_US),
  }
}

async function signalAndWait(file: string, what: string): Promise<void> {
  const pid = Number(readFileSync(join(PROFILE_DIR, "medusa.pid"), "utf8"))
  process.kill(pid, "SIGUSR2")
  const deadline = Date.now() + 30_000
  while (!existsSync(join(PROFILE_DIR, file))) {
    if (existsSync(join(PROFILE_DIR, "error"))) {
      throw new Error(`the profiler in Medusa failed to ${what}: ${readFileSync(join(PROFILE_DIR, "error"), "utf8")}`)
    }
    if (Date.now() > deadline) {
      throw new Error(`the profiler in Medusa (pid ${pid}) did not ${what} within 30 s`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export interface ProfileResult {
  amazon: WindowProfile
  system: WindowProfile
  /** Completion medians of this phase (slowed by the profiler; context only). */
  medianMs: { amazon: number; system: number }
  profilePath: string
}

export async function runProfilePhase(store: BootedStore, options: { carts: number; progress: (line: string) => void }): Promise<ProfileResult> {
  await signalAndWait("profiling", "start")
  let result
  try {
    result = await runCheckoutPhase(store, { carts: options.carts, warmup: 1, latencyMs: 0, progress: options.progress })
  } finally {
    await signalAndWait("medusa.cpuprofile", "write the profile")
  }
  const profilePath = join(PROFILE_DIR, "medusa.cpuprofile")
  const windows = (provider: "amazon" | "system") => result.checkouts.filter((c) => c.provider === provider).map((c) => c.window)
  const profile = loadProfile(profilePath, result.checkouts.map((c) => c.window))
  return {
    amazon: profileWindows(profile, windows("amazon")),
    system: profileWindows(profile, windows("system")),
    medianMs: { amazon: result.amazon.medianMs, system: result.system.medianMs },
    profilePath,
  }
}

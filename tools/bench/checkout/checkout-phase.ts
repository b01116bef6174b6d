/**
 * Phase "checkout": N Amazon Pay and N system-provider checkouts in one store, one run, alternating
 * (A S, then S A, ...), so that whatever else the 2-core machine does falls on both alike; the
 * Amazon Pay / system ratio of the completion medians is the figure that survives a noisy machine.
 * A few untimed checkouts of each kind first warm up JIT, connection pools and caches.
 */
import type { BootedStore } from "../../store/boot-store"
import { checkout, type CompletedCheckout, type ProviderKind } from "./carts"
import { summarize, type Summary } from "./stats"

export interface CheckoutPhaseResult {
  latencyMs: number
  amazon: Summary
  system: Summary
  /** median(Amazon Pay completion) / median(system completion). */
  ratio: number
  checkouts: CompletedCheckout[]
}

export async function runCheckoutPhase(
  store: BootedStore,
  options: { carts: number; warmup: number; latencyMs: number; progress: (line: string) => void }
): Promise<CheckoutPhaseResult> {
  store.sandbox.setLatency(options.latencyMs)
  for (let i = 0; i < options.warmup; i++) {
    await checkout(store, "amazon")
    await checkout(store, "system")
  }
  const checkouts: CompletedCheckout[] = []
  for (let i = 0; i < options.carts; i++) {
    const order: ProviderKind[] = i % 2 === 0 ? ["amazon", "system"] : ["system", "amazon"]
    for (const provider of order) {
      checkouts.push(await checkout(store, provider))
    }
    if ((i + 1) % 10 === 0 || i + 1 === options.carts) {
      options.progress(`  ${i + 1}/${options.carts} pairs completed`)
    }
  }
  const times = (provider: ProviderKind) => checkouts.filter((c) => c.provider === provider).map((c) => c.completionMs)
  const amazon = summarize(times("amazon"))
  const system = summarize(times("system"))
  return { latencyMs: options.latencyMs, amazon, system, ratio: amazon.medianMs / system.medianMs, checkouts }
}

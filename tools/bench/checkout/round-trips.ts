/**
 * Phase "round trips": which Amazon API operations one checkout, one capture and one refund cost,
 * counted on a quiet store (nothing else running) so that no other order's traffic is counted.
 *
 * Each step's synchronous calls are read right after its HTTP answer. Then the bench waits until
 * the sandbox has seen no request for QUIET_MS: the IPNs the step caused reach Medusa at once, and
 * Medusa hands them to the plugin's handler after `webhook_delay` (5 s by default), which reads the
 * object from Amazon. Those calls are counted apart ("after, from IPNs"): they are not on the
 * buyer's or the admin's path, but Amazon bills the merchant's API quota for them all the same.
 */
import type { RequestCounts } from "../../../src/sandbox"
import { totalRequests } from "../../../src/sandbox/request-counter"
import type { BootedStore } from "../../store/boot-store"
import { checkout } from "./carts"

/** Medusa's default webhook_delay (medusa-config.ts) plus margin for the handler's own calls. */
const QUIET_MS = 5_000 + 2_500

export interface StepCounts {
  step: string
  /** Calls made while the step's HTTP request was in flight. */
  during: RequestCounts
  /** Calls made after it answered, until the sandbox went quiet (IPN handling). */
  after: RequestCounts
}

async function untilQuiet(store: BootedStore): Promise<RequestCounts> {
  store.sandbox.clearRequestCounts()
  let seen = 0
  let quietSince = Date.now()
  while (Date.now() - quietSince < QUIET_MS) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    const now = totalRequests(store.sandbox.requestCounts())
    if (now !== seen) {
      seen = now
      quietSince = Date.now()
    }
  }
  return store.sandbox.requestCounts()
}

async function step(store: BootedStore, name: string, run: () => Promise<unknown>): Promise<StepCounts> {
  store.sandbox.clearRequestCounts()
  await run()
  const during = store.sandbox.requestCounts()
  return { step: name, during, after: await untilQuiet(store) }
}

export async function countRoundTrips(store: BootedStore, latencyMs: number): Promise<StepCounts[]> {
  store.sandbox.setLatency(latencyMs)
  await untilQuiet(store)
  const placed = await checkout(store, "amazon")
  const afterCompletion = await untilQuiet(store)
  const [payment] = await store.admin.payments(placed.orderId)
  const capture = await step(store, "capture (Admin API)", () => store.admin.capture(payment.id))
  const refund = await step(store, "refund (Admin API)", () => store.admin.refund(payment.id))
  return [
    { step: "checkout: before completion (payment sessions)", during: placed.before, after: {} },
    { step: "checkout: cart completion", during: placed.during, after: afterCompletion },
    capture,
    refund,
  ]
}

/** "getCheckoutSession, updateCheckoutSession" with a count where an operation ran more than once. */
export function describeCalls(counts: RequestCounts): string {
  const parts = Object.entries(counts).map(([operation, c]) => (c.requests > 1 ? `${operation} x${c.requests}` : operation))
  return parts.length > 0 ? parts.join(", ") : "none"
}

export { totalRequests }

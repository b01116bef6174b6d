/**
 * The campaign's fault mix: a `*` rule per kind on every Amazon operation, each hitting 4% of
 * requests, 20% in all. The injector tries its rules in order, each with its own probability, so
 * rule i gets p / (1 - (i - 1) p) to make every kind an equal share of all requests.
 * Hangs outlast the provider's per-request timeout (AMAZON_PAY_TIMEOUT_MS), so they are timeouts.
 */
import type { AmazonPaySandbox, FaultInput } from "../../src/sandbox"

export interface FaultMix {
  /** Share of all Amazon requests answered by a fault. */
  rate: number
  /** The provider's per-request timeout; a hang lasts a bit longer. */
  clientTimeoutMs: number
}

export function faultRules(mix: FaultMix): FaultInput[] {
  const kinds: Array<Omit<FaultInput, "probability" | "operation">> = [
    { kind: "status", status: 429, retryAfterSeconds: 0 },
    { kind: "status", status: 500 },
    { kind: "status", status: 503 },
    { kind: "hang", latencyMs: mix.clientTimeoutMs + 500 },
    { kind: "commitThenDrop" },
  ]
  const each = mix.rate / kinds.length
  return kinds.map((kind, i) => ({ ...kind, operation: "*", probability: each / (1 - i * each) }))
}

export function installFaults(sandbox: AmazonPaySandbox, mix: FaultMix): void {
  for (const rule of faultRules(mix)) {
    sandbox.addFault(rule)
  }
}

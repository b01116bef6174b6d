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

/**
 * Declines and pending states on top of the infrastructure faults, as Amazon's simulation codes: a
 * new charge for a later partial capture soft- or hard-declined, a refund declined (sandbox-only
 * code), a capture left CaptureInitiated. They are tried after the `*` rules, so they hit about 10%
 * each of the calls no other fault took.
 */
export const DECLINE_RULES: FaultInput[] = [
  { operation: "createCharge", kind: "simulate", simulationCode: "SoftDeclined", probability: 0.05 },
  { operation: "createCharge", kind: "simulate", simulationCode: "HardDeclined", probability: 0.05 },
  { operation: "createRefund", kind: "simulate", simulationCode: "RefundDeclined", probability: 0.1 },
  // Not a decline: the capture goes CaptureInitiated and settles Captured later (IPN or poll).
  { operation: "captureCharge", kind: "simulate", simulationCode: "CaptureInitiated", probability: 0.1 },
]

export function installFaults(sandbox: AmazonPaySandbox, mix: FaultMix): void {
  for (const rule of [...faultRules(mix), ...DECLINE_RULES]) {
    sandbox.addFault(rule)
  }
}

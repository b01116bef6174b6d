/** What every Amazon API operation handler receives besides its body. */
import type { Behaviour } from "../behaviour"
import type { SandboxStore } from "../store"

export interface OperationContext {
  store: SandboxStore
  /** The merchant account the calling public key belongs to: it owns what it creates and sees only that. */
  merchantId: string
  /** The validated `x-amz-pay-simulation-code`, or `null`. */
  simulationCode: string | null
  releaseEnvironment: "Sandbox" | "Live"
  /** The readings in force for this call (see behaviour.ts). */
  behaviour: Behaviour
}

export interface OperationResult {
  status: number
  body: unknown
}

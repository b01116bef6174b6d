/** What every Amazon API operation handler receives besides its body. */
import type { SandboxStore } from "../store"

export interface OperationContext {
  store: SandboxStore
  /** The validated `x-amz-pay-simulation-code`, or `null`. */
  simulationCode: string | null
  releaseEnvironment: "Sandbox" | "Live"
}

export interface OperationResult {
  status: number
  body: unknown
}

/**
 * Injected faults, per operation (SDK method names) or "*", for the next N calls or with a
 * probability. They reproduce what a client meets on the real network: throttling (429 with
 * Retry-After), 500/503 answers where nothing was applied, slow answers, answers that never come
 * (hang), and the worst one, an operation that was applied but whose answer was lost
 * (commitThenDrop): only an idempotent replay with the same key tells the caller what happened.
 */
import { z } from "zod"
import { API_ROUTES, OPERATION_ALIASES } from "./api-routes"

/** Simulation codes per operation (aliases resolved), for `simulate` faults. */
const simulationCodesOf = (operation: string | undefined): readonly string[] => {
  const name = operation ? (OPERATION_ALIASES[operation] ?? operation) : undefined
  return API_ROUTES.find((r) => r.operation === name)?.simulationCodes ?? []
}
import { badRequest } from "./api-error"

export const FAULT_KINDS = ["status", "latency", "hang", "commitThenDrop", "simulate"] as const

const operationNames = new Set([...API_ROUTES.map((r) => r.operation), ...Object.keys(OPERATION_ALIASES), "*"])

export const faultSchema = z
  .strictObject({
    operation: z.string().refine((name) => operationNames.has(name), "unknown operation").optional(),
    kind: z.enum(FAULT_KINDS),
    status: z.union([z.literal(429), z.literal(500), z.literal(503)]).optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    times: z.number().int().min(1).max(1_000_000).optional(),
    probability: z.number().min(0).max(1).optional(),
    /** kind "simulate": the request runs as if it carried this `x-amz-pay-simulation-code`. */
    simulationCode: z.string().optional(),
  })
  .refine((f) => f.kind !== "status" || f.status !== undefined, { message: "kind status needs status", path: ["status"] })
  .refine((f) => f.kind !== "simulate" || (f.simulationCode !== undefined && simulationCodesOf(f.operation).includes(f.simulationCode)), {
    message: "kind simulate needs an operation and one of its simulation codes",
    path: ["simulationCode"],
  })

export type FaultInput = z.infer<typeof faultSchema>

export interface FaultRule {
  id: number
  operation: string
  kind: (typeof FAULT_KINDS)[number]
  status?: 429 | 500 | 503
  retryAfterSeconds?: number
  latencyMs?: number
  simulationCode?: string
  /** Calls left; `null` = unlimited (probability rules without `times`). */
  remaining: number | null
  probability: number
  hits: number
}

/** How long a hung request is held before its socket is dropped, unless latencyMs says otherwise. */
export const DEFAULT_HANG_MS = 30_000

export class FaultInjector {
  private rules: FaultRule[] = []
  private nextId = 1

  constructor(private readonly random: () => number = Math.random) {}

  add(input: FaultInput): FaultRule {
    const operation = input.operation ? (OPERATION_ALIASES[input.operation] ?? input.operation) : "*"
    if (input.operation && !operationNames.has(input.operation)) {
      throw badRequest("InvalidParameterValue", `Unknown operation ${input.operation}`)
    }
    const rule: FaultRule = {
      id: this.nextId++,
      operation,
      kind: input.kind,
      status: input.status,
      retryAfterSeconds: input.retryAfterSeconds,
      latencyMs: input.latencyMs,
      simulationCode: input.simulationCode,
      // "for the next N calls" (default 1) unless a probability was given without a count.
      remaining: input.times ?? (input.probability === undefined ? 1 : null),
      probability: input.probability ?? 1,
      hits: 0,
    }
    this.rules.push(rule)
    return { ...rule }
  }

  /** The fault for this call, if any; consumes one use of the matching rule. */
  take(operation: string): FaultRule | null {
    for (const rule of this.rules) {
      if (rule.operation !== "*" && rule.operation !== operation) {
        continue
      }
      if (rule.probability < 1 && this.random() >= rule.probability) {
        continue
      }
      rule.hits++
      if (rule.remaining !== null) {
        rule.remaining--
        if (rule.remaining <= 0) {
          this.rules = this.rules.filter((r) => r !== rule)
        }
      }
      return { ...rule }
    }
    return null
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }))
  }

  clear(): void {
    this.rules = []
  }
}

export function faultErrorBody(status: number): { reasonCode: string; message: string } {
  if (status === 429) {
    return { reasonCode: "TooManyRequests", message: "The request was throttled (sandbox fault)" }
  }
  if (status === 503) {
    return { reasonCode: "ServiceUnavailable", message: "The service is temporarily unavailable (sandbox fault)" }
  }
  return { reasonCode: "InternalServerError", message: "An internal error occurred (sandbox fault)" }
}

/**
 * How many Amazon API requests the sandbox received, per operation (SDK method names), and what
 * each got: applied (the operation ran or was replayed) or an injected fault. Benchmarks count the
 * round trips one checkout costs with it; fault campaigns report what they injected.
 */
import type { FaultRule } from "./faults"

export interface OperationCount {
  /** Requests to the operation that passed authentication and validation of their headers, whatever their answer. */
  requests: number
  /** Requests answered by an injected fault, by kind ("status:429", "status:500", "hang", "simulate:HardDeclined", ...). */
  faults: Record<string, number>
}

export type RequestCounts = Record<string, OperationCount>

export class RequestCounter {
  private counts = new Map<string, OperationCount>()

  record(operation: string, fault: FaultRule | null): void {
    let count = this.counts.get(operation)
    if (!count) {
      count = { requests: 0, faults: {} }
      this.counts.set(operation, count)
    }
    count.requests++
    if (fault && fault.kind !== "latency") {
      const kind = fault.kind === "status" ? `status:${fault.status ?? 500}` : fault.kind
      count.faults[kind] = (count.faults[kind] ?? 0) + 1
    }
  }

  /** A `simulate` fault that took effect on an already counted request (not on an idempotent replay). */
  recordSimulation(operation: string, simulationCode: string): void {
    const count = this.counts.get(operation)
    if (count) {
      const kind = `simulate:${simulationCode}`
      count.faults[kind] = (count.faults[kind] ?? 0) + 1
    }
  }

  /** A copy, operations sorted by name. */
  snapshot(): RequestCounts {
    const names = [...this.counts.keys()].sort()
    return Object.fromEntries(names.map((name) => [name, { ...this.counts.get(name)!, faults: { ...this.counts.get(name)!.faults } }]))
  }

  clear(): void {
    this.counts.clear()
  }
}

/** Sum of `requests` over every operation of a snapshot. */
export function totalRequests(counts: RequestCounts): number {
  return Object.values(counts).reduce((sum, count) => sum + count.requests, 0)
}

/**
 * The sandbox clock (real time + an offset that `advance()` moves forward) and a scheduler of due
 * transitions on that clock. Amazon's time-based transitions (24 h Checkout Session expiry, 30-day
 * ExpiredUnused authorizations, 180-day Charge Permission expiry, pending states settling) are all
 * scheduled here, so advancing the clock applies every transition that became due, in time order.
 */
import { formatAmzDate } from "../lib/amazon-pay/signer"

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

interface Task {
  dueAt: number
  seq: number
  run: () => void
}

export class SandboxClock {
  private offsetMs = 0
  private tasks: Task[] = []
  private seq = 0

  nowMs(): number {
    return Date.now() + this.offsetMs
  }

  now(): Date {
    return new Date(this.nowMs())
  }

  /** `20191015T204313Z`, Amazon's timestamp format. */
  timestamp(ms: number = this.nowMs()): string {
    return formatAmzDate(new Date(ms))
  }

  /** Moves the clock forward (never back) and runs every task that became due. */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError("The sandbox clock only moves forward")
    }
    this.offsetMs += ms
    this.runDue()
    return this.now()
  }

  /** Runs `run` once the sandbox clock reaches `dueAt`. Tasks re-check their object's state. */
  schedule(dueAt: number, run: () => void): void {
    const task = { dueAt, seq: this.seq++, run }
    let index = this.tasks.length
    while (index > 0 && this.tasks[index - 1].dueAt > dueAt) {
      index--
    }
    this.tasks.splice(index, 0, task)
  }

  /** Runs due tasks in due-time order; tasks scheduled while running run too if already due. */
  runDue(): void {
    const now = this.nowMs()
    while (this.tasks.length > 0 && this.tasks[0].dueAt <= now) {
      const task = this.tasks.shift() as Task
      try {
        task.run()
      } catch (error) {
        console.error("[amazon-pay-sandbox] scheduled transition failed:", (error as Error).message)
      }
    }
  }

  pendingTasks(): number {
    return this.tasks.length
  }

  reset(): void {
    this.offsetMs = 0
    this.tasks = []
  }
}

/** Everything one running sandbox holds, shared by the API, buyer and control handlers. */
import type { Socket } from "node:net"
import { PublicKeyRegistry } from "./auth"
import { SandboxClock } from "./clock"
import { FaultInjector } from "./faults"
import { IdempotencyStore } from "./idempotency"
import { IpnDispatcher } from "./ipn/dispatcher"
import { IPN_CERT_PATH } from "./ipn/routes"
import { RequestCounter } from "./request-counter"
import { SandboxStore } from "./store"

export interface SandboxCoreOptions {
  publicKeys?: Record<string, string>
  merchantId?: string
  ipnUrl?: string
  latencyMs?: number
  pendingDelayMs?: number
}

export const DEFAULT_PENDING_DELAY_MS = 2_000

export class SandboxCore {
  readonly clock = new SandboxClock()
  readonly keys: PublicKeyRegistry
  readonly idempotency = new IdempotencyStore()
  readonly faults = new FaultInjector()
  readonly requests = new RequestCounter()
  readonly store: SandboxStore
  readonly ipn: IpnDispatcher
  readonly merchantId: string
  latencyMs: number
  baseUrl = "http://127.0.0.1"
  /** Sockets of hung requests, destroyed on close. */
  readonly heldSockets = new Set<Socket>()
  readonly timers = new Set<NodeJS.Timeout>()

  constructor(options: SandboxCoreOptions) {
    this.keys = new PublicKeyRegistry(options.publicKeys)
    this.merchantId = options.merchantId ?? "SANDBOX-MERCHANT"
    this.latencyMs = options.latencyMs ?? 0
    this.ipn = new IpnDispatcher({
      merchantId: this.merchantId,
      url: options.ipnUrl,
      certificateUrl: () => `${this.baseUrl}${IPN_CERT_PATH}`,
      now: () => this.clock.now(),
    })
    this.store = new SandboxStore(
      this.clock,
      { pendingDelayMs: options.pendingDelayMs ?? DEFAULT_PENDING_DELAY_MS, baseUrl: () => this.baseUrl },
      this.ipn
    )
  }

  /** Runs a callback after `ms` real milliseconds; the timer is cancelled on close. */
  later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      run()
    }, ms)
    this.timers.add(timer)
  }

  reset(): void {
    this.store.reset()
    this.clock.reset()
    this.idempotency.clear()
    this.faults.clear()
    this.requests.clear()
    this.ipn.reset()
  }

  shutdown(): void {
    for (const timer of this.timers) {
      clearTimeout(timer)
    }
    this.timers.clear()
    for (const socket of this.heldSockets) {
      socket.destroy()
    }
    this.heldSockets.clear()
    this.ipn.close()
  }
}

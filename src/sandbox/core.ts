/** Everything one running sandbox holds, shared by the API, buyer and control handlers. */
import type { Socket } from "node:net"
import type { SnsSignatureVersion } from "../lib/amazon-pay/sns"
import { PublicKeyRegistry } from "./auth"
import { BehaviourSettings, type BehaviourInput } from "./behaviour"
import { SandboxClock } from "./clock"
import { FaultInjector } from "./faults"
import { IdempotencyStore } from "./idempotency-store"
import { IpnDispatcher } from "./ipn/dispatcher"
import { IPN_CERT_PATH } from "./ipn/ipn-routes"
import { RequestCounter } from "./request-counter"
import { DEFAULT_CARRIER_CODES } from "./resources/carrier-codes"
import { SandboxStore } from "./store"

export interface SandboxCoreOptions extends BehaviourInput {
  publicKeys?: Record<string, string>
  /** The merchant account of each public key id (default: `merchantId`); keys of one merchant share objects and idempotency keys. */
  publicKeyMerchants?: Record<string, string>
  merchantId?: string
  ipnUrl?: string
  /** SNS SignatureVersion of IPN envelopes. @default "1" (what SNS uses unless a topic asks for 2) */
  ipnSignatureVersion?: SnsSignatureVersion
  latencyMs?: number
  pendingDelayMs?: number
  /** Carrier codes Create Delivery Tracker accepts besides the built-in list (resources/carrier-codes.ts). */
  carrierCodes?: readonly string[]
}

export const DEFAULT_PENDING_DELAY_MS = 2_000

export class SandboxCore {
  readonly clock = new SandboxClock()
  readonly keys: PublicKeyRegistry
  readonly behaviour: BehaviourSettings
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
    this.merchantId = options.merchantId ?? "SANDBOX-MERCHANT"
    this.keys = new PublicKeyRegistry(options.publicKeys, this.merchantId, options.publicKeyMerchants)
    this.behaviour = new BehaviourSettings({
      chargeDeclineStyle: options.chargeDeclineStyle,
      updateAfterRedirect: options.updateAfterRedirect,
      pendingWithCapture: options.pendingWithCapture,
    })
    this.latencyMs = options.latencyMs ?? 0
    this.ipn = new IpnDispatcher({
      merchantId: this.merchantId,
      url: options.ipnUrl,
      signatureVersion: options.ipnSignatureVersion,
      certificateUrl: () => `${this.baseUrl}${IPN_CERT_PATH}`,
      now: () => this.clock.now(),
    })
    this.store = new SandboxStore(
      this.clock,
      {
        pendingDelayMs: options.pendingDelayMs ?? DEFAULT_PENDING_DELAY_MS,
        baseUrl: () => this.baseUrl,
        carrierCodes: new Set([...DEFAULT_CARRIER_CODES, ...(options.carrierCodes ?? [])]),
      },
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
    this.behaviour.reset()
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

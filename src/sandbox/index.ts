/**
 * A local, stateful Amazon Pay Checkout v2 server for tests and demos (no machine here can reach
 * Amazon). `startAmazonPaySandbox()` serves Amazon's API on `/v2/...` and `/{sandbox|live}/v2/...`,
 * verifies request signatures, keeps idempotency, runs the state machines on a clock tests can
 * advance, sends IPNs, and exposes control endpoints under `/sandbox/` (see control.ts).
 */
import type { AddressInfo } from "node:net"
import type { Behaviour, BehaviourInput } from "./behaviour"
import { approveCheckout, cancelCheckout, createSessionFromButton, type ApproveInput, type BuyerResult } from "./buyer"
import { deliveryTrackers, type DeliveryTrackerEntry } from "./control-objects"
import { SandboxCore, type SandboxCoreOptions } from "./core"
import type { FaultInput, FaultRule } from "./faults"
import { faultSchema } from "./faults"
import type { IpnDispatcher } from "./ipn/dispatcher"
import { buildLedger, type Ledger } from "./ledger"
import type { RequestCounts } from "./request-counter"
import { openChargeback, resolveChargeback } from "./resources/disputes"
import { createSandboxServer, type TlsOptions } from "./server"
import { validate } from "./validation"
import type { DisputeView } from "./views"

export { generateSandboxCredentials, type SandboxCredentials } from "./credentials"
export type { Ledger, LedgerChargePermission, LedgerCurrencyTotals, LedgerTotals } from "./ledger"
export type { Behaviour, BehaviourInput } from "./behaviour"
export type { DeliveryTrackerEntry } from "./control-objects"
export type { DisputeView } from "./views"
export { DEFAULT_CARRIER_CODES } from "./resources/carrier-codes"
export type { FaultInput, FaultRule } from "./faults"
export { totalRequests, type OperationCount, type RequestCounts } from "./request-counter"
export type { ApproveInput, BuyerResult } from "./buyer"
export { BUYER_OUTCOMES, type BuyerOutcome } from "./records"

export interface AmazonPaySandboxOptions extends SandboxCoreOptions {
  /** 0/undefined = a free port; the host is always 127.0.0.1. */
  port?: number
  /** Serve HTTPS (the official SDK only speaks https). */
  tls?: TlsOptions
  /** How often due pending transitions are applied in real time. @default 25 */
  tickMs?: number
}

export interface AmazonPaySandbox {
  /** e.g. `http://127.0.0.1:4010` (https with `tls`). */
  readonly url: string
  readonly port: number
  /** `127.0.0.1:PORT`, what the official SDK takes as `overrideServiceUrl`. */
  readonly host: string
  close(): Promise<void>
  /** Forgets every object, idempotency key, fault, IPN setting/log, changed setting and the clock offset. */
  reset(): void
  /** Moves the sandbox clock forward and applies every transition that became due. */
  advanceClock(ms: number): Date
  now(): Date
  /** Applies due transitions now (the server also does this on every request and every tick). */
  tick(): void
  ledger(): Ledger
  /** Amazon API requests received per operation since start, `reset()` or `clearRequestCounts()`. */
  requestCounts(): RequestCounts
  clearRequestCounts(): void
  /** `merchantId`: the merchant account the key belongs to (default: the sandbox's `merchantId`). */
  registerPublicKey(publicKeyId: string, publicKeyPem: string, merchantId?: string): void
  addFault(fault: FaultInput): FaultRule
  faults(): FaultRule[]
  clearFaults(): void
  setLatency(ms: number): void
  /** Changes how long …Initiated states take to settle, for objects created from now on. */
  setPendingDelay(ms: number): void
  /** Button payload -> Checkout Session (what `POST /sandbox/buyer/checkoutSessions` does). */
  createCheckoutSessionFromButton(input: { payloadJSON: string; signature: string; publicKeyId: string; algorithm?: string }): {
    checkoutSessionId: string
    buyerPageUrl: string
  }
  /** The buyer's choice on Amazon's page (what `POST /sandbox/buyer/checkoutSessions/{id}/approve` does). */
  approveCheckoutSession(checkoutSessionId: string, input?: ApproveInput): BuyerResult
  cancelCheckoutSession(checkoutSessionId: string): { checkoutSessionId: string; redirectUrl: string }
  /** The buyer's bank files a chargeback on a Captured charge: a Dispute in ActionRequired and a CHARGEBACK IPN (`POST /sandbox/chargebacks`). */
  openChargeback(input: { chargeId: string; amount?: string; filingReason?: string }): DisputeView
  /** Amazon / the bank decides the dispute (`POST /sandbox/chargebacks/{id}/resolve`); another CHARGEBACK IPN. */
  resolveChargeback(disputeId: string, resolution: "BuyerWon" | "MerchantWon"): DisputeView
  /** Every tracking number reported with Create Delivery Tracker (`GET /sandbox/delivery-trackers`). */
  deliveryTrackers(): DeliveryTrackerEntry[]
  /** The readings in force (behaviour.ts; `GET /sandbox/settings`). */
  settings(): Behaviour
  /** Changes readings for calls from now on (`POST /sandbox/settings`); `reset()` restores the start options. */
  configure(change: BehaviourInput): Behaviour
  /** The IPN sender (configure, deliveries, drain). */
  readonly ipn: IpnDispatcher
}

export async function startAmazonPaySandbox(options: AmazonPaySandboxOptions = {}): Promise<AmazonPaySandbox> {
  const core = new SandboxCore(options)
  const server = createSandboxServer(core, options.tls)
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const host = `127.0.0.1:${port}`
  const url = `${options.tls ? "https" : "http"}://${host}`
  core.baseUrl = url
  const ticker = setInterval(() => core.clock.runDue(), options.tickMs ?? 25)
  ticker.unref()
  let closed: Promise<void> | null = null

  return {
    url,
    port,
    host,
    ipn: core.ipn,
    close() {
      closed ??= new Promise<void>((resolve) => {
        clearInterval(ticker)
        core.shutdown()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closed
    },
    reset: () => core.reset(),
    advanceClock: (ms) => core.clock.advance(ms),
    now: () => core.clock.now(),
    tick: () => core.clock.runDue(),
    ledger: () => buildLedger(core.store),
    requestCounts: () => core.requests.snapshot(),
    clearRequestCounts: () => core.requests.clear(),
    registerPublicKey: (id, pem, merchantId) => core.keys.register(id, pem, merchantId),
    addFault: (fault) => core.faults.add(validate(faultSchema, fault)),
    faults: () => core.faults.list(),
    clearFaults: () => core.faults.clear(),
    setLatency: (ms) => {
      core.latencyMs = Math.max(0, ms)
    },
    setPendingDelay: (ms) => {
      core.store.settings.pendingDelayMs = Math.max(0, ms)
    },
    createCheckoutSessionFromButton: (input) => createSessionFromButton(core, input),
    approveCheckoutSession: (id, input = {}) => approveCheckout(core, id, input),
    cancelCheckoutSession: (id) => cancelCheckout(core, id),
    openChargeback: (input) => openChargeback(core.store, input),
    resolveChargeback: (id, resolution) => resolveChargeback(core.store, id, { resolution }),
    deliveryTrackers: () => deliveryTrackers(core),
    settings: () => core.behaviour.get(),
    configure: (change) => core.behaviour.configure(change),
  }
}

/**
 * The sandbox's IPN sender: what Amazon Pay + Amazon SNS do after a state change. `notify()` only
 * enqueues; one delivery is in flight at a time (so the order the store sees is the queue's order,
 * which makes `reorder` observable); failed attempts are redelivered with exponential backoff up to
 * `maxAttempts`, as SNS does. Every timer is unref'd and every failure is caught and logged, so IPN
 * delivery can neither keep the sandbox's process alive nor crash it.
 */
import { randomUUID } from "node:crypto"
import type { SnsEnvelope } from "../../lib/amazon-pay/types"
import type { SnsSignatureVersion } from "../../lib/amazon-pay/sns"
import {
  DEFAULT_IPN_CONFIG,
  REORDER_WINDOW_MS,
  redeliveryDelayMs,
  type IpnConfigureInput,
  type IpnDeliveryConfig,
  type IpnForgery,
} from "./ipn-config"
import { buildIpnEnvelope, buildIpnMessage, defaultTopicArn, type IpnNotifyInput } from "./ipn-envelope"
import { postEnvelope } from "./ipn-post"
import { SANDBOX_SNS_CERTIFICATE_PEM } from "./sandbox-sns-credentials"
import { shuffleChanged } from "./shuffle"

export interface IpnDispatcherOptions {
  merchantId: string
  /** Where IPNs go; can be changed later with `configure({ url })`. */
  url?: string
  /** The `SigningCertURL` to put in envelopes, e.g. `${sandbox.url}/sandbox/ipn/cert.pem`. */
  certificateUrl: () => string
  /** Clock for envelope Timestamps and the delivery log (the sandbox's clock). Timers use real time. */
  now?: () => Date
  topicArn?: string
  signatureVersion?: SnsSignatureVersion
  /** Randomness for `duplicate` and `reorder` (tests may pin it). */
  random?: () => number
}

/** One line of the delivery log: one HTTP attempt. */
export interface IpnDelivery {
  id: number
  messageId: string
  notificationId: string
  objectType: string
  objectId: string
  chargePermissionId: string
  attempt: number
  url: string
  ok: boolean
  status: number | null
  error: string | null
  forged: IpnForgery | null
  duplicate: boolean
  at: string
}

export interface IpnNotice {
  messageId: string
  notificationId: string
}

interface Job {
  envelope: SnsEnvelope
  input: IpnNotifyInput
  notificationId: string
  forged: IpnForgery | null
  duplicate: boolean
  attempt: number
  dueAt: number
}

const MAX_LOG_ENTRIES = 1_000
const DEFAULT_DRAIN_TIMEOUT_MS = 30_000

const unref = (timer: NodeJS.Timeout): NodeJS.Timeout => (timer.unref(), timer)

export class IpnDispatcher {
  readonly certificatePem: string = SANDBOX_SNS_CERTIFICATE_PEM
  private readonly options: IpnDispatcherOptions
  private readonly now: () => Date
  private readonly random: () => number
  private readonly topicArn: string
  private readonly subscriptionArn: string
  private config!: IpnDeliveryConfig
  private queue: Job[] = []
  private held: Job[] = []
  private inFlight: AbortController | null = null
  private timer: NodeJS.Timeout | null = null
  private holdTimer: NodeJS.Timeout | null = null
  private log: IpnDelivery[] = []
  private nextLogId = 1
  private idleWaiters: Array<() => void> = []
  private closed = false

  constructor(options: IpnDispatcherOptions) {
    this.options = options
    this.now = options.now ?? (() => new Date())
    this.random = options.random ?? Math.random
    this.topicArn = options.topicArn ?? defaultTopicArn(options.merchantId)
    this.subscriptionArn = `${this.topicArn}:${randomUUID()}`
    this.reset()
  }

  /** Current settings (a copy). */
  settings(): IpnDeliveryConfig {
    return { ...this.config }
  }

  /** Queues the IPN for a state change; returns its ids, or `null` when delivery is off or has no URL. */
  notify(input: IpnNotifyInput): IpnNotice | null {
    const config = this.config
    if (this.closed || !config.enabled || !config.url) {
      return null
    }
    const notificationId = randomUUID()
    const envelope = buildIpnEnvelope({
      message: buildIpnMessage(this.options.merchantId, input, notificationId),
      topicArn: this.topicArn,
      subscriptionId: this.subscriptionArn.slice(this.topicArn.length + 1),
      certificateUrl: this.options.certificateUrl(),
      timestamp: this.now(),
      signatureVersion: config.signatureVersion,
      forge: config.forge,
    })
    const job: Job = { envelope, input, notificationId, forged: config.forge, duplicate: false, attempt: 1, dueAt: 0 }
    const jobs = this.random() < config.duplicate ? [job, { ...job, duplicate: true }] : [job]
    if (config.reorder) {
      this.held.push(...jobs)
      this.holdTimer ??= unref(setTimeout(() => this.releaseHeld(), Math.max(config.delayMs, REORDER_WINDOW_MS)))
    } else {
      const dueAt = Date.now() + config.delayMs
      jobs.forEach((j) => this.enqueue({ ...j, dueAt }))
    }
    return { messageId: envelope.MessageId, notificationId }
  }

  /** Changes delivery settings; takes effect for notifications created from now on. */
  configure(change: IpnConfigureInput): IpnDeliveryConfig {
    this.config = { ...this.config, ...(change as Partial<IpnDeliveryConfig>) }
    if (change.enabled === false) {
      this.dropPending()
    } else if (change.reorder === false) {
      this.releaseHeld()
    }
    return this.settings()
  }

  /** The delivery log (every attempt), oldest first. */
  deliveries(): IpnDelivery[] {
    return this.log.map((entry) => ({ ...entry }))
  }

  /** Resolves once nothing is held, queued or in flight; rejects after `timeoutMs`. */
  drain(timeoutMs = DEFAULT_DRAIN_TIMEOUT_MS): Promise<void> {
    if (this.isIdle()) {
      return Promise.resolve()
    }
    return new Promise<void>((resolve, reject) => {
      // Deliberately not unref'd: whoever awaits drain() wants the process to stay up until then.
      const deadline = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== done)
        reject(new Error(`IPN deliveries still pending after ${timeoutMs} ms (${this.pendingCount()} pending)`))
      }, timeoutMs)
      const done = () => {
        clearTimeout(deadline)
        resolve()
      }
      this.idleWaiters.push(done)
    })
  }

  /** Forgets queue, log and settings (back to the constructor's). */
  reset(): void {
    this.dropPending()
    this.log = []
    this.nextLogId = 1
    this.config = { ...DEFAULT_IPN_CONFIG, url: this.options.url ?? null }
    if (this.options.signatureVersion) {
      this.config.signatureVersion = this.options.signatureVersion
    }
  }

  /** Stops for good: pending deliveries are dropped and `notify` does nothing. */
  close(): void {
    this.closed = true
    this.dropPending()
  }

  private dropPending(): void {
    this.queue = []
    this.held = []
    this.inFlight?.abort()
    this.inFlight = null
    for (const timer of [this.timer, this.holdTimer]) {
      if (timer) {
        clearTimeout(timer)
      }
    }
    this.timer = this.holdTimer = null
    this.settleIfIdle()
  }

  private releaseHeld(): void {
    if (this.holdTimer) {
      clearTimeout(this.holdTimer)
      this.holdTimer = null
    }
    const batch = shuffleChanged(this.held, this.random)
    this.held = []
    const dueAt = Date.now()
    batch.forEach((job) => this.enqueue({ ...job, dueAt }))
    this.settleIfIdle()
  }

  private enqueue(job: Job): void {
    // Keep the queue ordered by due time; equal times keep arrival order.
    let index = this.queue.length
    while (index > 0 && this.queue[index - 1].dueAt > job.dueAt) {
      index--
    }
    this.queue.splice(index, 0, job)
    this.schedule()
  }

  private schedule(): void {
    if (this.inFlight || this.closed) {
      return
    }
    if (this.timer) {
      clearTimeout(this.timer)
      this.timer = null
    }
    const next = this.queue[0]
    if (next) {
      this.timer = unref(setTimeout(() => this.sendNext(), Math.max(0, next.dueAt - Date.now())))
    }
  }

  private sendNext(): void {
    this.timer = null
    const job = this.queue.shift()
    const url = this.config.url
    if (!job || !url) {
      this.queue = []
      this.settleIfIdle()
      return
    }
    const controller = new AbortController()
    this.inFlight = controller
    void postEnvelope(url, job.envelope, this.subscriptionArn, this.config.requestTimeoutMs, controller.signal)
      .then((outcome) => {
        if (this.inFlight !== controller) {
          return // reset() or close() happened meanwhile: forget this attempt.
        }
        this.record(job, url, outcome)
        if (!outcome.ok && job.attempt < this.config.maxAttempts) {
          const dueAt = Date.now() + redeliveryDelayMs(this.config, job.attempt)
          this.queue.push({ ...job, attempt: job.attempt + 1, dueAt })
          this.queue.sort((a, b) => a.dueAt - b.dueAt)
        }
      })
      .catch(() => undefined)
      .finally(() => {
        if (this.inFlight === controller) {
          this.inFlight = null
          this.schedule()
          this.settleIfIdle()
        }
      })
  }

  private record(job: Job, url: string, outcome: { ok: boolean; status: number | null; error: string | null }): void {
    this.log.push({
      id: this.nextLogId++,
      messageId: job.envelope.MessageId,
      notificationId: job.notificationId,
      objectType: job.input.objectType,
      objectId: job.input.objectId,
      chargePermissionId: job.input.chargePermissionId,
      attempt: job.attempt,
      url,
      ...outcome,
      forged: job.forged,
      duplicate: job.duplicate,
      at: this.now().toISOString(),
    })
    if (this.log.length > MAX_LOG_ENTRIES) {
      this.log.splice(0, this.log.length - MAX_LOG_ENTRIES)
    }
  }

  private pendingCount(): number {
    return this.queue.length + this.held.length + (this.inFlight ? 1 : 0)
  }

  private isIdle(): boolean {
    return this.pendingCount() === 0
  }

  private settleIfIdle(): void {
    if (this.isIdle() && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters
      this.idleWaiters = []
      waiters.forEach((resolve) => resolve())
    }
  }
}

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
  describeIssues,
  ipnConfigureSchema,
  redeliveryDelayMs,
  IPN_FORGERIES,
  type IpnConfigureInput,
  type IpnDeliveryConfig,
  type IpnForgery,
} from "./ipn-config"
import { buildIpnEnvelope, buildIpnMessage, defaultTopicArn, type IpnNotifyInput } from "./ipn-envelope"
import { DeliveryLog, type IpnDelivery } from "./delivery-log"
import { IdleWaiters } from "./idle-waiters"
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
  private readonly log = new DeliveryLog()
  private readonly idle = new IdleWaiters()
  private closed = false
  /** Forgery kinds of `forgeExtra` copies are used in turn. */
  private forgeries = 0

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
    const job = this.buildJob(input, config.forge, config.url)
    if (!job) {
      return null
    }
    const jobs = this.random() < config.duplicate ? [job, { ...job, duplicate: true }] : [job]
    if (this.random() < config.forgeExtra) {
      const forgery = IPN_FORGERIES[this.forgeries++ % IPN_FORGERIES.length]
      const forged = this.buildJob(input, forgery, config.url)
      if (forged) {
        jobs.push(forged)
      }
    }
    if (config.reorder) {
      this.held.push(...jobs)
      this.holdTimer ??= unref(setTimeout(() => this.releaseHeld(), Math.max(config.delayMs, REORDER_WINDOW_MS)))
    } else {
      const dueAt = Date.now() + config.delayMs
      jobs.forEach((j) => this.enqueue({ ...j, dueAt }))
    }
    return { messageId: job.envelope.MessageId, notificationId: job.notificationId }
  }

  /** A signed (or forged) envelope for the notification, with a fresh NotificationId; null (logged) if it cannot be built. */
  private buildJob(input: IpnNotifyInput, forge: IpnForgery | null, url: string): Job | null {
    const notificationId = randomUUID()
    try {
      const envelope = buildIpnEnvelope({
        message: buildIpnMessage(this.options.merchantId, input, notificationId),
        topicArn: this.topicArn,
        subscriptionId: this.subscriptionArn.slice(this.topicArn.length + 1),
        certificateUrl: this.options.certificateUrl(),
        timestamp: this.now(),
        signatureVersion: this.config.signatureVersion,
        forge,
      })
      return { envelope, input, notificationId, forged: forge, duplicate: false, attempt: 1, dueAt: 0 }
    } catch (error) {
      // The caller is in the middle of an Amazon API request: never let an IPN problem fail it.
      const detail = error instanceof Error ? error.message : String(error)
      const attempt = { messageId: "", notificationId, input, attempt: 0, forged: forge, duplicate: false }
      this.log.record(attempt, url, { ok: false, status: null, error: `could not build the IPN: ${detail}` }, this.now())
      return null
    }
  }

  /** Changes delivery settings; takes effect for notifications created from now on. */
  configure(change: IpnConfigureInput): IpnDeliveryConfig {
    // Validate here too (not only in the route), so a bad value from code is refused, changing nothing.
    const parsed = ipnConfigureSchema.safeParse(change)
    if (!parsed.success) {
      throw new Error(`Invalid IPN settings: ${describeIssues(parsed.error)}`)
    }
    const defined = Object.entries(parsed.data).filter(([, value]) => value !== undefined)
    this.config = { ...this.config, ...(Object.fromEntries(defined) as Partial<IpnDeliveryConfig>) }
    if (change.enabled === false) {
      this.dropPending()
    } else if (change.reorder === false) {
      this.releaseHeld()
    }
    return this.settings()
  }

  /** The delivery log (every attempt), oldest first. */
  deliveries(): IpnDelivery[] {
    return this.log.list()
  }

  /** Resolves once nothing is held, queued or in flight; rejects after `timeoutMs`. */
  drain(timeoutMs = DEFAULT_DRAIN_TIMEOUT_MS): Promise<void> {
    if (this.isIdle()) {
      return Promise.resolve()
    }
    return this.idle.wait(timeoutMs, () => `IPN deliveries still pending (${this.pendingCount()})`)
  }

  /** Forgets queue, log and settings (back to the constructor's). */
  reset(): void {
    this.dropPending()
    this.log.clear()
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
        this.log.record({ ...job, messageId: job.envelope.MessageId }, url, outcome, this.now())
        if (!outcome.ok && job.attempt < this.config.maxAttempts) {
          this.enqueue({ ...job, attempt: job.attempt + 1, dueAt: Date.now() + redeliveryDelayMs(this.config, job.attempt) })
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

  private pendingCount(): number {
    return this.queue.length + this.held.length + (this.inFlight ? 1 : 0)
  }

  private isIdle(): boolean {
    return this.pendingCount() === 0
  }

  private settleIfIdle(): void {
    if (this.isIdle()) {
      this.idle.settle()
    }
  }
}

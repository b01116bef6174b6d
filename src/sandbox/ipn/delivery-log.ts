/**
 * The sandbox's IPN delivery log (`GET /sandbox/ipn/deliveries`): one line per HTTP attempt, so a
 * test can see redeliveries, duplicates and forgeries. Bounded, oldest lines dropped first.
 */
import type { IpnForgery } from "./ipn-config"
import type { IpnNotifyInput } from "./ipn-envelope"
import type { AttemptOutcome } from "./ipn-post"

export interface IpnDelivery {
  id: number
  messageId: string
  notificationId: string
  objectType: string
  objectId: string
  chargePermissionId: string
  /** 1 for the first attempt; 0 when the IPN could not even be built. */
  attempt: number
  url: string
  ok: boolean
  status: number | null
  error: string | null
  forged: IpnForgery | null
  duplicate: boolean
  at: string
}

export interface LoggedAttempt {
  messageId: string
  notificationId: string
  input: IpnNotifyInput
  attempt: number
  forged: IpnForgery | null
  duplicate: boolean
}

/** Enough for a fault campaign of a few hundred orders (an entry is a few hundred bytes). */
const MAX_LOG_ENTRIES = 20_000

export class DeliveryLog {
  private entries: IpnDelivery[] = []
  private nextId = 1

  record(attempt: LoggedAttempt, url: string, outcome: AttemptOutcome, at: Date): void {
    this.entries.push({
      id: this.nextId++,
      messageId: attempt.messageId,
      notificationId: attempt.notificationId,
      objectType: attempt.input.objectType,
      objectId: attempt.input.objectId,
      chargePermissionId: attempt.input.chargePermissionId,
      attempt: attempt.attempt,
      url,
      ...outcome,
      forged: attempt.forged,
      duplicate: attempt.duplicate,
      at: at.toISOString(),
    })
    if (this.entries.length > MAX_LOG_ENTRIES) {
      this.entries.splice(0, this.entries.length - MAX_LOG_ENTRIES)
    }
  }

  list(): IpnDelivery[] {
    return this.entries.map((entry) => ({ ...entry }))
  }

  clear(): void {
    this.entries = []
    this.nextId = 1
  }
}

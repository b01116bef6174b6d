/**
 * Amazon objects read for one verified notification, shared for a few seconds. Every IPN is read
 * twice in the same process: by Medusa core's webhook subscriber (through the provider's
 * getWebhookActionAndData) and by this plugin's subscriber, and SNS duplicates arrive together.
 * Without sharing, each delivery cost four GETs (object and charge permission, twice); the fault
 * campaign counted about 8,000 of its 10,000 Amazon calls there. Sharing is safe because the key
 * is only built from a message whose SNS signature was verified, and short: a later delivery of
 * the same notification (an SNS retry) reads Amazon again. "Unavailable" readings are not kept:
 * a reader arriving after one settled tries Amazon itself (one arriving while it is in flight shares
 * it, and the polling job catches up later).
 *
 * Per process on purpose, not in Medusa's caching module: both readers of a notification are
 * subscribers of the same event, so they run in the same process (the worker, in a deployment with
 * `workerMode`), and SNS duplicates landing on different processes only cost one more read. The
 * entry is a reading of Amazon, never a decision: applying it goes through the payment lock and the
 * journal in PostgreSQL, so a process that read Amazon a few seconds earlier than another one
 * applies the same or an older state, which the journal's state order makes a no-op. Sharing it
 * through Redis would add a round trip and serialisation to save at most one GET.
 */
import type { IpnMessage } from "../../../lib/amazon-pay/types"

export const RECENT_READING_TTL_MS = 10_000
const MAX_ENTRIES = 1_000

interface Entry<T> {
  expiresAt: number
  reading: Promise<T>
}

export class RecentReadings<T extends { kind: string }> {
  private readonly entries = new Map<string, Entry<T>>()

  constructor(
    private readonly ttlMs = RECENT_READING_TTL_MS,
    private readonly now: () => number = Date.now
  ) {}

  /** The reading for this merchant's notification: shared while fresh, else `read()`; each caller gets its own copy. */
  async get(merchantId: string, message: IpnMessage, read: () => Promise<T>): Promise<T> {
    const key = [merchantId, message.NotificationId, message.ObjectType, message.ObjectId, message.ChargePermissionId].join("\n")
    const now = this.now()
    let entry = this.entries.get(key)
    if (!entry || entry.expiresAt <= now) {
      entry = { expiresAt: now + this.ttlMs, reading: read() }
      this.entries.delete(key)
      this.entries.set(key, entry)
      this.evict(now)
      const stored = entry
      void stored.reading.then(
        (reading) => reading.kind === "unavailable" && this.entries.get(key) === stored && this.entries.delete(key),
        () => this.entries.get(key) === stored && this.entries.delete(key)
      )
    }
    // A copy per caller: the two subscribers must not share mutable objects.
    return structuredClone(await entry.reading)
  }

  private evict(now: number): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && entry.expiresAt > now) break
      this.entries.delete(key)
    }
  }
}

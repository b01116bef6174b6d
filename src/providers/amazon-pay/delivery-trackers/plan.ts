/**
 * Which Create Delivery Tracker calls a shipment needs, from the journal (pure). Amazon takes a
 * tracking number once ("Note that tracking codes can only be used once", Amazon Pay "Delivery
 * Tracker"), so each tracking number is its own call and its own journal entry (one refused number
 * does not take the others down with it), and a number the journal already holds is never sent by
 * a redelivered shipment event:
 * - `succeeded`: done; `declined`/`failed`: Amazon refused it, recorded, not retried;
 * - `sent`/`unknown`: the answer was lost; the polling job replays it, a bounded number of times
 *   (retry.ts), so a redelivered event does not send it again;
 * - no carrier code: skipped, noted once on the timeline; sent after all if a later delivery of the
 *   event finds a code (the store added the mapping).
 */
import type { OperationRecord } from "../../../modules/amazon-pay-journal/journal-records"

export type TrackerStep =
  | { trackingNumber: string; action: "send"; carrierCode: string }
  | { trackingNumber: string; action: "skip"; alreadyNoted: boolean }
  | { trackingNumber: string; action: "none"; because: "sent" | "refused" | "in_flight" }

/** The tracking number a journaled Create Delivery Tracker was sent for (one per call). */
export function trackingNumberOf(operation: Pick<OperationRecord, "kind" | "request">): string | null {
  if (operation.kind !== "create_delivery_tracker") {
    return null
  }
  const details = (operation.request as { deliveryDetails?: Array<{ trackingNumber?: unknown }> } | null)?.deliveryDetails
  const number = details?.[0]?.trackingNumber
  return typeof number === "string" ? number : null
}

/** Tracking numbers of a fulfillment's labels: trimmed, empty ones dropped, each once, in label order. */
export function trackingNumbersOf(labels: ReadonlyArray<{ tracking_number?: string | null }> | null | undefined): string[] {
  const numbers = (labels ?? []).map((label) => label.tracking_number?.trim() ?? "").filter((n) => n !== "")
  return [...new Set(numbers)]
}

export function planTrackers(input: {
  trackingNumbers: readonly string[]
  carrierCode: string | null
  operations: ReadonlyArray<Pick<OperationRecord, "kind" | "request" | "status">>
  /** Tracking numbers already noted as skipped (journal events `delivery_tracker_skipped`). */
  skipped: ReadonlySet<string>
}): TrackerStep[] {
  return input.trackingNumbers.map((trackingNumber): TrackerStep => {
    const prior = input.operations.filter((op) => trackingNumberOf(op) === trackingNumber)
    if (prior.some((op) => op.status === "succeeded")) {
      return { trackingNumber, action: "none", because: "sent" }
    }
    if (prior.some((op) => op.status === "sent" || op.status === "unknown")) {
      return { trackingNumber, action: "none", because: "in_flight" }
    }
    if (prior.length) {
      return { trackingNumber, action: "none", because: "refused" }
    }
    if (!input.carrierCode) {
      return { trackingNumber, action: "skip", alreadyNoted: input.skipped.has(trackingNumber) }
    }
    return { trackingNumber, action: "send", carrierCode: input.carrierCode }
  })
}

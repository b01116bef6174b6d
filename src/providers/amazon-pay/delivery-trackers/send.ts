/**
 * Sends the Create Delivery Tracker calls a shipped fulfillment needs (plan.ts), under the
 * payment's lock (so two deliveries of the shipment event cannot both find a tracking number new)
 * and through the journal (each call written before it leaves and settled with Amazon's answer,
 * shown on the order's timeline). Body as Amazon documents it: `chargePermissionId` and
 * `deliveryDetails: [{trackingNumber, carrierCode}]`, one tracking number per call.
 */
import type { ProviderDeps } from "../deps"
import { outcomeOfError } from "../journal/call-outcome"
import { journaledCall, type PaymentRef } from "../journal/journaled-call"
import { carrierCandidates, carrierCodeFor, type CarrierHints } from "./carriers"
import { planTrackers } from "./plan"

export const TRACKER_SKIPPED_EVENT = "delivery_tracker_skipped"

export interface ShippedFulfillment {
  fulfillmentId: string
  trackingNumbers: string[]
  hints: CarrierHints
}

function skippedWarning(shipment: ShippedFulfillment, trackingNumber: string): string {
  const names = carrierCandidates(shipment.hints)
  const example = names[0] ?? "manual_manual"
  return (
    `Amazon Pay: tracking number ${trackingNumber} of fulfillment ${shipment.fulfillmentId} was not sent to Amazon (Create ` +
    `Delivery Tracker): no Amazon carrier code matches ${names.length ? names.map((n) => `"${n}"`).join(", ") : "this fulfillment"}. ` +
    `Fix: map it in the provider option deliveryTrackers.carrierCodes, e.g. { "${example}": "UPS" }, or set ` +
    "deliveryTrackers.defaultCarrierCode; then mark the shipment again or create the tracker in Seller Central"
  )
}

/** One line per tracking number: what happened to it. */
export async function sendDeliveryTrackers(
  deps: ProviderDeps,
  ref: PaymentRef,
  chargePermissionId: string,
  shipment: ShippedFulfillment
): Promise<string[]> {
  const options = deps.options.deliveryTrackers
  if (options === false || !shipment.trackingNumbers.length) {
    return []
  }
  const carrier = carrierCodeFor(shipment.hints, options)
  return deps.lock.run(ref.paymentCollectionId, async () => {
    const [operations, events] = await Promise.all([deps.journal.operationsOf(ref.paymentCollectionId), deps.journal.eventsOf(ref.paymentCollectionId)])
    const skipped = new Set(events.filter((e) => e.kind === TRACKER_SKIPPED_EVENT).map((e) => String(e.detail?.tracking_number ?? "")))
    const lines: string[] = []
    for (const step of planTrackers({ trackingNumbers: shipment.trackingNumbers, carrierCode: carrier?.code ?? null, operations, skipped })) {
      if (step.action === "none") {
        lines.push(`${step.trackingNumber}: ${step.because === "sent" ? "already sent" : step.because === "refused" ? "refused by Amazon before" : "answer pending"}`)
        continue
      }
      if (step.action === "skip") {
        if (!step.alreadyNoted) {
          deps.logger?.warn(skippedWarning(shipment, step.trackingNumber))
          await deps.journal.recordEvent({
            payment_collection_id: ref.paymentCollectionId,
            charge_permission_id: chargePermissionId,
            kind: TRACKER_SKIPPED_EVENT,
            summary: `Delivery tracker ${step.trackingNumber} skipped: no Amazon carrier code for ${carrierCandidates(shipment.hints).join(", ") || "the fulfillment"}`,
            detail: { tracking_number: step.trackingNumber, fulfillment_id: shipment.fulfillmentId, carrier_names: carrierCandidates(shipment.hints) },
          })
        }
        lines.push(`${step.trackingNumber}: skipped (no carrier code)`)
        continue
      }
      lines.push(`${step.trackingNumber}: ${await sendOne(deps, ref, chargePermissionId, shipment.fulfillmentId, step.trackingNumber, step.carrierCode)}`)
    }
    return lines
  })
}

async function sendOne(deps: ProviderDeps, ref: PaymentRef, chargePermissionId: string, fulfillmentId: string, trackingNumber: string, carrierCode: string) {
  try {
    await journaledCall(deps.journal, deps.client, ref, {
      kind: "create_delivery_tracker",
      targetId: null,
      request: { chargePermissionId, deliveryDetails: [{ trackingNumber, carrierCode }] },
      medusaRefId: fulfillmentId,
      chargePermissionId,
    })
    return `sent (${carrierCode})`
  } catch (error) {
    const outcome = outcomeOfError(error)
    if (outcome.status === "unknown") {
      deps.logger?.warn(`Amazon Pay: no answer to Create Delivery Tracker for ${trackingNumber} (${outcome.reason_code}); the polling job retries it`)
      return "no answer; retried by the polling job"
    }
    deps.logger?.warn(`Amazon Pay refused the delivery tracker for ${trackingNumber} (${carrierCode}): ${outcome.reason_code}: ${outcome.message ?? ""}`)
    return `refused (${outcome.reason_code})`
  }
}

/**
 * A capture Amazon declined, told to the rest of the store as the event
 * `amazon-pay.capture.declined` (the admin notification subscriber turns it into a notice in the
 * dashboard's bell). Two places learn of it: the capture itself (Amazon's synchronous answer,
 * capture.ts) and a capture that went pending (`CaptureInitiated`) and was declined later (IPN or
 * polling, apply/apply-reading.ts). Both name the same Amazon charge, so the notice is keyed
 * on the charge: a synchronous decline followed by the charge's IPN is one occurrence. A declined
 * Create Charge leaves no charge behind; it is keyed on the Medusa Capture it was sent for.
 */
import type { IEventBusModuleService } from "@medusajs/framework/types"

export const CAPTURE_DECLINED_EVENT = "amazon-pay.capture.declined"

export interface CaptureDeclinedData {
  payment_collection_id: string
  payment_id: string | null
  /** The declined Amazon charge; null when Create Charge itself was declined (no charge exists). */
  charge_id: string | null
  /** The Medusa Capture the capture was made for, when known. */
  capture_id: string | null
  amount: string | null
  currency_code: string | null
  reason_code: string | null
}

export type EventEmitter = Pick<IEventBusModuleService, "emit">

/**
 * Emits the event; never throws (a decline is already an error for the admin; failing to tell the
 * bell about it must not replace that error with another one).
 */
export async function emitCaptureDeclined(
  events: EventEmitter | undefined,
  data: CaptureDeclinedData,
  logger?: { warn(message: string): void }
): Promise<void> {
  if (!events) {
    return
  }
  try {
    await events.emit({ name: CAPTURE_DECLINED_EVENT, data })
  } catch (error) {
    logger?.warn(`Amazon Pay: could not emit ${CAPTURE_DECLINED_EVENT}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

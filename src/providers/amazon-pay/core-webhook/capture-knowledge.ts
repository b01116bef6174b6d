/**
 * Whether Medusa already holds the capture of a charge: the payment is fully captured, or the
 * journal records the charge's capture under a Medusa Capture (capture.ts writes it when the admin
 * captured). Defensive: if it cannot be read we say "recorded" and let the plugin subscriber and the
 * polling job settle the payment, because a wrong "not recorded" makes Medusa core capture the same
 * money twice.
 */
import type { Charge } from "../../../lib/amazon-pay/types"
import type { AmazonObjectRecord } from "../../../modules/amazon-pay-journal/journal-records"
import { resolveJournal } from "../journal/journal-port"
import type { CaptureKnowledge } from "./webhook-action"

interface PaymentRow {
  id: string
  captured_at?: unknown
}

interface PaymentServiceLike {
  list(filters: Record<string, unknown>, config?: Record<string, unknown>): Promise<PaymentRow[]>
}

function paymentServiceOf(cradle: Record<string, unknown> | undefined): PaymentServiceLike | undefined {
  try {
    const service = cradle?.paymentService as PaymentServiceLike | undefined
    return service && typeof service.list === "function" ? service : undefined
  } catch {
    return undefined // awilix throws on unregistered names
  }
}

/** Pure rule: Medusa has a payment for the session and it is fully captured or the charge's capture is Medusa's. */
export function isCaptureRecorded(payment: PaymentRow | null, recordedCharge: Pick<AmazonObjectRecord, "medusa_ref_id"> | null): boolean {
  if (!payment) {
    return false // autocapture after a pending authorization: core must authorize + capture
  }
  return Boolean(payment.captured_at) || Boolean(recordedCharge?.medusa_ref_id)
}

export async function captureKnowledge(cradle: Record<string, unknown> | undefined, sessionId: string, charge: Charge): Promise<CaptureKnowledge> {
  if (charge.statusDetails.state !== "Captured") {
    return { captureRecorded: false }
  }
  const service = paymentServiceOf(cradle)
  if (!service) {
    return { captureRecorded: true }
  }
  try {
    const [[payment], recorded] = await Promise.all([
      service.list({ payment_session_id: sessionId }, { select: ["id", "captured_at"], take: 1 }),
      resolveJournal(cradle).objectByAmazonId(charge.chargeId),
    ])
    return { captureRecorded: isCaptureRecorded(payment ?? null, recorded) }
  } catch {
    return { captureRecorded: true }
  }
}

/**
 * Whether Medusa already recorded the capture of a charge, read from inside the payment module
 * (the provider's cradle holds the module's internal `paymentService`, as medusa-capture.ts relies
 * on for `captureService`). Defensive: if the row cannot be read we say "recorded" and let the
 * plugin subscriber / polling job settle the payment, because a wrong "not recorded" makes Medusa
 * core capture the same money twice.
 */
import type { Charge } from "../../../lib/amazon-pay/types"
import { readPaymentData } from "../payment-data"
import type { CaptureKnowledge } from "./webhook-action"

interface PaymentRow {
  id: string
  data?: Record<string, unknown> | null
  captured_at?: unknown
  captures?: unknown[]
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

/** Pure rule: Medusa has a payment for the session and it either is fully captured or names this charge's capture. */
export function isCaptureRecorded(payment: PaymentRow | null, charge: Charge): boolean {
  if (!payment) {
    return false // autocapture after a pending authorization: core must authorize + capture
  }
  if (payment.captured_at) {
    return true
  }
  const record = readPaymentData(payment.data).charges.find((c) => c.chargeId === charge.chargeId)
  return Boolean(record?.medusaCaptureId)
}

export async function captureKnowledge(
  cradle: Record<string, unknown> | undefined,
  sessionId: string,
  charge: Charge
): Promise<CaptureKnowledge> {
  if (charge.statusDetails.state !== "Captured") {
    return { captureRecorded: false }
  }
  const service = paymentServiceOf(cradle)
  if (!service) {
    return { captureRecorded: true }
  }
  try {
    const [payment] = await service.list({ payment_session_id: sessionId }, { select: ["id", "data", "captured_at"], take: 1 })
    return { captureRecorded: isCaptureRecorded(payment ?? null, charge) }
  } catch {
    return { captureRecorded: true }
  }
}

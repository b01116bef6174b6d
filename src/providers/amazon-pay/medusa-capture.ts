/**
 * Finds the amount of the Medusa Capture being made. `capturePayment` gets no amount (Medusa
 * 2.21 payment module `capturePaymentFromProvider_` passes only `data` and
 * `context.idempotency_key = capture.id`), but the Capture row is committed before the call
 * (`capturePayment_` runs in its own transaction). Providers are registered in the payment module's
 * container, whose cradle also holds the module's internal services (`captureService`, ...), so the
 * row is read from there. Resolved lazily and defensively: if it cannot be read we refuse to
 * capture rather than capture an amount we guessed.
 */
import { MathBN, MedusaError } from "@medusajs/framework/utils"
import type { Price } from "../../lib/amazon-pay/types"
import { priceFromMinor, toMinorUnits } from "./amounts"

interface CaptureRow {
  id: string
  amount?: unknown
  raw_amount?: unknown
  payment_id?: string
  payment?: { id?: string } | string
}

interface CaptureServiceLike {
  retrieve(id: string, config?: Record<string, unknown>): Promise<CaptureRow>
  list(filters: Record<string, unknown>, config?: Record<string, unknown>): Promise<CaptureRow[]>
}

export interface MedusaCaptureFacts {
  captureId: string
  amount: Price
  otherCapturesTotal: Price
}

function resolveCaptureService(cradle: Record<string, unknown>): CaptureServiceLike | undefined {
  try {
    const service = cradle.captureService as CaptureServiceLike | undefined
    return service && typeof service.retrieve === "function" && typeof service.list === "function" ? service : undefined
  } catch {
    // awilix throws on unregistered names
    return undefined
  }
}

function amountOf(row: CaptureRow): unknown {
  return row.raw_amount ?? row.amount
}

function paymentIdOf(row: CaptureRow): string | undefined {
  return row.payment_id ?? (typeof row.payment === "string" ? row.payment : row.payment?.id)
}

export async function readMedusaCapture(
  cradle: Record<string, unknown>,
  captureId: string | undefined,
  currencyCode: string
): Promise<MedusaCaptureFacts> {
  const refuse = (why: string) =>
    new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `Amazon Pay will not capture: the amount of Medusa capture ${captureId ?? "(none)"} is unknown (${why})`
    )
  if (!captureId) {
    throw refuse("Medusa passed no context.idempotency_key")
  }
  const service = resolveCaptureService(cradle)
  if (!service) {
    throw refuse("the payment module's captureService is not available to the provider")
  }
  let row: CaptureRow
  try {
    row = await service.retrieve(captureId)
  } catch {
    throw refuse("the capture row cannot be read")
  }
  const paymentId = paymentIdOf(row)
  if (!paymentId || amountOf(row) == null) {
    throw refuse("the capture row has no amount or payment")
  }
  const siblings = await service.list({ payment_id: paymentId }).catch(() => {
    throw refuse("the payment's captures cannot be listed")
  })
  const others = siblings.filter((c) => c.id !== captureId)
  const otherTotal = others.reduce((sum, c) => MathBN.add(sum, amountOf(c) as never), MathBN.convert(0))
  return {
    captureId,
    amount: priceFromMinor(toMinorUnits(amountOf(row) as never, currencyCode, "currency"), currencyCode),
    otherCapturesTotal: priceFromMinor(toMinorUnits(otherTotal, currencyCode, "currency"), currencyCode),
  }
}

/**
 * The admin's "capture an amount": Medusa's own capturePaymentWorkflow with the amount, so Medusa
 * records a Capture of exactly that amount (the order's paid total and transactions stay right)
 * and calls the provider's capture hook, which takes the payment's lock, settles lost answers,
 * plans on Amazon's live state and journals the one call it sends (capture.ts). The dashboard's own
 * capture dialog has no amount field: it always captures the whole payment.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { capturePaymentWorkflow } from "@medusajs/medusa/core-flows"
import { amazonPayPaymentRow } from "./payment-view"

export async function captureAmount(container: MedusaContainer, paymentId: string, amount: number, capturedBy?: string): Promise<void> {
  await amazonPayPaymentRow(container, paymentId)
  await capturePaymentWorkflow(container).run({ input: { payment_id: paymentId, amount, captured_by: capturedBy } })
}

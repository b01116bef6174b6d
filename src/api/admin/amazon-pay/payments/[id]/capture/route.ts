/**
 * `POST /admin/amazon-pay/payments/:id/capture` `{ amount }`: capture part (or the rest) of an Amazon
 * Pay payment, recorded as a Medusa Capture of that amount (providers/amazon-pay/admin/capture-amount.ts).
 * Answers the payment's widget view. Admin routes require an authenticated user (Medusa's default
 * for `/admin`); another provider's payment is a 404.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { captureAmount } from "../../../../../../providers/amazon-pay/admin/capture-amount"
import { amazonPayPaymentView } from "../../../../../../providers/amazon-pay/admin/payment-view"
import { parseBody } from "../../../validate-body"

/** Major units, as Medusa's own capture route takes it; the provider refuses digits below the currency's minor unit. */
const captureBodySchema = z.strictObject({
  amount: z.number().finite().positive().max(10_000_000),
})

export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse): Promise<void> {
  const { amount } = parseBody(captureBodySchema, req.body, "capture request")
  await captureAmount(req.scope, req.params.id, amount, req.auth_context?.actor_id)
  res.json({ amazon_pay_payment: await amazonPayPaymentView(req.scope, req.params.id) })
}

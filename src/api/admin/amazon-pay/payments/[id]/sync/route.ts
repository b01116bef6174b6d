/**
 * `POST /admin/amazon-pay/payments/:id/sync` (empty body): read the payment's Amazon objects live and
 * apply them like IPNs (providers/amazon-pay/admin/sync-payment.ts). Answers what each read did and
 * the payment's widget view. Admin routes require an authenticated user; another provider's payment
 * is a 404.
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { amazonPayPaymentView } from "../../../../../../providers/amazon-pay/admin/payment-view"
import { syncPayment } from "../../../../../../providers/amazon-pay/admin/sync-payment"
import { parseBody } from "../../../validate-body"

const syncBodySchema = z.strictObject({})

export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  parseBody(syncBodySchema, req.body, "sync request")
  const report = await syncPayment(req.scope, req.params.id)
  res.json({ outcomes: report.outcomes, amazon_pay_payment: await amazonPayPaymentView(req.scope, req.params.id) })
}

/**
 * `GET /admin/amazon-pay/payments/:id`: one Amazon Pay payment as the admin sees it (payment data,
 * the journal's calls, Amazon objects and timeline). Admin routes require an authenticated user
 * (Medusa's default for `/admin`).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { amazonPayPaymentView } from "../../../../../providers/amazon-pay/admin/payment-view"

export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ amazon_pay_payment: await amazonPayPaymentView(req.scope, req.params.id) })
}

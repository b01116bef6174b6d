/**
 * `GET /admin/amazon-pay/orders/:id`: the order's Amazon Pay payments as the order widget shows them
 * (providers/amazon-pay/admin/order-payments.ts); an empty list for an order paid otherwise, a 404
 * for an unknown order. Admin routes require an authenticated user (Medusa's default for `/admin`).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { orderAmazonPayPayments } from "../../../../../providers/amazon-pay/admin/order-payments"

export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  res.json({ amazon_pay_payments: await orderAmazonPayPayments(req.scope, req.params.id) })
}

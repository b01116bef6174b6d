/**
 * `POST /admin/amazon-pay/payments/:id/close` `{ reason? }`: close the charge permission, releasing
 * what is left of the authorization (providers/amazon-pay/admin/close-permission.ts). Answers the
 * payment's widget view. Admin routes require an authenticated user; another provider's payment is
 * a 404.
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { closeChargePermission } from "../../../../../../providers/amazon-pay/admin/close-permission"
import { amazonPayPaymentView } from "../../../../../../providers/amazon-pay/admin/payment-view"
import { parseBody } from "../../../validate-body"

/** Amazon's `closureReason` is at most 255 characters (Amazon Pay "Close Charge Permission"). */
const closeBodySchema = z.strictObject({
  reason: z.string().trim().min(1).max(255).optional(),
})

export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const { reason } = parseBody(closeBodySchema, req.body, "close request")
  await closeChargePermission(req.scope, req.params.id, reason)
  res.json({ amazon_pay_payment: await amazonPayPaymentView(req.scope, req.params.id) })
}

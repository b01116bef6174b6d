/**
 * `POST /store/amazon-pay/carts/:id/buyer` `{ amazon_checkout_session_id }`: express checkout,
 * review leg. Copies the Amazon buyer's email, name, shipping and billing address onto the cart
 * (Medusa's shape, `updateCartWorkflow`), after Amazon confirmed the checkout session was started
 * from this cart's button (its signed merchantReferenceId is the cart's payment collection); any
 * other checkout session is refused with a 4xx and nothing is written. Answers `{ cart }` as
 * `POST /store/carts/:id` does. Store routes need the publishable API key (Medusa's default).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { refetchCart } from "@medusajs/medusa/api/store/carts/helpers"
import { defaultStoreCartFields } from "@medusajs/medusa/api/store/carts/query-config"
import { z } from "zod"
import { applyAmazonBuyerToCart } from "../../../../../../providers/amazon-pay/buyer/apply-buyer"

const paramsSchema = z.object({ id: z.string().regex(/^cart_[A-Za-z0-9]{1,64}$/, "must be a Medusa cart id") })
const bodySchema = z.strictObject({
  amazon_checkout_session_id: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, "must be an Amazon checkout session id"),
})

function invalid(what: string, error: z.ZodError): MedusaError {
  const detail = error.issues.map((issue) => `${issue.path.join(".") || what}: ${issue.message}`).join("; ")
  return new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid ${what}: ${detail}`)
}

export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const params = paramsSchema.safeParse(req.params)
  if (!params.success) {
    throw invalid("cart id", params.error)
  }
  const body = bodySchema.safeParse(req.body ?? {})
  if (!body.success) {
    throw invalid("request body", body.error)
  }
  await applyAmazonBuyerToCart(req.scope, params.data.id, body.data.amazon_checkout_session_id)
  const cart = await refetchCart(params.data.id, req.scope, defaultStoreCartFields)
  res.status(200).json({ cart })
}

/**
 * The buyer's side of Amazon Pay, which in production happens on Amazon's pages:
 * - the button: `amazon.Pay.renderButton` sends the signed payload; Amazon verifies the button
 *   signature ("Generate button signature") and creates the Checkout Session from it;
 * - the express flow: the first visit (no result URL / payment details yet) lets the buyer pick
 *   address and payment method and returns to checkoutReviewReturnUrl; once the merchant has set
 *   checkoutResultReturnUrl and paymentDetails (Update Checkout Session, or checkoutMode
 *   ProcessOrder in the payload) the buyer confirms and returns to checkoutResultReturnUrl. The
 *   chosen outcome takes effect on Complete Checkout Session.
 */
import { z } from "zod"
import { isSignatureAlgorithm, verifyButtonSignature } from "../lib/amazon-pay/signer"
import type { Address, Buyer } from "../lib/amazon-pay/types"
import type { SandboxCore } from "./core"
import { SandboxApiError, badRequest, invalidState } from "./api-error"
import { newBuyerId } from "./ids"
import { BUYER_OUTCOMES, type CheckoutSessionRecord } from "./records"
import { openCheckoutSession } from "./resources/checkout-sessions"
import { addressSchema, validate } from "./validation"
import { addressRefusal } from "./delivery-restrictions"
import { buyerPageUrl, isReadyToProcess } from "./checkout-state"

export const buttonPayloadSchema = z.strictObject({
  payloadJSON: z.string().min(2).max(64 * 1024),
  signature: z.string().min(1).max(2048),
  publicKeyId: z.string().min(1).max(128),
  algorithm: z.string().optional(),
})

export const approveSchema = z.strictObject({
  outcome: z.enum(BUYER_OUTCOMES).optional(),
  buyer: z
    .strictObject({ name: z.string().max(100).optional(), email: z.email().optional(), phoneNumber: z.string().max(20).optional() })
    .optional(),
  shippingAddress: addressSchema.optional(),
  billingAddress: addressSchema.optional(),
})

export type ApproveInput = z.infer<typeof approveSchema>

export const DEFAULT_SHIPPING_ADDRESS: Address = {
  name: "Susie Smith",
  addressLine1: "10 Ditka Ave",
  addressLine2: "Suite 2500",
  addressLine3: null,
  city: "Chicago",
  county: null,
  district: null,
  stateOrRegion: "IL",
  postalCode: "60602",
  countryCode: "US",
  phoneNumber: "800-000-0000",
}

/** What Amazon's button script does with the signed payload. */
export function createSessionFromButton(core: SandboxCore, data: unknown): { checkoutSessionId: string; buyerPageUrl: string } {
  const body = validate(buttonPayloadSchema, data)
  const publicKey = core.keys.get(body.publicKeyId)
  if (!publicKey) {
    throw new SandboxApiError(401, "UnauthorizedAccess", `Public key id ${body.publicKeyId} is not registered`)
  }
  // checkout.js uses the legacy algorithm when the button config names none.
  const algorithm = body.algorithm ?? "AMZN-PAY-RSASSA-PSS"
  if (!isSignatureAlgorithm(algorithm)) {
    throw badRequest("InvalidParameterValue", `Unknown algorithm ${algorithm}`)
  }
  if (!verifyButtonSignature(publicKey, algorithm, body.payloadJSON, body.signature)) {
    throw new SandboxApiError(401, "InvalidRequestSignature", "The button signature does not match payloadJSON")
  }
  let payload: unknown
  try {
    payload = JSON.parse(body.payloadJSON)
  } catch {
    throw badRequest("InvalidRequestFormat", "payloadJSON is not valid JSON")
  }
  const session = openCheckoutSession(core.store, payload, {
    merchantId: core.keys.merchantOf(body.publicKeyId),
    releaseEnvironment: /^LIVE-/i.test(body.publicKeyId) ? "Live" : "Sandbox",
    behaviour: core.behaviour.get(),
  })
  return { checkoutSessionId: session.id, buyerPageUrl: buyerPageUrl(core.store, session.id) }
}

function withSessionId(target: string, sessionId: string): string {
  const url = new URL(target)
  url.searchParams.set("amazonCheckoutSessionId", sessionId)
  return url.toString()
}

function openSession(core: SandboxCore, id: string): CheckoutSessionRecord {
  const session = core.store.checkoutSession(id)
  if (session.status.state !== "Open") {
    throw invalidState("InvalidCheckoutSessionStatus", `Checkout Session ${id} is ${session.status.state}`)
  }
  return session
}

export interface BuyerResult {
  checkoutSessionId: string
  redirectUrl: string
  /** `review` after the first express leg, `result` once the outcome is recorded. */
  step: "review" | "result"
}

/**
 * `leg: "review"` returns to checkoutReviewReturnUrl even when the session is ready for the final
 * leg: the buyer changed the address or payment method from the merchant's review page
 * (`amazon.Pay.bindChangeAction`), which returns to the review page, not to the result page.
 */
export function approveCheckout(core: SandboxCore, id: string, data: unknown, leg: "review" | "auto" = "auto"): BuyerResult {
  const input = validate(approveSchema, data)
  const session = openSession(core, id)
  const shippingAddress = input.shippingAddress ? { ...input.shippingAddress } : (session.shippingAddress ?? { ...DEFAULT_SHIPPING_ADDRESS })
  // Amazon's page does not let the buyer pick an address the merchant's deliverySpecifications exclude.
  const refusal = addressRefusal(session.deliverySpecifications, shippingAddress)
  if (refusal) {
    throw badRequest("InvalidParameterValue", `${refusal}: choose another shipping address`)
  }
  if (!session.buyer || input.buyer) {
    const buyer: Buyer = {
      buyerId: session.buyer?.buyerId ?? newBuyerId(),
      name: input.buyer?.name ?? "Susie Smith",
      email: input.buyer?.email ?? "susie.smith@example.com",
      phoneNumber: input.buyer?.phoneNumber ?? null,
      primeMembershipTypes: null,
    }
    session.buyer = buyer
    session.paymentDescriptor = "Visa ****1111 (Amazon Pay)"
  }
  session.shippingAddress = shippingAddress
  session.billingAddress = input.billingAddress
    ? { ...input.billingAddress }
    : (session.billingAddress ?? { ...session.shippingAddress })
  if (leg === "review" || !isReadyToProcess(session)) {
    const review = session.webCheckoutDetails.checkoutReviewReturnUrl
    if (!review) {
      throw invalidState("InvalidCheckoutSessionStatus", "The Checkout Session has no checkoutReviewReturnUrl")
    }
    return { checkoutSessionId: id, redirectUrl: withSessionId(review, id), step: "review" }
  }
  session.redirected = true
  session.outcome = input.outcome ?? "success"
  const result = session.webCheckoutDetails.checkoutResultReturnUrl as string
  return { checkoutSessionId: id, redirectUrl: withSessionId(result, id), step: "result" }
}

/**
 * The buyer's browser opened amazonPayRedirectUrl for the final leg: from here on the session's
 * details are fixed (resources/checkout-session-update.ts).
 */
export function markRedirected(session: CheckoutSessionRecord): void {
  if (session.status.state === "Open" && isReadyToProcess(session)) {
    session.redirected = true
  }
}

/** "Cancel and return to merchant": back to checkoutCancelUrl; the session stays Open until it expires. */
export function cancelCheckout(core: SandboxCore, id: string): { checkoutSessionId: string; redirectUrl: string } {
  const session = openSession(core, id)
  const web = session.webCheckoutDetails
  const target = web.checkoutCancelUrl ?? web.checkoutReviewReturnUrl ?? web.checkoutResultReturnUrl
  if (!target) {
    throw badRequest("InvalidParameterValue", "The Checkout Session has no URL to return to")
  }
  return { checkoutSessionId: id, redirectUrl: target }
}

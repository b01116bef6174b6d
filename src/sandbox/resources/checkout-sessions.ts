/**
 * Checkout Session: Open -> Completed | Canceled (24 h open, buyer canceled, declined); deleted
 * 30 days after creation (then 404) (Amazon Pay "Checkout Session" reference, "API introduction").
 * Create and Get here; Update in checkout-session-update.ts, Complete / Finalize in
 * checkout-completion.ts.
 */
import type { Address } from "../../lib/amazon-pay/types"
import type { Behaviour } from "../behaviour"
import { badRequest } from "../api-error"
import { newCheckoutSessionId } from "../ids"
import { CHECKOUT_SESSION_OPEN_MS, CHECKOUT_SESSION_RETAINED_MS } from "../lifetimes"
import type { CheckoutSessionRecord } from "../records"
import type { SandboxStore } from "../store"
import { type AddressDetailsInput, createCheckoutSessionSchema, validate } from "../validation"
import { checkoutSessionView } from "../views"
import type { OperationContext, OperationResult } from "./context"
import { checkPaymentDetails } from "./payment-details-rules"

/** Request `addressDetails` -> the response's address fields (`districtOrCounty` -> `county`). */
function responseAddress({ districtOrCounty, ...rest }: AddressDetailsInput): Address {
  return { ...rest, county: districtOrCounty ?? null, district: null }
}

export interface SessionOrigin {
  merchantId: string
  releaseEnvironment: "Sandbox" | "Live"
  behaviour: Behaviour
}

/** Creates an Open session from a Create Checkout Session body (API call or button payload). */
export function openCheckoutSession(store: SandboxStore, data: unknown, origin: SessionOrigin): CheckoutSessionRecord {
  const body = validate(createCheckoutSessionSchema, data)
  const web = body.webCheckoutDetails
  if (web.checkoutMode === "ProcessOrder") {
    if (!web.checkoutResultReturnUrl) {
      throw badRequest("MissingParameterValue", "webCheckoutDetails.checkoutResultReturnUrl is required with checkoutMode ProcessOrder")
    }
    if (!body.paymentDetails?.chargeAmount || !body.paymentDetails.paymentIntent) {
      throw badRequest("MissingParameterValue", "paymentDetails.paymentIntent and chargeAmount are required with checkoutMode ProcessOrder")
    }
  } else if (!web.checkoutReviewReturnUrl) {
    throw badRequest("MissingParameterValue", "webCheckoutDetails.checkoutReviewReturnUrl is required")
  }
  checkPaymentDetails(body.paymentDetails, origin.behaviour)
  const createdAt = store.now()
  const session: CheckoutSessionRecord = {
    id: newCheckoutSessionId(),
    merchantId: origin.merchantId,
    createdAt,
    status: store.newStatus("Open"),
    webCheckoutDetails: { ...web },
    paymentDetails: body.paymentDetails ? { ...body.paymentDetails } : null,
    merchantMetadata: body.merchantMetadata ?? null,
    storeId: body.storeId,
    scopes: body.scopes ?? null,
    chargePermissionType: body.chargePermissionType ?? "OneTime",
    addressDetails: body.addressDetails ? responseAddress(body.addressDetails) : null,
    platformId: body.platformId ?? null,
    providerMetadata: body.providerMetadata ?? null,
    deliverySpecifications: body.deliverySpecifications ?? null,
    buyer: null,
    shippingAddress: null,
    billingAddress: null,
    paymentDescriptor: null,
    recurringMetadata: body.recurringMetadata ?? null,
    redirected: false,
    outcome: null,
    chargePermissionId: null,
    chargeId: null,
    releaseEnvironment: origin.releaseEnvironment,
  }
  store.checkoutSessions.set(session.id, session)
  store.clock.schedule(createdAt + CHECKOUT_SESSION_OPEN_MS, () => {
    if (session.status.state === "Open") {
      store.setSessionState(session, "Canceled", "Expired", "The Checkout Session expired after 24 hours")
    }
  })
  store.clock.schedule(createdAt + CHECKOUT_SESSION_RETAINED_MS, () => {
    store.checkoutSessions.delete(session.id)
  })
  return session
}

export function createCheckoutSession(ctx: OperationContext, data: unknown): OperationResult {
  const session = openCheckoutSession(ctx.store, data, ctx)
  return { status: 201, body: checkoutSessionView(ctx.store, session) }
}

export function getCheckoutSession(ctx: OperationContext, id: string): OperationResult {
  return { status: 200, body: checkoutSessionView(ctx.store, ctx.store.checkoutSession(id, ctx.merchantId)) }
}

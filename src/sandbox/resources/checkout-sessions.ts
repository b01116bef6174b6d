/**
 * Checkout Session: Open -> Completed | Canceled (24 h open, buyer canceled, declined); deleted
 * 30 days after creation (then 404). Complete answers 200, or 202 while the charge is
 * AuthorizationInitiated (Amazon Pay "Checkout Session" reference, "API introduction").
 */
import { DAY_MS } from "../clock"
import { badRequest, invalidState } from "../errors"
import { newCheckoutSessionId } from "../ids"
import { requireCurrency, toMinor } from "../money"
import type { CheckoutSessionRecord } from "../records"
import type { SandboxStore } from "../store"
import type { Address, PaymentDetails } from "../../lib/amazon-pay/types"
import {
  type AddressDetailsInput,
  completeCheckoutSessionSchema,
  createCheckoutSessionSchema,
  finalizeCheckoutSessionSchema,
  updateCheckoutSessionSchema,
  validate,
} from "../validation"
import { CHECKOUT_SESSION_OPEN_MS, checkoutSessionView } from "../views"
import type { OperationContext, OperationResult } from "./context"
import { settleCheckout } from "./checkout-settlement"

export const CHECKOUT_SESSION_RETAINED_MS = 30 * DAY_MS

/** Format, currency and softDescriptor rules of `paymentDetails` (throws Amazon errors). */
export function checkPaymentDetails(details: PaymentDetails | null | undefined): void {
  if (!details?.chargeAmount) {
    if (details?.totalOrderAmount) {
      toMinor(details.totalOrderAmount, "paymentDetails.totalOrderAmount")
    }
    return
  }
  const charge = toMinor(details.chargeAmount, "paymentDetails.chargeAmount", { allowZero: true })
  const currency = details.chargeAmount.currencyCode
  if (details.presentmentCurrency && details.presentmentCurrency !== currency) {
    throw badRequest("CurrencyMismatch", "paymentDetails.presentmentCurrency does not match chargeAmount.currencyCode")
  }
  if (details.totalOrderAmount) {
    requireCurrency(details.totalOrderAmount, currency, "paymentDetails.totalOrderAmount")
    if (toMinor(details.totalOrderAmount, "paymentDetails.totalOrderAmount") < charge) {
      throw badRequest("InvalidParameterValue", "paymentDetails.totalOrderAmount is less than chargeAmount")
    }
  }
}

/** Request `addressDetails` -> the response's address fields (`districtOrCounty` -> `county`). */
function responseAddress({ districtOrCounty, ...rest }: AddressDetailsInput): Address {
  return { ...rest, county: districtOrCounty ?? null, district: null }
}

/** Creates an Open session from a Create Checkout Session body (API call or button payload). */
export function openCheckoutSession(store: SandboxStore, data: unknown, releaseEnvironment: "Sandbox" | "Live"): CheckoutSessionRecord {
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
  checkPaymentDetails(body.paymentDetails)
  const createdAt = store.now()
  const session: CheckoutSessionRecord = {
    id: newCheckoutSessionId(),
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
    outcome: null,
    chargePermissionId: null,
    chargeId: null,
    releaseEnvironment,
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
  const session = openCheckoutSession(ctx.store, data, ctx.releaseEnvironment)
  return { status: 201, body: checkoutSessionView(ctx.store, session) }
}

export function getCheckoutSession(ctx: OperationContext, id: string): OperationResult {
  return { status: 200, body: checkoutSessionView(ctx.store, ctx.store.checkoutSession(id)) }
}

function requireOpen(session: CheckoutSessionRecord): void {
  if (session.status.state !== "Open") {
    throw invalidState("InvalidCheckoutSessionStatus", `Checkout Session ${session.id} is ${session.status.state}`)
  }
}

function chargeAmountChanged(before: PaymentDetails | null, after: PaymentDetails | null): boolean {
  const a = before?.chargeAmount
  const b = after?.chargeAmount
  if (!a || !b) {
    return a !== b
  }
  return a.currencyCode !== b.currencyCode || toMinor(a, "chargeAmount", { allowZero: true }) !== toMinor(b, "chargeAmount", { allowZero: true })
}

export function updateCheckoutSession(ctx: OperationContext, id: string, data: unknown): OperationResult {
  const session = ctx.store.checkoutSession(id)
  const body = validate(updateCheckoutSessionSchema, data)
  requireOpen(session)
  const paymentDetails = body.paymentDetails ? { ...session.paymentDetails, ...body.paymentDetails } : session.paymentDetails
  checkPaymentDetails(paymentDetails)
  if (body.webCheckoutDetails) {
    session.webCheckoutDetails = { ...session.webCheckoutDetails, ...body.webCheckoutDetails }
  }
  if (session.outcome !== null && chargeAmountChanged(session.paymentDetails, paymentDetails)) {
    // The buyer confirmed another amount on Amazon's page: Amazon requires the buyer to confirm the
    // new one (Complete fails with InvalidCheckoutSessionStatus until the buyer has been back to
    // amazonPayRedirectUrl).
    session.outcome = null
  }
  session.paymentDetails = paymentDetails
  if (body.merchantMetadata) {
    session.merchantMetadata = { ...session.merchantMetadata, ...body.merchantMetadata }
  }
  session.platformId = body.platformId ?? session.platformId
  session.providerMetadata = body.providerMetadata ?? session.providerMetadata
  return { status: 200, body: checkoutSessionView(ctx.store, session) }
}

function requireBuyerDone(session: CheckoutSessionRecord): void {
  if (session.outcome === null) {
    throw invalidState(
      "InvalidCheckoutSessionStatus",
      `The buyer has not finished checkout on the Amazon Pay page for Checkout Session ${session.id}`
    )
  }
}

export function completeCheckoutSession(ctx: OperationContext, id: string, data: unknown): OperationResult {
  const session = ctx.store.checkoutSession(id)
  const body = validate(completeCheckoutSessionSchema, data)
  requireOpen(session)
  requireBuyerDone(session)
  const expected = session.paymentDetails?.chargeAmount
  if (!expected) {
    throw invalidState("InvalidCheckoutSessionStatus", "The Checkout Session has no paymentDetails.chargeAmount")
  }
  requireCurrency(body.chargeAmount, expected.currencyCode, "chargeAmount")
  const amount = toMinor(body.chargeAmount, "chargeAmount", { allowZero: true })
  if (amount !== toMinor(expected, "paymentDetails.chargeAmount", { allowZero: true })) {
    throw badRequest("AmountMismatch", "chargeAmount does not match the Checkout Session's paymentDetails.chargeAmount")
  }
  if (body.totalOrderAmount) {
    requireCurrency(body.totalOrderAmount, expected.currencyCode, "totalOrderAmount")
    session.paymentDetails = { ...session.paymentDetails, totalOrderAmount: body.totalOrderAmount }
    checkPaymentDetails(session.paymentDetails)
  }
  return settleCheckout(ctx, session)
}

export function finalizeCheckoutSession(ctx: OperationContext, id: string, data: unknown): OperationResult {
  const session = ctx.store.checkoutSession(id)
  const body = validate(finalizeCheckoutSessionSchema, data)
  requireOpen(session)
  // Buy Now ("JS-only") flow: the buyer confirmed in Amazon's popup, the amounts arrive here.
  if (!session.buyer) {
    throw invalidState("InvalidCheckoutSessionStatus", `The buyer has not confirmed Checkout Session ${session.id} yet`)
  }
  session.outcome ??= "success"
  const paymentDetails: PaymentDetails = {
    ...session.paymentDetails,
    chargeAmount: body.chargeAmount,
    totalOrderAmount: body.totalOrderAmount ?? session.paymentDetails?.totalOrderAmount ?? null,
    paymentIntent: body.paymentIntent,
    canHandlePendingAuthorization: body.canHandlePendingAuthorization ?? false,
  }
  checkPaymentDetails(paymentDetails)
  session.paymentDetails = paymentDetails
  session.shippingAddress = body.shippingAddress ?? session.shippingAddress
  session.billingAddress = body.billingAddress ?? session.billingAddress
  return settleCheckout(ctx, session)
}


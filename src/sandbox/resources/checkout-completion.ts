/**
 * Complete and Finalize Checkout Session. Complete answers 200, or 202 while the charge is
 * AuthorizationInitiated; a canceled or declined checkout is 422 CheckoutSessionCanceled with the
 * reason on the session (Amazon Pay "Checkout Session" > Complete Checkout Session). What happens
 * once the request is valid: checkout-settlement.ts.
 */
import type { PaymentDetails } from "../../lib/amazon-pay/types"
import { badRequest, invalidState } from "../api-error"
import { requireCurrency, toMinor } from "../money"
import type { CheckoutSessionRecord } from "../records"
import { completeCheckoutSessionSchema, finalizeCheckoutSessionSchema, validate } from "../validation"
import { requireOpen } from "./checkout-session-update"
import { settleCheckout } from "./checkout-settlement"
import type { OperationContext, OperationResult } from "./context"
import { checkPaymentDetails } from "./payment-details-rules"

function requireBuyerDone(session: CheckoutSessionRecord): void {
  if (session.outcome === null) {
    throw invalidState(
      "InvalidCheckoutSessionStatus",
      `The buyer has not finished checkout on the Amazon Pay page for Checkout Session ${session.id}`
    )
  }
}

export function completeCheckoutSession(ctx: OperationContext, id: string, data: unknown): OperationResult {
  const session = ctx.store.checkoutSession(id, ctx.merchantId)
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
    const paymentDetails = { ...session.paymentDetails, totalOrderAmount: body.totalOrderAmount }
    checkPaymentDetails(paymentDetails, ctx.behaviour)
    session.paymentDetails = paymentDetails
  }
  return settleCheckout(ctx, session)
}

export function finalizeCheckoutSession(ctx: OperationContext, id: string, data: unknown): OperationResult {
  const session = ctx.store.checkoutSession(id, ctx.merchantId)
  const body = validate(finalizeCheckoutSessionSchema, data)
  requireOpen(session)
  // Buy Now ("JS-only") flow: the buyer confirmed in Amazon's popup, the amounts arrive here.
  if (!session.buyer) {
    throw invalidState("InvalidCheckoutSessionStatus", `The buyer has not confirmed Checkout Session ${session.id} yet`)
  }
  const paymentDetails: PaymentDetails = {
    ...session.paymentDetails,
    chargeAmount: body.chargeAmount,
    totalOrderAmount: body.totalOrderAmount ?? session.paymentDetails?.totalOrderAmount ?? null,
    paymentIntent: body.paymentIntent,
    canHandlePendingAuthorization: body.canHandlePendingAuthorization ?? false,
  }
  checkPaymentDetails(paymentDetails, ctx.behaviour)
  session.outcome ??= "success"
  session.paymentDetails = paymentDetails
  session.shippingAddress = body.shippingAddress ?? session.shippingAddress
  session.billingAddress = body.billingAddress ?? session.billingAddress
  return settleCheckout(ctx, session, true)
}

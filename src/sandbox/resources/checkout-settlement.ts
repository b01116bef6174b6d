/**
 * What Complete / Finalize Checkout Session do once the request is valid: apply the buyer's
 * outcome (or the `x-amz-pay-simulation-code`), create the Charge Permission and, for paymentIntent
 * Authorize / AuthorizeWithCapture, the Charge (Amazon Pay "Complete Checkout Session").
 *
 * Pending outcomes need paymentIntent Authorize and canHandlePendingAuthorization true, like
 * Amazon's pending test cards (...0701, ...4354). Without them the sandbox answers as Amazon does
 * for a merchant that cannot handle pending authorizations: synchronously, pendingThenAuthorized as
 * a success and pendingThenDeclined as a decline.
 */
import { SandboxApiError, badRequest } from "../api-error"
import { toMinor } from "../money"
import type { BuyerOutcome, CheckoutSessionRecord } from "../records"
import { checkoutSessionView } from "../views"
import { createChargePermission } from "./charge-permissions"
import { openCharge, type ChargeOutcome } from "./charges"
import type { OperationContext, OperationResult } from "./context"

type Effective = BuyerOutcome | "amazonCanceled"

const SIMULATED: Record<string, Effective> = {
  BuyerCanceled: "buyerCanceled",
  AmazonCanceled: "amazonCanceled",
  Declined: "declined",
  AuthorizationInitiated: "pendingThenAuthorized",
}

const CANCELLATIONS: Partial<Record<Effective, { reasonCode: string; description: string }>> = {
  buyerCanceled: { reasonCode: "BuyerCanceled", description: "The buyer canceled the checkout" },
  amazonCanceled: { reasonCode: "AmazonCanceled", description: "Amazon canceled the checkout" },
  declined: { reasonCode: "Declined", description: "The payment method was declined" },
}

/** `finalize`: answer as Finalize Checkout Session does (views/checkout-session.ts). */
export function settleCheckout(ctx: OperationContext, session: CheckoutSessionRecord, finalize = false): OperationResult {
  const { store } = ctx
  const details = session.paymentDetails ?? {}
  const intent = details.paymentIntent ?? "Authorize"
  const pendingCapable = intent === "Authorize" && details.canHandlePendingAuthorization === true
  let effective: Effective = (ctx.simulationCode && SIMULATED[ctx.simulationCode]) || session.outcome || "success"
  if (ctx.simulationCode === "AuthorizationInitiated" && !pendingCapable) {
    throw badRequest(
      "InvalidSandboxSimulationSpecified",
      "AuthorizationInitiated needs paymentIntent Authorize and canHandlePendingAuthorization true"
    )
  }
  if (!pendingCapable && effective === "pendingThenAuthorized") {
    effective = "success"
  } else if (!pendingCapable && effective === "pendingThenDeclined") {
    effective = "declined"
  }
  const cancellation = CANCELLATIONS[effective]
  if (cancellation) {
    store.setSessionState(session, "Canceled", cancellation.reasonCode, cancellation.description)
    throw new SandboxApiError(422, "CheckoutSessionCanceled", `Checkout was not successful: ${cancellation.description}`)
  }
  const chargePrice = details.chargeAmount
  if (!chargePrice) {
    throw badRequest("MissingParameterValue", "paymentDetails.chargeAmount is not set")
  }
  const currencyCode = chargePrice.currencyCode
  const amount = toMinor(chargePrice, "chargeAmount", { allowZero: true })
  const orderTotal = details.totalOrderAmount ? toMinor(details.totalOrderAmount, "totalOrderAmount") : amount
  const permission = createChargePermission(store, {
    merchantId: session.merchantId,
    type: session.chargePermissionType,
    currencyCode,
    limit: session.chargePermissionType === "Recurring" ? null : orderTotal,
    buyer: session.buyer,
    shippingAddress: session.shippingAddress,
    billingAddress: session.billingAddress,
    merchantMetadata: session.merchantMetadata,
    platformId: session.platformId,
    paymentDescriptor: session.paymentDescriptor,
    recurringMetadata: session.chargePermissionType === "Recurring" ? session.recurringMetadata : null,
    releaseEnvironment: session.releaseEnvironment,
  })
  session.chargePermissionId = permission.id
  let status = 200
  if (intent !== "Confirm" && amount > 0n) {
    const pending = effective === "pendingThenAuthorized" || effective === "pendingThenDeclined"
    const outcome: ChargeOutcome =
      effective === "pendingThenDeclined"
        ? { state: "Declined", reasonCode: "HardDeclined" }
        : { state: intent === "AuthorizeWithCapture" ? "Captured" : "Authorized", reasonCode: null }
    const charge = openCharge(store, {
      permission,
      amount,
      outcome,
      pendingAuthorization: pending,
      softDescriptor: details.softDescriptor ?? null,
      merchantMetadata: session.merchantMetadata,
      platformId: session.platformId,
      releaseEnvironment: session.releaseEnvironment,
    })
    session.chargeId = charge.id
    status = charge.status.state === "AuthorizationInitiated" ? 202 : 200
  }
  store.setSessionState(session, "Completed")
  return { status, body: checkoutSessionView(store, session, finalize) }
}

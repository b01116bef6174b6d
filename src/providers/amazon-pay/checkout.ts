/**
 * The Checkout Session half of the flow: preparing it for the buyer's confirmation with the
 * current amount (Update Checkout Session), and completing it at authorization (Complete Checkout
 * Session), reconciling instead of completing twice when a retry finds it already Completed.
 */
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type { AmazonPayClient } from "../../lib/amazon-pay/client"
import type { Charge, CheckoutSession, Price } from "../../lib/amazon-pay/types"
import { comparePrices } from "./amounts"
import { merchantMetadataFor, paymentDetailsFor } from "./button"
import { asMedusa, hasReason, toMedusaError } from "./errors"
import { amazonIdempotencyKey } from "./idempotency"
import type { AmazonPayOptions } from "./options"
import { upsertCharge, type AmazonPayPaymentData } from "./payment-data"
import { requireUrl, type ReturnUrls } from "./storefront-input"

export interface CheckoutDeps {
  client: AmazonPayClient
  options: AmazonPayOptions
}

/** An Open session is ready to complete when Amazon knows where to return and the amount we charge. */
function isReadyToComplete(session: CheckoutSession, chargeAmount: Price): boolean {
  const amount = session.paymentDetails?.chargeAmount
  return Boolean(
    session.webCheckoutDetails?.checkoutResultReturnUrl &&
      amount &&
      amount.currencyCode === chargeAmount.currencyCode &&
      comparePrices(amount, chargeAmount) === 0
  )
}

function canceledSessionError(session: CheckoutSession): MedusaError {
  const reason = session.statusDetails.reasonCode ?? "Canceled"
  return new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `Amazon Pay checkout session ${session.checkoutSessionId} was canceled (${reason}); restart the Amazon Pay checkout`
  )
}

/**
 * Makes sure the Open Checkout Session will charge exactly `data.chargeAmount` and return to the
 * result URL; when Amazon needs the buyer to confirm again it hands back `amazonPayRedirectUrl`.
 * `known` is the session as just read, when the caller has it (saves one Get Checkout Session).
 */
export async function prepareForConfirmation(
  deps: CheckoutDeps,
  data: AmazonPayPaymentData,
  urls: ReturnUrls,
  known?: CheckoutSession
): Promise<AmazonPayPaymentData> {
  const id = data.checkoutSessionId as string
  const session = known ?? (await asMedusa("read the checkout session", () => deps.client.getCheckoutSession(id)))
  if (session.statusDetails.state === "Canceled") {
    throw canceledSessionError(session)
  }
  if (session.statusDetails.state !== "Open") {
    return { ...data, amazonPayRedirectUrl: session.webCheckoutDetails?.amazonPayRedirectUrl ?? null }
  }
  if (isReadyToComplete(session, data.chargeAmount)) {
    if (session.merchantMetadata?.merchantReferenceId === data.session_id) {
      return { ...data, amazonPayRedirectUrl: session.webCheckoutDetails?.amazonPayRedirectUrl ?? null }
    }
    // Prepared for an earlier Medusa payment session of this cart: Medusa replaces the session each
    // time the storefront initiates one (e.g. again after an error). IPNs and the polling job find
    // the payment through merchantReferenceId (webhooks/ownership.ts), so it must name the session
    // that will be authorized. Only the metadata changes; amount and return URL stay as confirmed
    // (found by the fault campaign: such orders never settled a pending authorization).
    // Best effort: Amazon allows metadata changes only until the buyer is sent to
    // amazonPayRedirectUrl; after that the checkout keeps going under the earlier reference, as before.
    const relabeled = await deps.client
      .updateCheckoutSession(id, { merchantMetadata: merchantMetadataFor(deps.options, data.session_id) })
      .catch(() => session)
    return { ...data, amazonPayRedirectUrl: relabeled.webCheckoutDetails?.amazonPayRedirectUrl ?? session.webCheckoutDetails?.amazonPayRedirectUrl ?? null }
  }
  const updated = await asMedusa("update the checkout session", () =>
    deps.client.updateCheckoutSession(id, {
      webCheckoutDetails: { checkoutResultReturnUrl: requireUrl(urls, "checkoutResultReturnUrl") },
      paymentDetails: paymentDetailsFor(deps.options, data.chargeAmount),
      merchantMetadata: merchantMetadataFor(deps.options, data.session_id),
    })
  )
  return { ...data, amazonPayRedirectUrl: updated.webCheckoutDetails?.amazonPayRedirectUrl ?? null }
}

export interface AuthorizationResult {
  status: PaymentSessionStatus
  data: AmazonPayPaymentData
}

/** Charge state -> authorize result; declines and cancellations throw with Amazon's reason. */
export function authorizationOutcome(charge: Charge, data: AmazonPayPaymentData): AuthorizationResult {
  const { state, reasonCode } = charge.statusDetails
  switch (state) {
    case "Authorized":
    case "CaptureInitiated":
      return { status: PaymentSessionStatus.AUTHORIZED, data }
    case "Captured":
      return { status: PaymentSessionStatus.CAPTURED, data }
    case "AuthorizationInitiated":
      return { status: PaymentSessionStatus.PENDING_AUTHORIZATION, data }
    case "Declined": {
      const advice =
        reasonCode === "SoftDeclined"
          ? "the buyer may retry"
          : reasonCode === "HardDeclined"
            ? "the buyer should choose another payment method"
            : "the buyer should choose another payment method or try again later"
      return throwDeclined(`Amazon Pay declined the payment (${reasonCode ?? "Declined"}): ${advice}`)
    }
    default:
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Amazon Pay charge ${charge.chargeId} is ${state} (${reasonCode ?? "no reason"}); restart the Amazon Pay checkout`
      )
  }
}

function throwDeclined(message: string): never {
  throw new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, message)
}

/** Reads the charge and permission a Completed session produced and records them. */
async function recordCompletedSession(
  deps: CheckoutDeps,
  data: AmazonPayPaymentData,
  session: CheckoutSession
): Promise<AuthorizationResult> {
  if (!session.chargeId || !session.chargePermissionId) {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `Amazon Pay checkout session ${session.checkoutSessionId} has no charge yet`
    )
  }
  const [charge, permission] = await asMedusa("read the charge", () =>
    Promise.all([
      deps.client.getCharge(session.chargeId as string),
      deps.client.getChargePermission(session.chargePermissionId as string),
    ])
  )
  const recorded = upsertCharge(
    { ...data, chargePermissionId: permission.chargePermissionId, chargePermissionState: permission.statusDetails.state },
    charge
  )
  return authorizationOutcome(charge, { ...recorded, amazonPayRedirectUrl: null, buyerActionRequired: null })
}

/**
 * Complete Checkout Session straight away: it is the one call a completion needs, and Amazon itself
 * refuses to complete a session that is not ready (not Open, the buyer not back from
 * amazonPayRedirectUrl, another amount: no money moves). Only a refused or failed Complete reads
 * the session to tell the cases apart (`settleRefusedCompletion`), so the common case costs one
 * round trip less than reading the session first (what this function did before: at ~150 ms per
 * Amazon call, 150 ms of every cart completion).
 */
export async function completeCheckout(
  deps: CheckoutDeps,
  data: AmazonPayPaymentData,
  urls: ReturnUrls,
  idempotencyKey: string | undefined
): Promise<AuthorizationResult> {
  const id = data.checkoutSessionId as string
  let completed: CheckoutSession
  try {
    completed = await deps.client.completeCheckoutSession(
      id,
      { chargeAmount: data.chargeAmount },
      { idempotencyKey: amazonIdempotencyKey(idempotencyKey ?? data.session_id) }
    )
  } catch (error) {
    return settleRefusedCompletion(deps, data, urls, error)
  }
  if (completed.statusDetails.state === "Canceled") {
    throw canceledOrDeclined(completed)
  }
  return recordCompletedSession(deps, data, completed)
}

/**
 * Complete was refused or its answer lost. The session's state says why: Completed earlier (a
 * retry after a lost answer, a second authorize: recorded, never completed twice) or concurrently;
 * Canceled or declined by the buyer or Amazon; Open with another amount or no result URL (the cart
 * changed: the amount is set and the buyer sent back to Amazon); Open and ready but not confirmed
 * (Amazon forgets the buyer's confirmation when Update Checkout Session changes the amount).
 */
async function settleRefusedCompletion(
  deps: CheckoutDeps,
  data: AmazonPayPaymentData,
  urls: ReturnUrls,
  error: unknown
): Promise<AuthorizationResult> {
  const current = await deps.client.getCheckoutSession(data.checkoutSessionId as string).catch(() => null)
  const state = current?.statusDetails.state
  if (current && state === "Completed") {
    return recordCompletedSession(deps, data, current)
  }
  if (current && state === "Canceled") {
    throw canceledOrDeclined(current)
  }
  if (current && state === "Open" && !isReadyToComplete(current, data.chargeAmount)) {
    const prepared = await prepareForConfirmation(deps, data, urls, current)
    return buyerMustConfirm(prepared, prepared.amazonPayRedirectUrl ?? null)
  }
  if (current && state === "Open" && hasReason(error, "InvalidCheckoutSessionStatus")) {
    return buyerMustConfirm(data, current.webCheckoutDetails?.amazonPayRedirectUrl ?? null)
  }
  if (hasReason(error, "AmountMismatch")) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Amazon Pay refused the amount: the cart total changed since the buyer confirmed; restart the Amazon Pay checkout (AmountMismatch)"
    )
  }
  throw toMedusaError(error, "complete the checkout session")
}

/**
 * `requires_more`: Medusa stores this data on the session and fails the cart completion; the
 * storefront sends the buyer to `amazonPayRedirectUrl` and completes the cart again afterwards.
 */
function buyerMustConfirm(data: AmazonPayPaymentData, redirectUrl: string | null): AuthorizationResult {
  const { amount, currencyCode } = data.chargeAmount
  const message =
    `Amazon Pay needs the buyer to confirm ${amount} ${currencyCode} (the cart changed after the buyer confirmed, or ` +
    `the buyer has not finished on Amazon's page): send the buyer to amazonPayRedirectUrl, then complete the cart again`
  return {
    status: PaymentSessionStatus.REQUIRES_MORE,
    data: { ...data, amazonPayRedirectUrl: redirectUrl, buyerActionRequired: { reason: "BuyerConfirmationRequired", message } },
  }
}

function canceledOrDeclined(session: CheckoutSession): MedusaError {
  const reason = session.statusDetails.reasonCode
  if (reason === "Declined") {
    return new MedusaError(
      MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR,
      "Amazon Pay declined the payment (Declined): the buyer should choose another payment method"
    )
  }
  return canceledSessionError(session)
}

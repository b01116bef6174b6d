/**
 * The Checkout Session half of the flow, under the payment's lock:
 * - `adoptCheckout`: a storefront hands in `amazonCheckoutSessionId`. Amazon is asked whether the
 *   checkout belongs to this cart (binding.ts) BEFORE anything is read for the storefront, updated
 *   or recorded; then it is bound to the cart in the journal and prepared for the buyer's
 *   confirmation with the current amount;
 * - `completeCheckout`: authorization (journaled Complete Checkout Session), recording instead of
 *   completing twice when Amazon says it is already Completed, and only for this cart and amount.
 *
 * Amazon documents the checkout's details as modifiable until the buyer is sent to
 * `amazonPayRedirectUrl`, and no way to re-confirm a changed amount on the same session. Once a
 * redirect URL exists the buyer may have confirmed, so a changed cart starts a NEW Amazon checkout
 * (the storefront gets a fresh button, `buyerActionRequired.reason = NewCheckoutRequired`); the old
 * one is left to expire.
 */
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type { Charge, CheckoutSession, Price } from "../../lib/amazon-pay/types"
import { comparePrices } from "./amounts"
import { assertCheckoutOwnedBy, assertCompletedForAmount } from "./binding"
import { paymentDetailsFor } from "./button"
import type { ProviderDeps } from "./deps"
import { asMedusa, hasReason, toMedusaError } from "./medusa-errors"
import { journaledCall, type PaymentRef } from "./journal/journaled-call"
import { projectPaymentData, recordCharge, recordCheckoutSession, recordPermission } from "./journal/registry"
import { settleOpenOperations } from "./journal/settle-open"
import type { AmazonPayPaymentData } from "./payment-data"
import { requireUrl, type ReturnUrls } from "./storefront-input"

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

/** The buyer may already have been sent to Amazon's confirmation page: its details are final. */
function mayHaveConfirmed(session: CheckoutSession): boolean {
  return Boolean(session.webCheckoutDetails?.amazonPayRedirectUrl)
}

function canceledSessionError(session: CheckoutSession): MedusaError {
  const reason = session.statusDetails.reasonCode ?? "Canceled"
  return new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `Amazon Pay checkout session ${session.checkoutSessionId} was canceled (${reason}); restart the Amazon Pay checkout`
  )
}

function refuseForeign(checkoutSessionId: string): MedusaError {
  return new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `Amazon Pay checkout session ${checkoutSessionId} does not belong to this cart: start the Amazon Pay checkout from this cart's button`
  )
}

/** The cart changed after the buyer may have confirmed: a new Amazon checkout, from a fresh button. */
export function newCheckoutRequired(data: AmazonPayPaymentData): AmazonPayPaymentData {
  const { amount, currencyCode } = data.chargeAmount
  return {
    ...data,
    checkoutSessionId: null,
    amazonPayRedirectUrl: null,
    buyerActionRequired: {
      reason: "NewCheckoutRequired",
      message:
        `The cart changed to ${amount} ${currencyCode} after the buyer went to Amazon Pay, and Amazon cannot re-confirm ` +
        "a changed amount: show the Amazon Pay button again (session data `button`) for a new checkout",
    },
  }
}

/** Reads the checkout; refuses one that is bound to another cart in the journal without asking Amazon. */
async function readOwnCheckout(deps: ProviderDeps, ref: PaymentRef, checkoutSessionId: string): Promise<CheckoutSession> {
  const known = await deps.journal.objectByAmazonId(checkoutSessionId)
  if (known && known.payment_collection_id !== ref.paymentCollectionId) {
    throw refuseForeign(checkoutSessionId)
  }
  return asMedusa("read the checkout session", () => deps.client.getCheckoutSession(checkoutSessionId))
}

/**
 * A storefront hands in `amazonCheckoutSessionId` (initiate/update of the payment session). Returns
 * the record with the checkout bound and ready for the buyer's confirmation, or refuses.
 */
export async function adoptCheckout(
  deps: ProviderDeps,
  ref: PaymentRef,
  data: AmazonPayPaymentData,
  checkoutSessionId: string,
  urls: ReturnUrls
): Promise<AmazonPayPaymentData> {
  return deps.lock.run(ref.paymentCollectionId, async () => {
    const session = await readOwnCheckout(deps, ref, checkoutSessionId)
    const state = session.statusDetails.state
    if (state === "Canceled") {
      throw canceledSessionError(session)
    }
    if (state === "Completed") {
      const recorded = await recordCompletedSession(deps, ref, data, session)
      return { ...recorded.data, checkoutSessionId, amazonPayRedirectUrl: null }
    }
    assertCheckoutOwnedBy(session, null, ref.paymentCollectionId)
    await recordCheckoutSession(deps.journal, ref, session)
    const bound = { ...data, checkoutSessionId, buyerActionRequired: null }
    if (isReadyToComplete(session, data.chargeAmount)) {
      return { ...bound, amazonPayRedirectUrl: session.webCheckoutDetails?.amazonPayRedirectUrl ?? null }
    }
    if (mayHaveConfirmed(session)) {
      return newCheckoutRequired(bound)
    }
    return setAmountForConfirmation(deps, bound, checkoutSessionId, urls)
  })
}

/** Update Checkout Session with the amount and result URL; Amazon hands back amazonPayRedirectUrl. */
async function setAmountForConfirmation(
  deps: ProviderDeps,
  data: AmazonPayPaymentData,
  checkoutSessionId: string,
  urls: ReturnUrls
): Promise<AmazonPayPaymentData> {
  let updated: CheckoutSession
  try {
    updated = await deps.client.updateCheckoutSession(checkoutSessionId, {
      webCheckoutDetails: { checkoutResultReturnUrl: requireUrl(urls, "checkoutResultReturnUrl") },
      paymentDetails: paymentDetailsFor(deps.options, data.chargeAmount),
    })
  } catch (error) {
    if (hasReason(error, "InvalidCheckoutSessionStatus")) {
      // Amazon no longer takes changes (the buyer was sent to its page): a new checkout.
      return newCheckoutRequired(data)
    }
    throw toMedusaError(error, "update the checkout session")
  }
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
    case "Declined":
      throw declinedAuthorization(reasonCode)
    default:
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Amazon Pay charge ${charge.chargeId} is ${state} (${reasonCode ?? "no reason"}); restart the Amazon Pay checkout`
      )
  }
}

function declinedAuthorization(reasonCode: string | null | undefined): MedusaError {
  const advice =
    reasonCode === "SoftDeclined"
      ? "the buyer may retry"
      : reasonCode === "HardDeclined"
        ? "the buyer should choose another payment method"
        : "the buyer should choose another payment method or try again later"
  return new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, `Amazon Pay declined the payment (${reasonCode ?? "Declined"}): ${advice}`)
}

/**
 * A Completed checkout: its charge permission must name this cart and its charge this cart's
 * amount; then session, permission (bound to this cart: one permission never backs two) and charge
 * are recorded.
 */
async function recordCompletedSession(
  deps: ProviderDeps,
  ref: PaymentRef,
  data: AmazonPayPaymentData,
  session: CheckoutSession
): Promise<AuthorizationResult> {
  if (!session.chargeId || !session.chargePermissionId) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Amazon Pay checkout session ${session.checkoutSessionId} has no charge yet`)
  }
  const [charge, permission] = await asMedusa("read the charge", () =>
    Promise.all([deps.client.getCharge(session.chargeId as string), deps.client.getChargePermission(session.chargePermissionId as string)])
  )
  assertCheckoutOwnedBy(session, permission, ref.paymentCollectionId)
  assertCompletedForAmount(charge.chargeAmount, data.chargeAmount, session.checkoutSessionId)
  await recordCheckoutSession(deps.journal, ref, session)
  await recordPermission(deps.journal, ref, permission)
  await recordCharge(deps.journal, ref, charge)
  const recorded = projectPaymentData(
    { ...data, chargePermissionId: permission.chargePermissionId, amazonPayRedirectUrl: null, buyerActionRequired: null },
    await deps.journal.objectsOf(ref.paymentCollectionId)
  )
  return authorizationOutcome(charge, recorded)
}

/**
 * Authorization: Complete Checkout Session for exactly the cart's amount, journaled. Only a
 * checkout this cart adopted (bound in the journal) is completed. A refused or lost Complete reads
 * the session to tell the cases apart (`settleRefusedCompletion`).
 */
export async function completeCheckout(
  deps: ProviderDeps,
  ref: PaymentRef,
  data: AmazonPayPaymentData,
  urls: ReturnUrls
): Promise<AuthorizationResult> {
  const checkoutSessionId = data.checkoutSessionId
  if (!checkoutSessionId) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Amazon Pay needs `amazonCheckoutSessionId` in the payment session data: create the session again with " +
        "the id Amazon appended to the return URL"
    )
  }
  return deps.lock.run(ref.paymentCollectionId, async () => {
    const bound = await deps.journal.objectByAmazonId(checkoutSessionId)
    if (!bound || bound.payment_collection_id !== ref.paymentCollectionId) {
      throw refuseForeign(checkoutSessionId)
    }
    if (bound.state === "Completed") {
      // Completed before (a pending authorization settled since, a retried authorize): read, never complete twice.
      const session = await asMedusa("read the checkout session", () => deps.client.getCheckoutSession(checkoutSessionId))
      return recordCompletedSession(deps, ref, data, session)
    }
    await settleOpenOperations(deps, ref, "checkout")
    let completed: CheckoutSession
    try {
      const { answer } = await journaledCall(deps.journal, deps.client, ref, {
        kind: "complete_checkout",
        targetId: checkoutSessionId,
        request: { chargeAmount: data.chargeAmount },
        amount: data.chargeAmount,
      })
      completed = answer as CheckoutSession
    } catch (error) {
      return settleRefusedCompletion(deps, ref, data, urls, error)
    }
    if (completed.statusDetails.state === "Canceled") {
      await recordCheckoutSession(deps.journal, ref, completed)
      throw canceledOrDeclined(completed)
    }
    return recordCompletedSession(deps, ref, data, completed)
  })
}

/**
 * Complete was refused or its answer lost. The session's state says why: Completed earlier (a
 * retry after a lost answer, a second authorize: recorded, never completed twice); Canceled or
 * declined; Open with another amount (the cart changed: set it if the buyer has not been sent to
 * Amazon yet, else a new checkout); Open and ready but the buyer not back from Amazon's page.
 */
async function settleRefusedCompletion(
  deps: ProviderDeps,
  ref: PaymentRef,
  data: AmazonPayPaymentData,
  urls: ReturnUrls,
  error: unknown
): Promise<AuthorizationResult> {
  const id = data.checkoutSessionId as string
  const current = await deps.client.getCheckoutSession(id).catch(() => null)
  const state = current?.statusDetails.state
  if (current && state === "Completed") {
    return recordCompletedSession(deps, ref, data, current)
  }
  if (current && state === "Canceled") {
    await recordCheckoutSession(deps.journal, ref, current)
    throw canceledOrDeclined(current)
  }
  if (current && state === "Open" && !isReadyToComplete(current, data.chargeAmount)) {
    if (mayHaveConfirmed(current)) {
      return { status: PaymentSessionStatus.REQUIRES_MORE, data: newCheckoutRequired(data) }
    }
    const prepared = await setAmountForConfirmation(deps, data, id, urls)
    return prepared.checkoutSessionId ? buyerMustConfirm(prepared) : { status: PaymentSessionStatus.REQUIRES_MORE, data: prepared }
  }
  if (current && state === "Open" && hasReason(error, "InvalidCheckoutSessionStatus")) {
    return buyerMustConfirm({ ...data, amazonPayRedirectUrl: current.webCheckoutDetails?.amazonPayRedirectUrl ?? null })
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
function buyerMustConfirm(data: AmazonPayPaymentData): AuthorizationResult {
  const { amount, currencyCode } = data.chargeAmount
  const message =
    `Amazon Pay needs the buyer to confirm ${amount} ${currencyCode} (the buyer has not finished on Amazon's page): ` +
    "send the buyer to amazonPayRedirectUrl, then complete the cart again"
  return {
    status: PaymentSessionStatus.REQUIRES_MORE,
    data: { ...data, buyerActionRequired: { reason: "BuyerConfirmationRequired", message } },
  }
}

function canceledOrDeclined(session: CheckoutSession): MedusaError {
  if (session.statusDetails.reasonCode === "Declined") {
    return declinedAuthorization("Declined")
  }
  return canceledSessionError(session)
}

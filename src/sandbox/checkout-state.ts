/**
 * Derived facts about a Checkout Session: whether it is ready for the buyer's final leg, where
 * amazonPayRedirectUrl points, and the `constraints` Amazon lists while something is missing
 * (Amazon Pay "Checkout Session" reference: BuyerNotAssociated, ChargeAmountNotSet,
 * CheckoutResultReturnUrlNotSet, PaymentIntentNotSet).
 */
import type { CheckoutSessionRecord } from "./records"
import type { SandboxStore } from "./store"

/** The session is ready for the buyer's final leg: result URL and payment details are set. */
export function isReadyToProcess(session: CheckoutSessionRecord): boolean {
  const details = session.paymentDetails
  return Boolean(session.webCheckoutDetails.checkoutResultReturnUrl && details?.chargeAmount && details.paymentIntent)
}

export function buyerPageUrl(store: SandboxStore, sessionId: string): string {
  return `${store.settings.baseUrl()}/checkout/${encodeURIComponent(sessionId)}`
}

export interface Constraint {
  constraintId: string
  description: string
}

export function sessionConstraints(session: CheckoutSessionRecord): Constraint[] {
  const constraints: Constraint[] = []
  if (!session.buyer) {
    constraints.push({ constraintId: "BuyerNotAssociated", description: "There is no buyer associated with the Checkout Session" })
  }
  if (!session.paymentDetails?.chargeAmount) {
    constraints.push({ constraintId: "ChargeAmountNotSet", description: "chargeAmount is not set" })
  }
  if (!session.webCheckoutDetails.checkoutResultReturnUrl) {
    constraints.push({ constraintId: "CheckoutResultReturnUrlNotSet", description: "checkoutResultReturnUrl is not set" })
  }
  if (!session.paymentDetails?.paymentIntent) {
    constraints.push({ constraintId: "PaymentIntentNotSet", description: "paymentIntent is not set" })
  }
  return constraints
}

/**
 * Update Checkout Session. Checkout Session details are modifiable while the session is Open and
 * only until the buyer is redirected to amazonPayRedirectUrl (Amazon Pay "Checkout Session" > Update
 * Checkout Session); no documented way re-confirms a changed amount on the same session: a store
 * must start a new checkout. So, by default, once the buyer has been sent to amazonPayRedirectUrl
 * (the result-leg page was opened or the buyer confirmed there) every update is refused with 422
 * InvalidCheckoutSessionStatus, the code Amazon documents for an operation the session's state does
 * not allow (the status of this particular refusal is the sandbox's choice). merchantMetadata is
 * refused too: the stricter reading, since the buyer saw the merchant's note and store name.
 *
 * `updateAfterRedirect: "reconfirm"` keeps the older sandbox reading: a changed chargeAmount after
 * the buyer's confirmation forgets it, and Complete fails until the buyer approves again.
 */
import type { PaymentDetails } from "../../lib/amazon-pay/types"
import { invalidState } from "../api-error"
import { toMinor } from "../money"
import type { CheckoutSessionRecord } from "../records"
import { updateCheckoutSessionSchema, validate } from "../validation"
import { checkoutSessionView } from "../views"
import type { OperationContext, OperationResult } from "./context"
import { checkPaymentDetails } from "./payment-details-rules"

export function requireOpen(session: CheckoutSessionRecord): void {
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
  const session = ctx.store.checkoutSession(id, ctx.merchantId)
  const body = validate(updateCheckoutSessionSchema, data)
  requireOpen(session)
  const reconfirm = ctx.behaviour.updateAfterRedirect === "reconfirm"
  if (session.redirected && !reconfirm) {
    throw invalidState(
      "InvalidCheckoutSessionStatus",
      `Checkout Session ${session.id} can no longer be updated: the buyer was redirected to amazonPayRedirectUrl`
    )
  }
  const paymentDetails = body.paymentDetails ? { ...session.paymentDetails, ...body.paymentDetails } : session.paymentDetails
  checkPaymentDetails(paymentDetails, ctx.behaviour)
  if (body.webCheckoutDetails) {
    session.webCheckoutDetails = { ...session.webCheckoutDetails, ...body.webCheckoutDetails }
  }
  if (reconfirm && session.outcome !== null && chargeAmountChanged(session.paymentDetails, paymentDetails)) {
    // The buyer confirmed another amount: Complete fails until they approve the new one.
    session.outcome = null
  }
  session.paymentDetails = paymentDetails
  if (body.merchantMetadata) {
    session.merchantMetadata = { ...session.merchantMetadata, ...body.merchantMetadata }
  }
  session.platformId = body.platformId ?? session.platformId
  session.providerMetadata = body.providerMetadata ?? session.providerMetadata
  session.recurringMetadata = body.recurringMetadata ?? session.recurringMetadata
  return { status: 200, body: checkoutSessionView(ctx.store, session) }
}

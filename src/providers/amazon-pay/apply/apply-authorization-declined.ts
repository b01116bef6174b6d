/**
 * A pending authorization (order placed under `pending_authorization`, charge
 * AuthorizationInitiated) that Amazon then declined: no money was authorized, so the order must
 * not ship. Medusa core ignores `failed` webhooks (Medusa issue 16398). Amazon's own Magento
 * module cancels the order; a store may prefer to only flag it (`onPendingAuthorizationDeclined`).
 *
 * Never reopens anything: a canceled order is left alone, and a flagged order is not flagged twice,
 * so the event fires once per order however often the IPN (or the polling job) comes back.
 */
import { cancelOrderWorkflow } from "@medusajs/medusa/core-flows"
import type { Charge } from "../../../lib/amazon-pay/types"
import { orderOfPaymentCollection, type MedusaServices } from "../store-container/store-services"

export const AUTHORIZATION_DECLINED_EVENT = "amazon-pay.authorization.declined"
export const DECLINED_FLAG = "amazon_pay_authorization_declined"

export interface DeclinedSession {
  id: string
  payment_collection_id: string
}

export type AuthorizationDeclinedOutcome = "canceled_order" | "flagged_order" | "already_handled" | "no_order"

export async function applyAuthorizationDeclined(
  services: MedusaServices,
  session: DeclinedSession,
  charge: Charge,
  mode: "cancel_order" | "flag"
): Promise<AuthorizationDeclinedOutcome> {
  const order = await orderOfPaymentCollection(services, session.payment_collection_id)
  if (!order) {
    return "no_order"
  }
  if (order.status === "canceled" || order.metadata?.[DECLINED_FLAG]) {
    await markSessionError(services, session.id)
    return "already_handled"
  }
  const flag = {
    charge_id: charge.chargeId,
    reason_code: charge.statusDetails.reasonCode ?? null,
    at: new Date().toISOString(),
    action: mode,
  }
  // Cancel first: a canceled order is the guard against a second delivery. If cancelling throws
  // (cancelOrderWorkflow compensates itself), nothing is flagged and the next delivery or poll
  // tries again. The flag then records why the order was canceled (or, in "flag" mode, that a
  // person has to decide).
  let outcome: AuthorizationDeclinedOutcome = "flagged_order"
  if (mode === "cancel_order") {
    await cancelOrderWorkflow(services.container).run({ input: { order_id: order.id } })
    outcome = "canceled_order"
  }
  await services.order.updateOrders(order.id, { metadata: { ...(order.metadata ?? {}), [DECLINED_FLAG]: flag } } as any)
  await markSessionError(services, session.id)
  await services.events.emit({
    name: AUTHORIZATION_DECLINED_EVENT,
    data: {
      order_id: order.id,
      payment_collection_id: session.payment_collection_id,
      payment_session_id: session.id,
      charge_id: charge.chargeId,
      reason_code: flag.reason_code,
      action: outcome,
    },
  })
  return outcome
}

/**
 * The session is no longer pending: status `error` (Medusa's status for a declined payment), so the
 * polling job stops re-checking it. The payment module's generated `updatePaymentSessions` writes
 * the row without calling the provider; if it is not there, the job still skips flagged orders.
 */
async function markSessionError(services: MedusaServices, sessionId: string): Promise<void> {
  if (typeof services.payment.updatePaymentSessions === "function") {
    await services.payment.updatePaymentSessions({ id: sessionId, status: "error" })
  }
}

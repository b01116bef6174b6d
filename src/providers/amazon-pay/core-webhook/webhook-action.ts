/**
 * Amazon's live Charge state -> the action Medusa's core webhook subscriber understands
 * (`payment-webhook.js`: it runs processPaymentWorkflow for `authorized` and `captured` only, with
 * `data.session_id` and `data.amount` in Medusa's major units).
 *
 * `captured` is withheld when Medusa already has a Capture for this charge: core would otherwise
 * capture the same money again on the payment (processPaymentWorkflow -> capturePaymentWorkflow
 * with the amount), e.g. after a pending capture (CaptureInitiated) the admin already recorded.
 */
import type { WebhookActionResult } from "@medusajs/framework/types"
import { PaymentActions } from "@medusajs/framework/utils"
import type { Charge, Price } from "../../../lib/amazon-pay/types"
import { formatMinorUnits, priceToMinor } from "../amounts"
import type { IpnReading } from "../ipn/read-ipn"

export const NOT_SUPPORTED: WebhookActionResult = Object.freeze({ action: PaymentActions.NOT_SUPPORTED })

/** Amazon Price -> Medusa major-unit amount as an exact decimal string ("14.00", "1400" JPY). */
export function medusaAmountOf(price: Price): string {
  return formatMinorUnits(priceToMinor(price), price.currencyCode)
}

const CHARGE_ACTIONS: Readonly<Record<string, PaymentActions>> = {
  Authorized: PaymentActions.AUTHORIZED,
  Captured: PaymentActions.SUCCESSFUL,
  Declined: PaymentActions.FAILED,
  Canceled: PaymentActions.CANCELED,
}

export interface CaptureKnowledge {
  /** True when Medusa already holds a Capture for this charge (or the payment is fully captured). */
  captureRecorded: boolean
}

export function chargeAction(sessionId: string, charge: Charge, knowledge: CaptureKnowledge = { captureRecorded: false }): WebhookActionResult {
  const action = CHARGE_ACTIONS[charge.statusDetails.state]
  if (!action) {
    return NOT_SUPPORTED
  }
  if (action === PaymentActions.SUCCESSFUL && knowledge.captureRecorded) {
    return NOT_SUPPORTED
  }
  const price = action === PaymentActions.SUCCESSFUL ? (charge.captureAmount ?? charge.chargeAmount) : charge.chargeAmount
  return { action, data: { session_id: sessionId, amount: medusaAmountOf(price) } }
}

/**
 * Only charge IPNs move a Medusa payment through core; refunds and permissions are the plugin
 * subscriber's. `sessionId` is the Medusa payment session the journal recorded with the charge
 * permission (null: not completed by this store yet, so core is told nothing).
 */
export function webhookActionFor(reading: IpnReading, sessionId: string | null, knowledge?: CaptureKnowledge): WebhookActionResult {
  return reading.kind === "charge" && sessionId ? chargeAction(sessionId, reading.charge, knowledge) : NOT_SUPPORTED
}

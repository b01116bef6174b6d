/**
 * Declined authorizations and captures.
 *
 * Live Amazon answers a declined Create Charge with an HTTP error whose body carries the reasonCode
 * ("Manage recurring payments" / "Manage payments using payment method on file": "If Create Charge
 * returns a 201 response, authorization was either successfully completed or successfully
 * initiated… If Create Charge returns a different HTTP status code, check the request response
 * reasonCode"). The body is Amazon's error JSON `{reasonCode, message}`: no Charge id, so nothing the
 * merchant could GET or match an IPN to; the sandbox therefore creates no Charge object and sends
 * no CHARGE IPN for it (the attempt is kept for the ledger and counts towards the 25 charges of a
 * one-time permission). Amazon's plugins read the decline that way: WooCommerce turns any non-2xx
 * Create Charge into an error named by the body's reasonCode; nopCommerce retries a SoftDeclined /
 * ProcessingFailure error body once while the permission is Chargeable.
 *
 * HTTP status per reasonCode: Amazon's Charge reference lists the declines with 422, except
 * TransactionTimedOut (408) and ProcessingFailure (500, retry only while the permission is
 * Chargeable). The texts of that table are what the Magento 2 plugin's amazon_error_mapping_payv2.xml
 * maps; the statuses could not be re-read verbatim here and are the sandbox's best reading.
 *
 * HardDeclined and AmazonRejected leave the buyer's payment method unusable: the permission becomes
 * NonChargeable (reason PaymentMethodInvalid) until the buyer changes it.
 */
import { SandboxApiError } from "../api-error"
import type { ChargePermissionRecord, ChargeRecord } from "../records"
import type { SandboxStore } from "../store"

export const DECLINE_STATUS: Readonly<Record<string, number>> = {
  SoftDeclined: 422,
  HardDeclined: 422,
  AmazonRejected: 422,
  PaymentMethodNotAllowed: 422,
  MFANotCompleted: 422,
  TransactionTimedOut: 408,
  ProcessingFailure: 500,
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  SoftDeclined: "Charge was soft declined. Retry attempts may or may not be successful",
  HardDeclined: "Charge was hard declined. Retry attempts will not succeed; the buyer must choose another payment method",
  AmazonRejected: "Charge was declined by Amazon",
  PaymentMethodNotAllowed: "The payment method the buyer selected is not allowed for this charge",
  MFANotCompleted: "Multi-factor authentication was not completed by the buyer",
  TransactionTimedOut: "Amazon Pay could not process the authorization in time",
  ProcessingFailure: "Amazon could not process the Charge because of an internal processing error",
}

/** Declines after which the buyer must change the payment method before the next charge. */
export const BLOCKING_DECLINES: ReadonlySet<string> = new Set(["HardDeclined", "AmazonRejected"])

export const isDeclineCode = (code: string | null): code is string => code !== null && code in DECLINE_STATUS

export function declineError(reasonCode: string): SandboxApiError {
  return new SandboxApiError(DECLINE_STATUS[reasonCode] ?? 422, reasonCode, DESCRIPTIONS[reasonCode] ?? "The charge was declined")
}

/** The permission side effect of a decline (HardDeclined, AmazonRejected). */
export function blockIfHardDecline(store: SandboxStore, permission: ChargePermissionRecord, reasonCode: string | null): void {
  if (reasonCode && BLOCKING_DECLINES.has(reasonCode) && permission.status.state === "Chargeable") {
    // Charge Permission reason "PaymentMethodInvalid: the previous charge was declined".
    store.setPermissionState(permission, "NonChargeable", [
      { reasonCode: "PaymentMethodInvalid", reasonDescription: `The last charge was ${reasonCode}` },
    ])
  }
}

/** A declined Create Charge answered as an error: recorded for the ledger, no Charge object. */
export function declineAttempt(store: SandboxStore, permission: ChargePermissionRecord, amount: bigint, reasonCode: string): SandboxApiError {
  permission.declinedAttempts.push({ at: store.now(), amount, reasonCode })
  blockIfHardDecline(store, permission, reasonCode)
  return declineError(reasonCode)
}

/** Moves an existing charge to Declined with its permission side effect. */
export function declineCharge(store: SandboxStore, charge: ChargeRecord, reasonCode: string | null): void {
  store.setChargeState(charge, "Declined", reasonCode)
  blockIfHardDecline(store, store.chargePermission(charge.chargePermissionId), reasonCode)
}

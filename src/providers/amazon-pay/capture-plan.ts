/**
 * How one Medusa Capture is taken from Amazon (pure; tested as a table in capture-plan.unit.spec).
 *
 * Medusa commits the Capture row with its amount, then calls the provider with only its id (payment
 * module `capturePayment`); when the provider throws, Medusa deletes the row and a retry is a new
 * Capture with a new id (Medusa issue 16292). So the plan is made on Amazon's live state:
 *
 *   unattributed = (money Amazon captured on this payment) - (this payment's OTHER Medusa captures)
 *
 * Money Amazon captured that no other Medusa capture accounts for belongs to this capture (a lost
 * answer settled since, a capture Medusa asked for again after a captured IPN): if it covers the
 * amount, nothing is sent; otherwise only the difference is captured.
 *
 * Then the first capture is Capture Charge on the Authorized charge; later captures (and captures
 * after the authorization expired, charge Canceled/ExpiredUnused) are Create Charge with
 * `captureNow: true` on the Chargeable permission (Amazon Pay "Capture Charge", "Create Charge": a
 * charge is captured once; up to 25 charges per one-time permission).
 */
import type { Price } from "../../lib/amazon-pay/types"
import { priceFromMinor, priceToMinor } from "./amounts"
import { capturedCharges, type AmazonPayPaymentData } from "./payment-data"

export interface CaptureRequest {
  /** The Medusa Capture id (`capt_...`), Medusa's `context.idempotency_key`. */
  captureId: string
  /** That Capture's amount, exact in the currency's minor unit. */
  amount: Price
  /** Sum of the payment's other Medusa Captures (committed before this one or concurrently). */
  otherCapturesTotal: Price
  /** Ids of the payment's other Medusa Captures that exist. */
  otherCaptureIds: ReadonlyArray<string>
  /**
   * Reads the two fields above again; called under the payment lock. Medusa commits a concurrent
   * capture's row before either provider call, so a reading taken before the lock can miss it and
   * take that capture's charge for unattributed money (found by `npm run chaos -- --cluster`).
   */
  readOthers?: () => Promise<Pick<CaptureRequest, "otherCapturesTotal" | "otherCaptureIds">>
}

export type CapturePlan =
  /** Amazon already holds this capture's money on `chargeId`: record it as this capture's. */
  | { action: "attribute"; chargeId: string }
  /** Capture Charge on the authorized charge. */
  | { action: "capture_charge"; chargeId: string; amount: Price }
  /** Create Charge with captureNow on the permission. */
  | { action: "create_charge"; amount: Price }
  | { action: "refuse"; reason: string }

type PlanInput = Pick<AmazonPayPaymentData, "charges" | "chargePermissionId" | "chargePermissionState">

function amazonCapturedTotal(data: PlanInput): bigint {
  return capturedCharges(data).reduce((sum, c) => sum + priceToMinor(c.capturedAmount as Price), 0n)
}

export function planCapture(data: PlanInput, request: CaptureRequest): CapturePlan {
  const wanted = priceToMinor(request.amount)
  const unattributed = amazonCapturedTotal(data) - priceToMinor(request.otherCapturesTotal)
  if (unattributed >= wanted) {
    const claimed = new Set(request.otherCaptureIds)
    const unclaimed = capturedCharges(data).filter((c) => !c.medusaCaptureId || !claimed.has(c.medusaCaptureId)).at(-1)
    const chargeId = unclaimed?.chargeId ?? capturedCharges(data).at(-1)?.chargeId
    return chargeId ? { action: "attribute", chargeId } : { action: "refuse", reason: "no captured charge to attribute" }
  }
  const amount = priceFromMinor(unattributed > 0n ? wanted - unattributed : wanted, request.amount.currencyCode)
  const authorized = data.charges.find((c) => c.state === "Authorized" && priceToMinor(c.amount) >= priceToMinor(amount))
  if (authorized) {
    return { action: "capture_charge", chargeId: authorized.chargeId, amount }
  }
  if (!data.chargePermissionId || data.chargePermissionState !== "Chargeable") {
    return {
      action: "refuse",
      reason:
        `no authorized charge covers ${amount.amount} ${amount.currencyCode} and the charge permission is ` +
        `${data.chargePermissionState ?? "missing"}`,
    }
  }
  return { action: "create_charge", amount }
}

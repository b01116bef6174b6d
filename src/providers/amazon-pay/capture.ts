/**
 * Capturing one Medusa Capture with Amazon, exactly once.
 *
 * Medusa (payment module `capturePayment`) commits the Capture row with its amount, then calls the
 * provider with only `context.idempotency_key = capture.id` and no amount. When the provider throws,
 * Medusa deletes the row, and a retry creates a new Capture with a new id (Medusa issue 16292), so
 * the Amazon idempotency key alone cannot stop a double capture after a lost response. Hence the
 * reconciliation rule, applied on Amazon's live state:
 *
 *   unattributed = (money Amazon captured on this payment) - (this payment's OTHER Medusa captures)
 *
 * Money Amazon captured that no other Medusa capture accounts for belongs to this capture: if it
 * covers the amount, this capture already happened (a retry, or Medusa calling again after a
 * captured webhook) and nothing is sent; otherwise only the difference is captured.
 *
 * Then: the first capture is Capture Charge on the Authorized charge; later captures (and captures
 * after the authorization expired, charge Canceled/ExpiredUnused) are Create Charge with
 * `captureNow: true` on the Chargeable permission (Amazon Pay "Capture Charge", "Create Charge":
 * a charge is captured once; up to 25 charges per one-time permission).
 *
 * The reconciliation only sees charges recorded in the payment data (Amazon has no List Charges
 * API). Capture Charge acts on a recorded charge, so its lost answer is found by it. A Create Charge
 * whose answer was lost made a charge nobody recorded, so its key is derived from state that a
 * Medusa retry repeats (idempotency.ts `stateIdempotencyKey`): the permission, the recorded charge
 * ids and the amount to capture. The retry sends the same key and Amazon replays the charge it made;
 * a later legitimate capture finds that charge recorded and gets a new key. Known cost: a Create
 * Charge that Amazon DECLINED is replayed as declined to a retry of the same amount on the same
 * recorded state for Amazon's 24-hour key lifetime (no money moves either way).
 */
import { MedusaError } from "@medusajs/framework/utils"
import type { Charge, Price } from "../../lib/amazon-pay/types"
import { priceFromMinor, priceToMinor } from "./amounts"
import type { CheckoutDeps } from "./checkout"
import { asMedusa } from "./errors"
import { amazonIdempotencyKey, stateIdempotencyKey } from "./idempotency"
import { capturedCharges, upsertCharge, type AmazonPayPaymentData } from "./payment-data"
import { syncWithAmazon } from "./sync"

export interface CaptureRequest {
  /** The Medusa Capture id (`capt_...`), Medusa's `context.idempotency_key`. */
  captureId: string
  /** That Capture's amount. */
  amount: Price
  /** Sum of the payment's other Medusa Captures (committed before this one or concurrently). */
  otherCapturesTotal: Price
}

function amazonCapturedTotal(data: AmazonPayPaymentData): bigint {
  return capturedCharges(data).reduce((sum, c) => sum + priceToMinor(c.capturedAmount as Price), 0n)
}

/** Marks the newest captured charge that no Medusa capture claims as this capture's. */
function attribute(data: AmazonPayPaymentData, captureId: string): AmazonPayPaymentData {
  const unclaimed = capturedCharges(data).filter((c) => !c.medusaCaptureId).at(-1)
  if (!unclaimed) {
    return data
  }
  return {
    ...data,
    charges: data.charges.map((c) => (c === unclaimed ? { ...c, medusaCaptureId: captureId } : c)),
  }
}

/** See the header: the same on a Medusa retry of a lost Create Charge, new once a charge is recorded. */
export function createChargeIdempotencyKey(data: AmazonPayPaymentData, toCapture: Price): string {
  const recorded = data.charges.map((c) => c.chargeId).sort()
  return stateIdempotencyKey("c", [data.chargePermissionId ?? "", recorded.join(","), toCapture.amount, toCapture.currencyCode])
}

function checkCaptureResult(charge: Charge): void {
  const { state, reasonCode } = charge.statusDetails
  if (state === "Captured" || state === "CaptureInitiated" || state === "AuthorizationInitiated") {
    return
  }
  throw new MedusaError(
    state === "Declined" ? MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR : MedusaError.Types.NOT_ALLOWED,
    `Amazon Pay did not capture: charge ${charge.chargeId} is ${state} (${reasonCode ?? "no reason"})`
  )
}

export async function captureWithAmazon(
  deps: CheckoutDeps,
  data: AmazonPayPaymentData,
  request: CaptureRequest
): Promise<AmazonPayPaymentData> {
  const { captureId, amount } = request
  if (data.charges.some((c) => c.medusaCaptureId === captureId)) {
    return data
  }
  const current = await syncWithAmazon(deps.client, data)
  const unattributed = amazonCapturedTotal(current) - priceToMinor(request.otherCapturesTotal)
  const wanted = priceToMinor(amount)
  if (unattributed >= wanted) {
    return attribute(current, captureId)
  }
  const toCapture = priceFromMinor(unattributed > 0n ? wanted - unattributed : wanted, amount.currencyCode)
  const softDescriptor = deps.options.softDescriptor ? { softDescriptor: deps.options.softDescriptor } : {}

  const authorized = current.charges.find(
    (c) => c.state === "Authorized" && priceToMinor(c.amount) >= priceToMinor(toCapture)
  )
  let charge: Charge
  if (authorized) {
    charge = await asMedusa("capture the charge", () =>
      deps.client.captureCharge(
        authorized.chargeId,
        { captureAmount: toCapture, ...softDescriptor },
        { idempotencyKey: amazonIdempotencyKey(captureId) }
      )
    )
  } else {
    if (!current.chargePermissionId || current.chargePermissionState !== "Chargeable") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Amazon Pay cannot capture ${toCapture.amount} ${toCapture.currencyCode}: no authorized charge covers it and the ` +
          `charge permission is ${current.chargePermissionState ?? "missing"}`
      )
    }
    const permissionId = current.chargePermissionId
    charge = await asMedusa("create a charge", () =>
      deps.client.createCharge(
        {
          chargePermissionId: permissionId,
          chargeAmount: toCapture,
          captureNow: true,
          // Always Amazon's synchronous answer here (Authorized/Captured or Declined, Amazon Pay API
          // "Create Charge" > canHandlePendingAuthorization), whatever the option says for checkout:
          // Medusa records a capture as soon as this hook returns and has no way to take it back,
          // so an AuthorizationInitiated charge that later declines would be money Medusa believes
          // it holds (found by the fault campaign, npm run chaos).
          canHandlePendingAuthorization: false,
          ...softDescriptor,
        },
        { idempotencyKey: createChargeIdempotencyKey(current, toCapture) }
      )
    )
  }
  checkCaptureResult(charge)
  return upsertCharge(current, charge, captureId)
}

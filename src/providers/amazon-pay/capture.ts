/**
 * Capturing one Medusa Capture with Amazon, exactly once, under the payment's lock: settle any
 * capture whose answer was lost (journal/settle-open.ts), read Amazon's live state, plan
 * (capture-plan.ts), then send the one journaled call the plan needs.
 */
import { MedusaError } from "@medusajs/framework/utils"
import type { Charge } from "../../lib/amazon-pay/types"
import { emitCaptureDeclined } from "./capture-declined"
import { planCapture, type CaptureRequest } from "./capture-plan"
import type { ProviderDeps } from "./deps"
import { toMedusaError } from "./medusa-errors"
import { outcomeOfError } from "./journal/call-outcome"
import { journaledCall, type PaymentRef } from "./journal/journaled-call"
import { projectPaymentData, recordCharge } from "./journal/registry"
import { settleOpenOperations } from "./journal/settle-open"
import type { AmazonPayPaymentData } from "./payment-data"
import { syncWithAmazon } from "./sync"

export type { CaptureRequest } from "./capture-plan"

/** Charge states in which the money is captured or being captured. */
const CAPTURING: ReadonlySet<string> = new Set(["Captured", "CaptureInitiated"])

/** What a declined capture tells the admin (Amazon Pay "Charge" > reason codes). */
export function declinedCaptureMessage(reasonCode: string | null | undefined): string {
  switch (reasonCode) {
    case "SoftDeclined":
      return "Amazon Pay declined the capture (SoftDeclined): the buyer's payment method may work later; try the capture again"
    case "HardDeclined":
    case "PaymentMethodNotAllowed":
      return (
        `Amazon Pay declined the capture (${reasonCode}): the buyer's payment method is no longer chargeable; the ` +
        "buyer must choose another payment method on Amazon before anything more can be captured"
      )
    default:
      return `Amazon Pay declined the capture (${reasonCode ?? "Declined"}); try again later or contact the buyer`
  }
}

function declined(reasonCode: string | null | undefined): MedusaError {
  return new MedusaError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, declinedCaptureMessage(reasonCode))
}

function checkCaptureResult(charge: Charge): void {
  const { state, reasonCode } = charge.statusDetails
  if (CAPTURING.has(state)) {
    return
  }
  if (state === "Declined") {
    throw declined(reasonCode)
  }
  throw new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `Amazon Pay did not capture: charge ${charge.chargeId} is ${state} (${reasonCode ?? "no reason"})`
  )
}

/** A declined capture needs a person (amazon-pay.capture.declined; see capture-declined.ts). */
function tellDeclined(deps: ProviderDeps, ref: PaymentRef, request: CaptureRequest, chargeId: string | null, reasonCode: string | null) {
  return emitCaptureDeclined(
    deps.events,
    {
      payment_collection_id: ref.paymentCollectionId,
      payment_id: ref.paymentId ?? null,
      charge_id: chargeId,
      capture_id: request.captureId,
      amount: request.amount.amount,
      currency_code: request.amount.currencyCode,
      reason_code: reasonCode,
    },
    deps.logger
  )
}

export async function captureWithAmazon(
  deps: ProviderDeps,
  ref: PaymentRef,
  record: AmazonPayPaymentData,
  asked: CaptureRequest
): Promise<AmazonPayPaymentData> {
  const permissionId = record.chargePermissionId
  if (!permissionId) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Amazon Pay cannot capture: the payment has no charge permission")
  }
  return deps.lock.run(ref.paymentCollectionId, async () => {
    const request: CaptureRequest = asked.readOthers ? { ...asked, ...(await asked.readOthers()) } : asked
    const recorded = await deps.journal.objectsOf(ref.paymentCollectionId)
    if (recorded.some((o) => o.object_type === "Charge" && o.medusa_ref_id === request.captureId && CAPTURING.has(o.state))) {
      return projectPaymentData(record, recorded)
    }
    await settleOpenOperations(deps, ref, "capture")
    const current = projectPaymentData(record, await syncWithAmazon(deps, ref, permissionId))
    const plan = planCapture(current, request)
    if (plan.action === "refuse") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Amazon Pay cannot capture ${request.amount.amount} ${request.amount.currencyCode}: ${plan.reason}`)
    }
    if (plan.action === "attribute") {
      const charge = await deps.client.getCharge(plan.chargeId).catch((error: unknown) => {
        throw toMedusaError(error, "read the charge")
      })
      await recordCharge(deps.journal, ref, charge, request.captureId)
      return projectPaymentData(record, await deps.journal.objectsOf(ref.paymentCollectionId))
    }
    const softDescriptor = deps.options.softDescriptor ? { softDescriptor: deps.options.softDescriptor } : {}
    const spec =
      plan.action === "capture_charge"
        ? { kind: "capture_charge" as const, targetId: plan.chargeId, request: { captureAmount: plan.amount, ...softDescriptor } }
        : {
            kind: "create_charge" as const,
            targetId: null,
            request: {
              chargePermissionId: permissionId,
              chargeAmount: plan.amount,
              captureNow: true,
              // Always Amazon's synchronous answer (Authorized/Captured or a decline, Amazon Pay
              // "Create Charge" > canHandlePendingAuthorization): Medusa records a capture as soon
              // as this hook returns and cannot take it back, so an AuthorizationInitiated charge
              // that declined later would be money Medusa believes it holds (found by npm run chaos).
              canHandlePendingAuthorization: false,
              ...softDescriptor,
            },
          }
    let charge: Charge
    try {
      const { answer } = await journaledCall(deps.journal, deps.client, ref, {
        ...spec,
        medusaRefId: request.captureId,
        chargePermissionId: permissionId,
        amount: plan.amount,
      })
      charge = answer as Charge
    } catch (error) {
      // Live Amazon answers a declined Create Charge with an HTTP error carrying the reasonCode.
      const outcome = outcomeOfError(error)
      if (outcome.status === "declined") {
        await tellDeclined(deps, ref, request, spec.targetId, outcome.reason_code ?? null)
        throw declined(outcome.reason_code)
      }
      throw toMedusaError(error, plan.action === "capture_charge" ? "capture the charge" : "create a charge")
    }
    await recordCharge(deps.journal, ref, charge, CAPTURING.has(charge.statusDetails.state) ? request.captureId : null)
    if (charge.statusDetails.state === "Declined") {
      await tellDeclined(deps, ref, request, charge.chargeId, charge.statusDetails.reasonCode ?? null)
    }
    checkCaptureResult(charge)
    return projectPaymentData(record, await deps.journal.objectsOf(ref.paymentCollectionId))
  })
}

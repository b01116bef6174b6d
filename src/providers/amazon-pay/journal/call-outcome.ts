/**
 * Amazon's answer to a journaled call, classified once for the journal and the caller:
 * - a 2xx answer succeeded, except a charge that comes back Declined (the shape Amazon's sandbox
 *   once used for Create Charge; live Amazon answers a decline with an HTTP error, below);
 * - an HTTP 4xx with a reasonCode is definite: a decline (Amazon Pay "Create Charge" / "Capture
 *   Charge" reason codes; "If Create Charge returns a different HTTP status code, check the
 *   reasonCode") or another refusal; its key is done;
 * - anything without a definite answer (network, timeout, 408/425/429/5xx after the client's
 *   retries, an unexpected error) is unknown: the key must be replayed before anything else.
 */
import { DECLINE_REASON_CODES, isAmazonPayError } from "../../../lib/amazon-pay/errors"
import type { OperationOutcome } from "../../../modules/amazon-pay-journal/journal-records"


interface AmazonAnswer {
  chargeId?: string
  refundId?: string
  chargePermissionId?: string | null
  checkoutSessionId?: string
  statusDetails?: { state?: string; reasonCode?: string | null }
}

const short = (text: string) => text.slice(0, 500)

export function outcomeOfAnswer(answer: unknown): OperationOutcome {
  const object = (answer ?? {}) as AmazonAnswer
  const amazonId = object.refundId ?? object.chargeId ?? object.checkoutSessionId ?? null
  const state = object.statusDetails?.state
  const reasonCode = object.statusDetails?.reasonCode ?? null
  if (state === "Declined") {
    return { status: "declined", amazon_object_id: amazonId, reason_code: reasonCode ?? "Declined" }
  }
  return { status: "succeeded", amazon_object_id: amazonId, reason_code: reasonCode, charge_permission_id: object.chargePermissionId ?? null }
}

export { DECLINE_REASON_CODES }

export function outcomeOfError(error: unknown): OperationOutcome {
  if (isAmazonPayError(error) && !error.retryable && error.status !== undefined && error.status >= 400 && error.status < 500) {
    return {
      status: DECLINE_REASON_CODES.has(error.reasonCode) ? "declined" : "failed",
      reason_code: error.reasonCode,
      message: short(error.message),
    }
  }
  const reason = isAmazonPayError(error) ? error.reasonCode : "UnexpectedError"
  return { status: "unknown", reason_code: reason, message: short(error instanceof Error ? error.message : String(error)) }
}

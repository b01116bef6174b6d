/**
 * A Create Delivery Tracker whose answer was lost (journal status `sent`/`unknown`) is sent again
 * by the polling job with the same body, at most `deliveryTrackers.maxAttempts` sends in all (the
 * client's own retries of 408/429/5xx inside each send not counted); then it is settled `failed`
 * and left for a person. Create Delivery Tracker takes no idempotency key, and Amazon takes a
 * tracking number once, so a resend after an attempt that did arrive is refused as a used number:
 * that refusal means the tracker exists, and it is recorded as `succeeded`.
 */
import type { OperationRecord } from "../../../modules/amazon-pay-journal/journal-records"
import type { ProviderDeps } from "../deps"
import { outcomeOfError } from "../journal/call-outcome"
import { replayOperation } from "../journal/journaled-call"
import { isOpen } from "../journal/key-rules"

export const DEFAULT_TRACKER_ATTEMPTS = 3

/** Amazon's refusal of a tracking number it already holds (the sandbox's wording; Amazon names no reasonCode for it). */
const ALREADY_USED = /already used|can only be used once/i

export async function retryDeliveryTracker(deps: ProviderDeps, operation: OperationRecord): Promise<string> {
  const options = deps.options.deliveryTrackers
  const maxAttempts = options === false ? 1 : (options.maxAttempts ?? DEFAULT_TRACKER_ATTEMPTS)
  return deps.lock.run(operation.payment_collection_id, async () => {
    const current = (await deps.journal.operationsOf(operation.payment_collection_id)).find((op) => op.id === operation.id)
    if (!current || !isOpen(current)) {
      return "already settled"
    }
    if (current.attempt >= maxAttempts) {
      await deps.journal.settleOperation(current.id, {
        status: "failed",
        reason_code: current.reason_code ?? "NoAnswer",
        message: `no answer from Amazon after ${current.attempt} attempt(s); not sent again (deliveryTrackers.maxAttempts)`,
      })
      deps.logger?.warn(`Amazon Pay: delivery tracker ${current.id} given up after ${current.attempt} attempt(s) without an answer`)
      return `given up after ${current.attempt} attempt(s)`
    }
    try {
      await replayOperation(deps.journal, deps.client, current)
      return `sent (attempt ${current.attempt + 1})`
    } catch (error) {
      const outcome = outcomeOfError(error)
      if (outcome.status !== "unknown" && ALREADY_USED.test(outcome.message ?? "")) {
        await deps.journal.settleOperation(current.id, { status: "succeeded", reason_code: outcome.reason_code, message: "an earlier attempt arrived: Amazon already holds this tracking number" })
        return "an earlier attempt had arrived"
      }
      return outcome.status === "unknown" ? `no answer (attempt ${current.attempt + 1})` : `refused (${outcome.reason_code})`
    }
  })
}

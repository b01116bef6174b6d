/**
 * One money-moving (or money-releasing) Amazon Pay call, written BEFORE it is sent and settled with
 * its outcome. The idempotency key lives here: a retry after a lost answer reuses the key of the
 * unknown attempt, a definite answer (a decline) ends its key (Amazon Pay "Idempotency": keys are
 * kept indefinitely and the first answer is replayed to every reuse).
 */
import { model } from "@medusajs/framework/utils"

export const OPERATION_KINDS = [
  "complete_checkout",
  "capture_charge",
  "create_charge",
  "create_refund",
  "cancel_charge",
  "close_charge_permission",
  "create_delivery_tracker",
] as const
export type OperationKind = (typeof OPERATION_KINDS)[number]

/**
 * `sent`: written, the answer not yet known (a process that died mid-call leaves this);
 * `succeeded`/`declined`/`failed`: Amazon's definite answer (the key is done);
 * `unknown`: no definite answer (timeouts, 5xx, 429 after the client's retries): settled by
 * replaying the same key and body.
 */
export const OPERATION_STATUSES = ["sent", "succeeded", "declined", "failed", "unknown"] as const
export type OperationStatus = (typeof OPERATION_STATUSES)[number]

const AmazonPayOperation = model
  .define("amazon_pay_operation", {
    id: model.id({ prefix: "apop" }).primaryKey(),
    kind: model.enum([...OPERATION_KINDS]),
    status: model.enum([...OPERATION_STATUSES]),
    /** `x-amz-pay-idempotency-key`; null for calls Amazon takes without one (the DELETEs). */
    idempotency_key: model.text().nullable(),
    /** 1 for the first send of this key, +1 for each replay of it. */
    attempt: model.number().default(1),
    /** The Medusa payment collection the payment belongs to (the lock and binding key). */
    payment_collection_id: model.text(),
    payment_session_id: model.text().nullable(),
    payment_id: model.text().nullable(),
    /** The Medusa Capture (`capt_`) or Refund (`ref_`) this call serves. */
    medusa_ref_id: model.text().nullable(),
    charge_permission_id: model.text().nullable(),
    /** The Amazon object the call acts on (checkout session, charge, charge permission). */
    target_id: model.text().nullable(),
    /** Amazon's decimal string (`"14.00"`), exact. */
    amount: model.text().nullable(),
    currency_code: model.text().nullable(),
    /** The request body exactly as sent, so a replay sends the same (no secrets: amounts and ids). */
    request: model.json().nullable(),
    /** The Amazon object the call created (charge or refund id). */
    amazon_object_id: model.text().nullable(),
    reason_code: model.text().nullable(),
    message: model.text().nullable(),
    settled_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["idempotency_key"], unique: true, where: "idempotency_key IS NOT NULL AND deleted_at IS NULL" },
    { on: ["payment_collection_id", "created_at"] },
    // The polling job's work list: calls whose outcome is not known yet.
    { on: ["updated_at"], where: "status IN ('sent', 'unknown') AND deleted_at IS NULL" },
  ])

export default AmazonPayOperation

/**
 * Which idempotency key an Amazon call gets, decided from the journal (pure; tested as a table).
 *
 * Amazon Pay "Idempotency": a key is kept indefinitely and every reuse gets the answer to its first
 * request; the same key with another body is refused (DuplicateIdempotencyKey). So:
 * - a call whose answer was lost (`unknown`, or `sent` by a process that died mid-call: under the
 *   payment lock nobody else can be sending) is settled by sending the SAME key and body again:
 *   Amazon either replays what it did or does it now, and money moves at most once. That is also
 *   what makes a Medusa retry safe when Medusa retries under a new Capture/Refund id (Medusa issue
 *   16292): the retry first settles the lost call, then finds its money recorded;
 * - a definite answer (success, decline, refusal) ends a key: the next call gets a new one, so a
 *   soft-declined capture can be retried as Amazon recommends;
 * - two operations that look alike (two admins capturing 10 at once) are two journal entries with
 *   two keys: they never merge at Amazon.
 */
import { randomBytes } from "node:crypto"
import type { OperationKind, OperationRecord } from "../../../modules/amazon-pay-journal/journal-records"

/** Calls that can stand for each other after a lost answer (a capture is a Capture Charge or a Create Charge). */
export const OPERATION_FAMILY: Readonly<Record<OperationKind, string>> = {
  complete_checkout: "checkout",
  capture_charge: "capture",
  create_charge: "capture",
  create_refund: "refund",
  cancel_charge: "cancel",
  close_charge_permission: "cancel",
  create_delivery_tracker: "delivery",
}

/** Calls Amazon takes without an idempotency key (the DELETEs, Delivery Trackers). */
const KEYLESS: ReadonlySet<OperationKind> = new Set(["cancel_charge", "close_charge_permission", "create_delivery_tracker"])

const KIND_PREFIX: Readonly<Record<OperationKind, string>> = {
  complete_checkout: "ck",
  capture_charge: "cc",
  create_charge: "ch",
  create_refund: "rf",
  cancel_charge: "cn",
  close_charge_permission: "cl",
  create_delivery_tracker: "dt",
}

/** A new key: 2-letter kind + `-` + 28 characters of base64url randomness (31 of Amazon's 32). */
export function newIdempotencyKey(kind: OperationKind): string | null {
  return KEYLESS.has(kind) ? null : `${KIND_PREFIX[kind]}-${randomBytes(21).toString("base64url")}`
}

export function isOpen(operation: Pick<OperationRecord, "status">): boolean {
  return operation.status === "unknown" || operation.status === "sent"
}

/**
 * The journal entries of `family` on a payment that must be settled (replayed with their own key
 * and body) before a new call of that family is planned, oldest first. Keyless calls are
 * idempotent by nature (cancel, close) and never block.
 */
export function openOperations(prior: ReadonlyArray<OperationRecord>, family: string): OperationRecord[] {
  return prior
    .filter((op) => OPERATION_FAMILY[op.kind] === family && isOpen(op) && op.idempotency_key !== null)
    .sort((a, b) => a.created_at.getTime() - b.created_at.getTime())
}

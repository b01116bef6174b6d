/**
 * The journal's key rules as a table: which calls must be settled (replayed with their own key and
 * body) before a new call of the same family, and what a new call's key looks like. The flows that
 * use them are exercised against the sandbox in __tests__/money-once.unit.spec.ts.
 */
import { AmazonPayError } from "../../../../lib/amazon-pay/errors"
import type { OperationRecord } from "../../../../modules/amazon-pay-journal/journal-records"
import { outcomeOfAnswer, outcomeOfError } from "../call-outcome"
import { newIdempotencyKey, openOperations } from "../key-rules"

let n = 0
function op(kind: OperationRecord["kind"], status: OperationRecord["status"], key: string | null = `k${++n}`): OperationRecord {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, ++n))
  return {
    id: `apop_${n}`, kind, status, idempotency_key: key, attempt: 1, payment_collection_id: "pay_col_1", payment_session_id: null,
    payment_id: null, medusa_ref_id: null, charge_permission_id: null, target_id: null, amount: "10.00", currency_code: "USD",
    request: {}, amazon_object_id: null, reason_code: null, message: null, settled_at: null, created_at: at, updated_at: at,
  }
}

describe("openOperations: what a new call must settle first", () => {
  it.each([
    ["a lost answer (unknown) is replayed before anything else of its family", [op("create_refund", "unknown")], "refund", 1],
    ["a call left `sent` by a process that died is replayed too", [op("create_charge", "sent")], "capture", 1],
    ["Capture Charge and Create Charge are one family", [op("capture_charge", "unknown"), op("create_charge", "unknown")], "capture", 2],
    ["a definite answer ends a key: a decline is not replayed", [op("create_charge", "declined")], "capture", 0],
    ["nor a success, nor a refusal", [op("create_refund", "succeeded"), op("create_refund", "failed")], "refund", 0],
    ["another family's lost call does not block", [op("create_refund", "unknown")], "capture", 0],
    ["keyless calls (cancel, close) never block", [op("cancel_charge", "unknown", null)], "cancel", 0],
  ])("%s", (_name, prior, family, count) => {
    expect(openOperations(prior as OperationRecord[], family as string)).toHaveLength(count as number)
  })

  it("settles the oldest first", () => {
    const older = op("create_refund", "unknown")
    const newer = op("create_refund", "unknown")
    expect(openOperations([newer, older], "refund").map((o) => o.id)).toEqual([older.id, newer.id])
  })
})

describe("newIdempotencyKey", () => {
  it("gives every call its own key within Amazon's 32 characters of [A-Za-z0-9_-]; none for the DELETEs", () => {
    const keys = Array.from({ length: 1000 }, () => newIdempotencyKey("create_refund") as string)
    expect(new Set(keys).size).toBe(1000)
    for (const key of keys) expect(key).toMatch(/^rf-[A-Za-z0-9_-]{28}$/)
    expect(newIdempotencyKey("close_charge_permission")).toBeNull()
    expect(newIdempotencyKey("cancel_charge")).toBeNull()
  })
})

describe("call outcomes", () => {
  const error = (status: number | undefined, reasonCode: string, retryable: boolean) =>
    new AmazonPayError({ operation: "createCharge", status, reasonCode, message: "x", retryable })
  it.each([
    ["an HTTP decline is definite: declined", error(400, "SoftDeclined", false), "declined"],
    ["HardDeclined", error(422, "HardDeclined", false), "declined"],
    ["a 408 TransactionTimedOut is Amazon's decline, not a lost answer", error(408, "TransactionTimedOut", false), "declined"],
    ["another 4xx is a definite refusal", error(400, "InvalidChargeStatus", false), "failed"],
    ["a 5xx after the retries is unknown", error(503, "ServiceUnavailable", true), "unknown"],
    ["a 429 after the retries is unknown", error(429, "TooManyRequests", true), "unknown"],
    ["no answer at all is unknown", error(undefined, "RequestTimeout", true), "unknown"],
    ["an unexpected error is unknown", new Error("boom"), "unknown"],
  ])("%s", (_name, thrown, status) => {
    expect(outcomeOfError(thrown).status).toBe(status)
  })

  it("takes a 201 Declined charge (the older sandbox shape) as a decline, anything else as success", () => {
    expect(outcomeOfAnswer({ chargeId: "C1", statusDetails: { state: "Declined", reasonCode: "SoftDeclined" } })).toMatchObject({ status: "declined", reason_code: "SoftDeclined", amazon_object_id: "C1" })
    expect(outcomeOfAnswer({ refundId: "R1", statusDetails: { state: "RefundInitiated" } })).toMatchObject({ status: "succeeded", amazon_object_id: "R1" })
  })
})

/**
 * Sending a money-moving Amazon call through the journal: the call is written (status `sent`, with
 * its key and exact body) before it leaves, and settled with Amazon's answer after. Replaying an
 * unsettled entry sends the same key and body again (key-rules.ts says when).
 */
import type { AmazonPayClient } from "../../../lib/amazon-pay/client"
import type { Price } from "../../../lib/amazon-pay/types"
import type { OperationKind, OperationRecord } from "../../../modules/amazon-pay-journal/journal-records"
import { outcomeOfAnswer, outcomeOfError } from "./call-outcome"
import type { JournalPort } from "./journal-port"
import { newIdempotencyKey } from "./key-rules"

/** The Medusa side of a payment: its payment collection (the binding and lock key) and what else is known. */
export interface PaymentRef {
  paymentCollectionId: string
  paymentSessionId?: string | null
  paymentId?: string | null
}

export interface CallSpec {
  kind: OperationKind
  /** The Amazon object the call acts on (path id), if any. */
  targetId: string | null
  /** The body, exactly as it will be sent. */
  request: object
  /** The Medusa Capture or Refund this call serves. */
  medusaRefId?: string | null
  chargePermissionId?: string | null
  amount?: Price | null
}

export interface CallResult {
  operation: OperationRecord
  answer: unknown
}

/** The client call for a journal entry's kind (the same function sends and replays). */
export function sendOperation(client: AmazonPayClient, kind: OperationKind, targetId: string | null, request: object, key: string | null): Promise<unknown> {
  const options = key ? { idempotencyKey: key } : undefined
  const target = targetId ?? ""
  switch (kind) {
    case "complete_checkout":
      return client.completeCheckoutSession(target, request as never, options)
    case "capture_charge":
      return client.captureCharge(target, request as never, options)
    case "create_charge":
      return client.createCharge(request as never, options)
    case "create_refund":
      return client.createRefund(request as never, options)
    case "cancel_charge":
      return client.cancelCharge(target, request as never)
    case "close_charge_permission":
      return client.closeChargePermission(target, request as never)
    case "create_delivery_tracker":
      return client.createDeliveryTracker(request as never)
  }
}

/** Journals and sends a new call; Amazon's errors are rethrown after the journal has them. */
export async function journaledCall(journal: JournalPort, client: AmazonPayClient, ref: PaymentRef, spec: CallSpec): Promise<CallResult> {
  const request = JSON.parse(JSON.stringify(spec.request)) as Record<string, unknown>
  const operation = await journal.beginOperation({
    kind: spec.kind,
    idempotency_key: newIdempotencyKey(spec.kind),
    payment_collection_id: ref.paymentCollectionId,
    payment_session_id: ref.paymentSessionId ?? null,
    payment_id: ref.paymentId ?? null,
    medusa_ref_id: spec.medusaRefId ?? null,
    charge_permission_id: spec.chargePermissionId ?? null,
    target_id: spec.targetId,
    amount: spec.amount?.amount ?? null,
    currency_code: spec.amount?.currencyCode ?? null,
    request,
  })
  return settle(journal, operation, () => sendOperation(client, spec.kind, spec.targetId, request, operation.idempotency_key))
}

/** Sends an unsettled entry again with its own key and body (the only way to learn what Amazon did). */
export async function replayOperation(journal: JournalPort, client: AmazonPayClient, operation: OperationRecord): Promise<CallResult> {
  await journal.retryOperation(operation)
  const replayed = { ...operation, attempt: operation.attempt + 1, status: "sent" as const }
  return settle(journal, replayed, () =>
    sendOperation(client, operation.kind, operation.target_id, operation.request ?? {}, operation.idempotency_key)
  )
}

async function settle(journal: JournalPort, operation: OperationRecord, send: () => Promise<unknown>): Promise<CallResult> {
  let answer: unknown
  try {
    answer = await send()
  } catch (error) {
    await journal.settleOperation(operation.id, outcomeOfError(error))
    throw error
  }
  const outcome = outcomeOfAnswer(answer)
  await journal.settleOperation(operation.id, outcome)
  return { operation: { ...operation, ...outcome }, answer }
}

/**
 * Before a new capture, refund or completion is planned, every call of that family whose answer was
 * lost is settled by replaying its own key and body (key-rules.ts): Amazon answers what it did, or
 * does it now, and the result is recorded under the Medusa Capture/Refund it was sent for. Only
 * then is the new operation planned, on what really happened. If Amazon still does not answer,
 * nothing new is sent.
 */
import { MedusaError } from "@medusajs/framework/utils"
import type { Charge, ChargePermission, CheckoutSession, Refund } from "../../../lib/amazon-pay/types"
import type { OperationRecord } from "../../../modules/amazon-pay-journal/journal-records"
import type { ProviderDeps } from "../deps"
import { outcomeOfError } from "./call-outcome"
import { replayOperation, type PaymentRef } from "./journaled-call"
import { openOperations } from "./key-rules"
import { recordCharge, recordCheckoutSession, recordPermission, recordRefund } from "./registry"

/** Records what a journaled call's answer says (the same for a first send and a replay). */
export async function recordAnswer(deps: ProviderDeps, ref: PaymentRef, operation: OperationRecord, answer: unknown): Promise<void> {
  switch (operation.kind) {
    case "capture_charge":
    case "create_charge":
    case "cancel_charge":
      await recordCharge(deps.journal, ref, answer as Charge, operation.kind === "cancel_charge" ? null : operation.medusa_ref_id)
      return
    case "create_refund":
      await recordRefund(deps.journal, ref, answer as Refund, operation.charge_permission_id, operation.medusa_ref_id)
      return
    case "complete_checkout":
      await recordCheckoutSession(deps.journal, ref, answer as CheckoutSession)
      return
    case "close_charge_permission":
      await recordPermission(deps.journal, ref, answer as ChargePermission)
      return
    case "create_delivery_tracker":
      return
  }
}

export async function settleOpenOperations(deps: ProviderDeps, ref: PaymentRef, family: string): Promise<number> {
  const open = openOperations(await deps.journal.operationsOf(ref.paymentCollectionId), family)
  for (const operation of open) {
    try {
      const { answer } = await replayOperation(deps.journal, deps.client, operation)
      await recordAnswer(deps, ref, operation, answer)
    } catch (error) {
      if (outcomeOfError(error).status === "unknown") {
        throw new MedusaError(
          MedusaError.Types.UNEXPECTED_STATE,
          `Amazon Pay: an earlier ${operation.kind.replace(/_/g, " ")} on this payment got no answer from Amazon and still ` +
            "cannot be settled; nothing new was sent. Try again in a moment"
        )
      }
      // A definite refusal of the replay: that call moved nothing, its entry is settled.
    }
  }
  return open.length
}

/**
 * Chargebacks (Amazon Pay "Manage disputes", API v2 "Dispute" object). A buyer files a chargeback
 * with their bank; Amazon Pay sends a CHARGEBACK IPN whose ObjectId is the Dispute id
 * (`S01-…-B…`) "when a dispute is created or its status changes", and the merchant reads it with Get
 * Dispute (GET /v2/disputes/{disputeId}). Dispute states: ActionRequired, UnderReview, Resolved,
 * Closed; disputeType is Chargeback; the merchant contests within the dispute window ("11 days for
 * Chargeback", official Node SDK contestDispute).
 *
 * Money: nothing Amazon documents changes the Charge (captureAmount and refundedAmount stay); the
 * disputed amount is taken from the merchant's account ("If you choose not to dispute the
 * chargeback… Amazon Payments will deduct the disputed amount from your account", Amazon Pay
 * merchant help "Chargeback policy"). The ledger shows it as `chargebacks` per permission, counting
 * every dispute not resolved in the merchant's favour (the pessimistic view of the balance).
 *
 * Opening and resolving are the bank's and Amazon's doing, so they are control operations
 * (POST /sandbox/chargebacks, POST /sandbox/chargebacks/{id}/resolve); Get Dispute is the signed API.
 */
import { z } from "zod"
import { DAY_MS } from "../clock"
import { badRequest, invalidState } from "../api-error"
import { newDisputeId, uniqueId } from "../ids"
import { formatMinor, toMinor } from "../money"
import type { DisputeRecord } from "../records"
import type { SandboxStore } from "../store"
import { validate } from "../validation"
import { disputeView, type DisputeView } from "../views"
import type { OperationContext, OperationResult } from "./context"

/** "Dispute Window (11 days for Chargeback, 7 days for A-Z Claims)" (official Node SDK, contestDispute). */
export const CHARGEBACK_RESPONSE_WINDOW_MS = 11 * DAY_MS

export const FILING_REASONS = ["Fraudulent", "ProductNotReceived", "ProductUnacceptable", "ProductNotAsDescribed", "Duplicate", "Other"] as const

export const openChargebackSchema = z.strictObject({
  chargeId: z.string().min(1).max(64),
  /** Major units in the charge's currency, e.g. "10.00"; default: all of the capture not yet refunded or disputed. */
  amount: z.string().max(32).optional(),
  filingReason: z.enum(FILING_REASONS).optional(),
})

export const resolveChargebackSchema = z.strictObject({
  resolution: z.enum(["BuyerWon", "MerchantWon"]),
})

/** A dispute takes money from the merchant unless it was resolved in the merchant's favour. */
export const debitsMerchant = (dispute: DisputeRecord): boolean => dispute.status.resolution !== "MerchantWon"

export function openChargeback(store: SandboxStore, data: unknown): DisputeView {
  const input = validate(openChargebackSchema, data)
  const charge = store.charge(input.chargeId)
  if (charge.status.state !== "Captured" || charge.captureAmount === null) {
    throw invalidState("InvalidChargeStatus", `Charge ${charge.id} is ${charge.status.state}; only a Captured charge can be charged back`)
  }
  const disputed = [...store.disputes.values()]
    .filter((d) => d.chargeId === charge.id && debitsMerchant(d))
    .reduce((sum, d) => sum + d.amount, 0n)
  const open = charge.captureAmount - disputed
  const amount =
    input.amount === undefined
      ? open - charge.refundedAmount
      : toMinor({ amount: input.amount, currencyCode: charge.currencyCode }, "amount")
  if (amount <= 0n || amount > open) {
    throw badRequest(
      "InvalidParameterValue",
      `The chargeback must be more than 0 and at most ${formatMinor(open, charge.currencyCode)} ${charge.currencyCode} (captured, not yet disputed)`
    )
  }
  const id = uniqueId(() => newDisputeId(charge.chargePermissionId), store.disputes)
  const createdAt = store.now()
  const dispute: DisputeRecord = {
    id,
    merchantId: charge.merchantId,
    chargeId: charge.id,
    chargePermissionId: charge.chargePermissionId,
    createdAt,
    currencyCode: charge.currencyCode,
    amount,
    filingReason: input.filingReason ?? "ProductNotReceived",
    status: { ...store.newStatus("ActionRequired"), resolution: null },
    merchantResponseDeadline: createdAt + CHARGEBACK_RESPONSE_WINDOW_MS,
    releaseEnvironment: charge.releaseEnvironment,
  }
  store.disputes.set(id, dispute)
  store.announce("CHARGEBACK", id, dispute.chargePermissionId, dispute.merchantId)
  return disputeView(store, dispute)
}

export function resolveChargeback(store: SandboxStore, disputeId: string, data: unknown): DisputeView {
  const input = validate(resolveChargebackSchema, data)
  const dispute = store.dispute(disputeId)
  if (dispute.status.state === "Resolved" || dispute.status.state === "Closed") {
    throw invalidState("InvalidDisputeStatus", `Dispute ${disputeId} is already ${dispute.status.state}`)
  }
  const description = input.resolution === "MerchantWon" ? "The dispute was decided for the merchant" : "The dispute was decided for the buyer"
  store.setDisputeState(dispute, "Resolved", input.resolution, description, input.resolution)
  return disputeView(store, dispute)
}

export function getDispute(ctx: OperationContext, id: string): OperationResult {
  return { status: 200, body: disputeView(ctx.store, ctx.store.dispute(id, ctx.merchantId)) }
}

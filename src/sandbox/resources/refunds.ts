/**
 * Refund: RefundInitiated -> Refunded | Declined, asynchronously (Amazon Pay "Refund" reference).
 * Several refunds per charge; together they may exceed the captured amount by the lesser of 15% or
 * 75 USD/EUR/GBP (8,400 JPY). The sandbox-only simulation code `RefundDeclined` makes the refund
 * end Declined/AmazonRejected (Amazon's own code for this is not documented).
 */
import { badRequest, invalidState } from "../api-error"
import { newRefundId, uniqueId } from "../ids"
import { refundTolerance, requireCurrency, toMinor } from "../money"
import type { RefundRecord } from "../records"
import { createRefundSchema, validate } from "../validation"
import { refundView } from "../views"
import type { OperationContext, OperationResult } from "./context"

export function createRefund(ctx: OperationContext, data: unknown): OperationResult {
  const { store } = ctx
  const body = validate(createRefundSchema, data)
  const charge = store.charge(body.chargeId, ctx.merchantId)
  if (charge.status.state !== "Captured" || charge.captureAmount === null) {
    throw invalidState("InvalidChargeStatus", `Charge ${charge.id} is ${charge.status.state}; only a Captured charge can be refunded`)
  }
  requireCurrency(body.refundAmount, charge.currencyCode, "refundAmount")
  const amount = toMinor(body.refundAmount, "refundAmount")
  const alreadyRefunding = store
    .refundsOfCharge(charge.id)
    .filter((r) => r.status.state !== "Declined")
    .reduce((sum, r) => sum + r.amount, 0n)
  const allowed = charge.captureAmount + refundTolerance(charge.captureAmount, charge.currencyCode)
  if (alreadyRefunding + amount > allowed) {
    throw badRequest("TransactionAmountExceeded", "refundAmount exceeds the captured amount plus the allowed tolerance")
  }
  const id = uniqueId(() => newRefundId(charge.chargePermissionId), store.refunds)
  const refund: RefundRecord = {
    id,
    merchantId: charge.merchantId,
    chargeId: charge.id,
    chargePermissionId: charge.chargePermissionId,
    createdAt: store.now(),
    currencyCode: charge.currencyCode,
    amount,
    softDescriptor: body.softDescriptor ?? null,
    status: store.newStatus("RefundInitiated"),
    releaseEnvironment: ctx.releaseEnvironment,
  }
  store.refunds.set(id, refund)
  store.announce("REFUND", id, refund.chargePermissionId, refund.merchantId)
  const declines = ctx.simulationCode === "RefundDeclined"
  store.clock.schedule(refund.createdAt + store.settings.pendingDelayMs, () => {
    if (refund.status.state !== "RefundInitiated") {
      return
    }
    if (declines) {
      store.setRefundState(refund, "Declined", "AmazonRejected", "Sandbox simulation RefundDeclined")
    } else {
      charge.refundedAmount += refund.amount
      store.setRefundState(refund, "Refunded")
    }
  })
  return { status: 201, body: refundView(store, refund) }
}

export function getRefund(ctx: OperationContext, id: string): OperationResult {
  return { status: 200, body: refundView(ctx.store, ctx.store.refund(id, ctx.merchantId)) }
}

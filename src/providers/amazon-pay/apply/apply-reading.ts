/**
 * Applies one Amazon object's live state (from an IPN or from the polling job) under the payment's
 * lock (the provider's own: journal/payment-lock.ts), so duplicates, reordered deliveries, the
 * polling job, both webhook subscribers and the admin's captures and refunds never interleave.
 *
 * The object is found through the journal: the charge permission must be recorded there, bound to
 * the payment collection its reference names (binding.ts); the Medusa payment session that
 * completed it is recorded with it. Then:
 * - the object's state is recorded in the journal (apply-plan.ts: terminal states are never left);
 * - a refund that turned Declined is corrected in Medusa (apply-refund-declined.ts), once;
 * - no Payment yet (order placed under `pending_authorization`): a Declined charge cancels or flags
 *   the order (apply-authorization-declined.ts); an Authorized/Captured charge is authorized the
 *   way core's processPaymentWorkflow does it, but only when polling: for an IPN, core's own
 *   subscriber runs that workflow from the provider's `authorized`/`captured` answer;
 * - the Payment's `data` is rewritten from the journal (compare-and-set, store-container/store-services.ts).
 */
import type { PaymentSessionDTO } from "@medusajs/framework/types"
import { PaymentActions } from "@medusajs/framework/utils"
import { processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import type { AmazonObjectRecord } from "../../../modules/amazon-pay-journal/journal-records"
import type { PaymentRef } from "../journal/journaled-call"
import { projectPaymentData, recordCharge, recordChargeback, recordPermission, recordRefund } from "../journal/registry"
import { emitCaptureDeclined } from "../capture-declined"
import { readPaymentData } from "../payment-data"
import { applyAuthorizationDeclined } from "./apply-authorization-declined"
import { planRefundDeclined, planStateChange } from "./apply-plan"
import { correctDeclinedRefund } from "./apply-refund-declined"
import { recordOrphanedMoney } from "./record-orphans"
import { orderOfPaymentCollection, type MedusaServices } from "../store-container/store-services"
import type { OwnedReading } from "../ipn/read-ipn"
import { chargeAction } from "../core-webhook/webhook-action"
import type { AmazonPayWebhookOptions } from "../ipn/ipn-options"

export type ApplySource = "ipn" | "poll"

export const CHARGEBACK_OPENED_EVENT = "amazon-pay.chargeback.opened"
export const CHARGEBACK_RESOLVED_EVENT = "amazon-pay.chargeback.resolved"
export const CHARGEBACK_FLAG = "amazon_pay_chargeback"

/** A charge of a placed payment that turns Declined from these states is a declined capture. */
const CAPTURE_PENDING_FROM: ReadonlySet<string> = new Set(["Authorized", "CaptureInitiated"])

export interface ApplyContext {
  services: MedusaServices
  webhook: AmazonPayWebhookOptions
  /** Medusa's provider id, `pp_amazon-pay_amazon-pay`. */
  providerId: string
  /**
   * The store's other Amazon Pay provider instances on the same Amazon merchant account, by Medusa
   * provider id, with their IPN options. Amazon sends every IPN of a merchant account to the one
   * URL set in Seller Central, so a store with two instances (e.g. one capturing on authorize) gets
   * the second one's IPNs on the first one's webhook; they are applied with the owner's options.
   */
  sameMerchantProviders?: Readonly<Record<string, AmazonPayWebhookOptions>>
}

/** The context for the provider that owns the session, or null when no provider here owns it. */
function ownerContext(ctx: ApplyContext, sessionProviderId: string): ApplyContext | null {
  if (sessionProviderId === ctx.providerId) {
    return ctx
  }
  const webhook = ctx.sameMerchantProviders?.[sessionProviderId]
  return webhook ? { ...ctx, providerId: sessionProviderId, webhook } : null
}

interface PaymentRow {
  id: string
  data: Record<string, unknown> | null
  payment_collection_id: string
  currency_code: string
}

async function readPaymentRow(ctx: ApplyContext, filter: { id: string } | { payment_session_id: string }): Promise<PaymentRow | undefined> {
  const [row] = (await ctx.services.payment.listPayments(filter as any, {
    select: ["id", "data", "payment_collection_id", "currency_code"],
    take: 1,
  })) as unknown as PaymentRow[]
  return row
}

/** The journal's charge permission for a reading, when this store recorded it for that payment collection. */
async function recordedPermission(ctx: ApplyContext, reading: OwnedReading): Promise<AmazonObjectRecord | null> {
  const permission = await ctx.services.journal.objectByAmazonId(reading.permission.chargePermissionId)
  return permission && permission.payment_collection_id === reading.paymentCollectionId && permission.payment_session_id ? permission : null
}

export async function applyOwnedReading(ctx: ApplyContext, reading: OwnedReading, source: ApplySource): Promise<string> {
  return ctx.services.lock(reading.paymentCollectionId, async () => {
    const { journal } = ctx.services
    const notificationId = source === "ipn" ? reading.message.NotificationId : undefined
    if (notificationId && (await journal.wasNotificationApplied(notificationId))) {
      return "duplicate notification, already applied"
    }
    const permission = await recordedPermission(ctx, reading)
    if (!permission) {
      return "charge permission not recorded by this store"
    }
    const sessionId = permission.payment_session_id as string
    const [session] = await ctx.services.payment.listPaymentSessions({ id: sessionId }, { take: 1 })
    const owner = session ? ownerContext(ctx, session.provider_id) : null
    if (!session || !owner) {
      return "unknown payment session"
    }
    const ref: PaymentRef = { paymentCollectionId: reading.paymentCollectionId, paymentSessionId: sessionId }
    const payment = await readPaymentRow(owner, { payment_session_id: sessionId })
    let outcome = await recordReading(owner, ref, reading, session, payment, source)
    if (payment && reading.kind === "refund" && !(await journal.objectByAmazonId(reading.refund.refundId))?.medusa_ref_id) {
      // A refund this store did not make (Seller Central): Medusa records it too, so the totals agree.
      const recorded = await recordOrphanedMoney(ctx.services, ref.paymentCollectionId)
      outcome = [outcome, ...recorded].join("; ")
    }
    if (payment) {
      await writeProjection(owner, payment)
    }
    if (notificationId) {
      await journal.recordEvent({
        payment_collection_id: ref.paymentCollectionId,
        charge_permission_id: permission.amazon_id,
        kind: "ipn_applied",
        amazon_id: reading.message.ObjectId,
        notification_id: notificationId,
        summary: `IPN ${reading.message.ObjectType} ${reading.message.ObjectId}: ${outcome}`,
      })
    }
    return outcome
  })
}

async function noteStateChange(ctx: ApplyContext, ref: PaymentRef, type: string, amazonId: string, entered: string | null, source: ApplySource) {
  if (entered) {
    await ctx.services.journal.recordEvent({
      payment_collection_id: ref.paymentCollectionId,
      kind: "state_change",
      amazon_id: amazonId,
      summary: `${type} ${amazonId} is ${entered} (${source === "ipn" ? "IPN" : "polling"})`,
    })
  }
}

async function recordReading(
  ctx: ApplyContext,
  ref: PaymentRef,
  reading: OwnedReading,
  session: PaymentSessionDTO,
  payment: PaymentRow | undefined,
  source: ApplySource
): Promise<string> {
  const { journal } = ctx.services
  const permissionId = reading.permission.chargePermissionId
  if (reading.kind === "charge_permission") {
    const previous = await journal.objectByAmazonId(permissionId)
    await recordPermission(journal, ref, reading.permission)
    await noteStateChange(ctx, ref, "ChargePermission", permissionId, previous?.state === reading.permission.statusDetails.state ? null : reading.permission.statusDetails.state, source)
    return `charge permission ${reading.permission.statusDetails.state}`
  }
  if (reading.kind === "chargeback") {
    return recordChargebackReading(ctx, ref, reading, payment, source)
  }
  const charge = reading.charge
  const previousCharge = await journal.objectByAmazonId(charge.chargeId)
  const chargeChange = planStateChange("Charge", previousCharge?.state ?? null, charge.statusDetails.state)
  if (reading.kind === "refund") {
    const refund = reading.refund
    const previous = await journal.objectByAmazonId(refund.refundId)
    const change = planStateChange("Refund", previous?.state ?? null, refund.statusDetails.state)
    if (!change.record) {
      return `refund ${refund.refundId} already ${previous?.state}`
    }
    let outcome = `refund ${refund.statusDetails.state}`
    if (change.entered === "Declined" && previous && payment) {
      const declined = planRefundDeclined(
        { ...previous, amount: refund.refundAmount.amount, currency_code: refund.refundAmount.currencyCode, reason_code: refund.statusDetails.reasonCode ?? null },
        await journal.objectsOf(ref.paymentCollectionId)
      )
      if (declined) {
        // Correct first: each step is idempotent, so if recording fails the next delivery redoes it.
        await correctDeclinedRefund(ctx.services, payment, declined)
        outcome = `refund ${refund.refundId} declined: Medusa refund ${declined.medusaRefundId} corrected`
      }
    }
    await recordRefund(journal, ref, refund, permissionId)
    if (chargeChange.record) {
      await recordCharge(journal, ref, charge)
    }
    await noteStateChange(ctx, ref, "Refund", refund.refundId, change.entered, source)
    return outcome
  }
  if (!chargeChange.record) {
    return `charge ${charge.chargeId} already ${previousCharge?.state}`
  }
  await recordCharge(journal, ref, charge)
  await noteStateChange(ctx, ref, "Charge", charge.chargeId, chargeChange.entered, source)
  if (payment && chargeChange.entered === "Declined" && CAPTURE_PENDING_FROM.has(previousCharge?.state ?? "")) {
    // A capture that was pending (or answered without a definite state) and then declined.
    await emitCaptureDeclined(ctx.services.events, {
      payment_collection_id: ref.paymentCollectionId,
      payment_id: payment.id,
      charge_id: charge.chargeId,
      capture_id: previousCharge?.medusa_ref_id ?? null,
      amount: charge.chargeAmount?.amount ?? null,
      currency_code: charge.chargeAmount?.currencyCode ?? null,
      reason_code: charge.statusDetails.reasonCode ?? null,
    })
  }
  if (payment || session.status !== "pending_authorization") {
    return `charge ${charge.statusDetails.state}`
  }
  return settlePendingAuthorization(ctx, session, reading, source)
}

/**
 * A chargeback (Amazon Pay "Dispute"): recorded with its charge, its opening and its outcome each
 * noted once with an event. Not a refund: the Charge keeps its captured and refunded amounts (Amazon
 * documents no change to it), so Medusa's captured and refunded totals stay as they are; Amazon takes
 * the disputed amount from the merchant's account unless the merchant wins. The order is flagged
 * (metadata `amazon_pay_chargeback`) so it shows, and an admin is told (amazon-pay.chargeback.opened).
 */
async function recordChargebackReading(
  ctx: ApplyContext,
  ref: PaymentRef,
  reading: Extract<OwnedReading, { kind: "chargeback" }>,
  payment: PaymentRow | undefined,
  source: ApplySource
): Promise<string> {
  const { journal } = ctx.services
  const { dispute } = reading
  const previous = await journal.objectByAmazonId(dispute.disputeId)
  const change = planStateChange("Chargeback", previous?.state ?? null, dispute.statusDetails.state)
  if (!change.record) {
    return `chargeback ${dispute.disputeId} already ${previous?.state}`
  }
  await recordChargeback(journal, ref, dispute, reading.permission.chargePermissionId)
  await noteStateChange(ctx, ref, "Chargeback", dispute.disputeId, change.entered, source)
  const data = {
    payment_id: payment?.id ?? null,
    payment_collection_id: ref.paymentCollectionId,
    dispute_id: dispute.disputeId,
    charge_id: dispute.chargeId,
    amount: dispute.disputeAmount.amount,
    currency_code: dispute.disputeAmount.currencyCode,
    state: dispute.statusDetails.state,
    resolution: dispute.statusDetails.resolution ?? null,
    filing_reason: dispute.filingReason,
    response_deadline: dispute.merchantResponseDeadline,
  }
  if (!previous) {
    await flagOrder(ctx, ref, data)
    await ctx.services.events.emit({ name: CHARGEBACK_OPENED_EVENT, data })
    return `chargeback ${dispute.disputeId} opened (${dispute.disputeAmount.amount} ${dispute.disputeAmount.currencyCode})`
  }
  if (change.entered === "Resolved" || change.entered === "Closed") {
    await flagOrder(ctx, ref, data)
    await ctx.services.events.emit({ name: CHARGEBACK_RESOLVED_EVENT, data })
  }
  return `chargeback ${dispute.disputeId} ${dispute.statusDetails.state}`
}

async function flagOrder(ctx: ApplyContext, ref: PaymentRef, chargeback: Record<string, unknown>): Promise<void> {
  const order = await orderOfPaymentCollection(ctx.services, ref.paymentCollectionId)
  if (order) {
    await ctx.services.order.updateOrders(order.id, { metadata: { ...(order.metadata ?? {}), [CHARGEBACK_FLAG]: chargeback } } as never)
  }
}

async function settlePendingAuthorization(
  ctx: ApplyContext,
  session: PaymentSessionDTO,
  reading: Extract<OwnedReading, { kind: "charge" }>,
  source: ApplySource
): Promise<string> {
  const state = reading.charge.statusDetails.state
  if (state === "Declined") {
    const outcome = await applyAuthorizationDeclined(ctx.services, session, reading.charge, ctx.webhook.onPendingAuthorizationDeclined)
    return `pending authorization declined: ${outcome}`
  }
  const action = chargeAction(session.id, reading.charge)
  if (action.action !== PaymentActions.AUTHORIZED && action.action !== PaymentActions.SUCCESSFUL) {
    return `charge ${state}: still pending`
  }
  if (source === "ipn") {
    return `charge ${state}: authorized by Medusa core's webhook subscriber`
  }
  await processPaymentWorkflow(ctx.services.container).run({ input: action as any })
  return `charge ${state}: payment session authorized`
}

/** Attempts of read, project, compare-and-set before leaving it to the next IPN or poll. */
const WRITE_ATTEMPTS = 5

/**
 * The Payment's `data` rewritten from the journal. Medusa's own capture or refund may save the
 * provider's data for this payment meanwhile; the compare-and-set never overwrites that, and the
 * projection is simply made again on the fresh row (the journal, not the row, is the record).
 */
export async function writeProjection(ctx: ApplyContext, first: PaymentRow): Promise<void> {
  let payment: PaymentRow | undefined = first
  for (let attempt = 1; payment && attempt <= WRITE_ATTEMPTS; attempt++) {
    const current = readPaymentData(payment.data)
    const next = projectPaymentData(current, await ctx.services.journal.objectsOf(payment.payment_collection_id))
    if (JSON.stringify(next) === JSON.stringify(current) || (await ctx.services.setPaymentDataIf(payment.id, payment.data, next))) {
      return
    }
    payment = await readPaymentRow(ctx, { id: payment.id })
  }
}

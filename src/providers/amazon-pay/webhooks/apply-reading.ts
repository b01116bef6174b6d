/**
 * Applies one Amazon object's live state (from an IPN or from the polling job) to Medusa, under a
 * per-session lock so duplicates, reordered deliveries, the polling job and both webhook
 * subscribers (core's and this plugin's) never interleave on one payment.
 *
 * - A Payment exists: its `data` is brought up to Amazon's state (charges, refunds, permission
 *   state, via the pure plans in apply-plan.ts); a refund that turned Declined is corrected
 *   (apply-refund-declined.ts).
 * - No Payment yet (order placed under `pending_authorization`): a Declined charge cancels or flags
 *   the order (apply-authorization-declined.ts); an Authorized/Captured charge is authorized the
 *   way core's processPaymentWorkflow does it, but only when polling: for an IPN, core's own
 *   subscriber runs that workflow from the provider's `authorized`/`captured` answer.
 */
import type { PaymentSessionDTO } from "@medusajs/framework/types"
import { PaymentActions } from "@medusajs/framework/utils"
import { processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { readPaymentData, type AmazonPayPaymentData } from "../payment-data"
import { applyAuthorizationDeclined } from "./apply-authorization-declined"
import {
  planChargeUpdate,
  planPermissionUpdate,
  planRefundUpdate,
  rememberNotification,
  wasNotificationApplied,
  type ApplyPlan,
} from "./apply-plan"
import { correctDeclinedRefund } from "./apply-refund-declined"
import type { MedusaServices } from "./medusa-services"
import type { OwnedReading } from "./read-ipn"
import { chargeAction } from "./webhook-action"
import type { AmazonPayWebhookOptions } from "./webhook-options"

export type ApplySource = "ipn" | "poll"

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

export async function applyOwnedReading(ctx: ApplyContext, reading: OwnedReading, source: ApplySource): Promise<string> {
  return ctx.services.lock(reading.sessionId, async () => {
    const [session] = await ctx.services.payment.listPaymentSessions({ id: reading.sessionId }, { take: 1 })
    const owner = session ? ownerContext(ctx, session.provider_id) : null
    if (!session || !owner) {
      return "unknown payment session"
    }
    const payment = await readPaymentRow(ctx, { payment_session_id: reading.sessionId })
    return payment ? applyToPayment(owner, payment, reading, source) : applyToSession(owner, session, reading, source)
  })
}

function planFor(data: AmazonPayPaymentData, reading: OwnedReading): ApplyPlan {
  switch (reading.kind) {
    case "charge":
      return planChargeUpdate(data, reading.charge)
    case "refund": {
      // The charge's refundedAmount changes with the refund: keep both true.
      const charge = planChargeUpdate(data, reading.charge)
      const refund = planRefundUpdate(charge.data, reading.refund)
      return { ...refund, changed: charge.changed || refund.changed }
    }
    case "charge_permission":
      return planPermissionUpdate(data, reading.permission)
  }
}

/** Attempts of read, plan, compare-and-set before giving up (the polling job retries later). */
const WRITE_ATTEMPTS = 5

async function applyToPayment(ctx: ApplyContext, first: PaymentRow, reading: OwnedReading, source: ApplySource): Promise<string> {
  let payment = first
  // Declined refunds already corrected in this call: a retry after a conflict plans the same
  // correction again on the fresh data, but its Medusa effects and event must happen once.
  const corrected = new Set<string>()
  for (let attempt = 1; ; attempt++) {
    const outcome = await applyOnce(ctx, payment, reading, source, corrected)
    if (outcome !== null) {
      return outcome
    }
    // Someone else (Medusa saving a capture's or refund's provider data) wrote it since it was read: plan again on theirs.
    const fresh = await readPaymentRow(ctx, { id: payment.id })
    if (!fresh || attempt >= WRITE_ATTEMPTS) {
      throw new Error(`payment ${payment.id} kept changing while the Amazon state was applied; the polling job will retry`)
    }
    payment = fresh
  }
}

/** One read-plan-write round; null when the compare-and-set found the data changed. */
async function applyOnce(
  ctx: ApplyContext,
  payment: PaymentRow,
  reading: OwnedReading,
  source: ApplySource,
  corrected: Set<string>
): Promise<string | null> {
  const data = readPaymentData(payment.data)
  const notificationId = source === "ipn" ? reading.message.NotificationId : undefined
  if (wasNotificationApplied(data, notificationId)) {
    return "duplicate notification, already applied"
  }
  const plan = planFor(data, reading)
  let outcome = plan.changed ? "payment data updated" : "payment data already current"
  if (plan.refundDeclined) {
    // Corrections first: each step is idempotent, so if saving the data below fails the next
    // delivery redoes them harmlessly; the other order could lose the correction.
    if (!corrected.has(plan.refundDeclined.amazonRefundId)) {
      await correctDeclinedRefund(ctx.services, payment, plan.refundDeclined)
      corrected.add(plan.refundDeclined.amazonRefundId)
    }
    outcome = `refund ${plan.refundDeclined.amazonRefundId} declined: Medusa refund ${plan.refundDeclined.medusaRefundId} corrected`
  }
  const next = rememberNotification(plan.data, notificationId)
  if (next !== data && !(await ctx.services.setPaymentDataIf(payment.id, payment.data, next))) {
    return null
  }
  return outcome
}

async function applyToSession(ctx: ApplyContext, session: PaymentSessionDTO, reading: OwnedReading, source: ApplySource): Promise<string> {
  if (reading.kind !== "charge" || session.status !== "pending_authorization") {
    return "no payment yet, nothing to record"
  }
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

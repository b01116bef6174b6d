/**
 * What the order widget shows of one Amazon Pay payment, computed from the journal (pure; tested in
 * __tests__/view-model.unit.spec.ts): the charge permission with what is left to capture, every
 * charge, refund and chargeback with Amazon's state and reason, and one timeline from the journal's
 * calls (money moves, closes, delivery trackers) and events (IPNs applied, state changes, syncs).
 * Amounts stay Amazon's exact decimal strings; sums are made in minor units.
 */
import type { Price } from "../../../lib/amazon-pay/types"
import type { AmazonObjectRecord, EventRecord, OperationRecord } from "../../../modules/amazon-pay-journal/journal-records"
import { priceFromMinor, priceToMinor } from "../amounts"
import { capturedCharges, type AmazonPayPaymentData } from "../payment-data"
import type { AmazonPayOptions } from "../options"
import { sellerCentralUrl } from "./seller-central"

/** Amazon Pay "Charge Permission": a one-time permission can be charged for 180 days. */
export const ONE_TIME_PERMISSION_DAYS = 180

export interface ChargePermissionView {
  id: string
  state: string
  reasons: string[]
  /** Creation + 180 days (one-time permission), ISO. */
  expires_at: string
  /** What the buyer authorized (Amazon `limits.amountLimit`). */
  amount_limit: Price | null
  captured: Price
  /** amount_limit - captured while the permission can still be charged; zero once it is Closed. */
  left_to_capture: Price
  seller_central_url: string
}

export interface ChargeView {
  id: string
  amount: Price
  state: string
  reason_code: string | null
  captured: Price | null
  refunded: Price | null
  medusa_capture_id: string | null
  created_at: string
}

export interface RefundView {
  id: string
  charge_id: string
  amount: Price
  state: string
  reason_code: string | null
  medusa_refund_id: string | null
}

export interface ChargebackView {
  id: string
  charge_id: string
  amount: Price | null
  state: string
  reason_code: string | null
}

export interface TimelineEntry {
  at: string
  /** `call` (a journaled Amazon call) or the journal event's kind (`ipn_applied`, `state_change`, ...). */
  kind: string
  title: string
}

export interface AmazonPayWidgetView {
  currency_code: string
  region: AmazonPayOptions["region"]
  charge_permission: ChargePermissionView | null
  charges: ChargeView[]
  refunds: RefundView[]
  chargebacks: ChargebackView[]
  timeline: TimelineEntry[]
}

const price = (amount: string | null, currencyCode: string | null): Price | null =>
  amount !== null && currencyCode ? { amount, currencyCode } : null

const iso = (date: Date | string | null | undefined): string | null => (date ? new Date(date).toISOString() : null)

function permissionView(data: AmazonPayPaymentData, permission: AmazonObjectRecord | undefined, region: AmazonPayOptions["region"]): ChargePermissionView | null {
  if (!permission) {
    return null
  }
  const currency = (permission.currency_code ?? data.currencyCode).toUpperCase()
  const captured = capturedCharges(data).reduce((sum, c) => sum + priceToMinor(c.capturedAmount as Price), 0n)
  const limit = price(permission.amount, currency)
  const left = limit && permission.state !== "Closed" ? priceToMinor(limit) - captured : 0n
  // Amazon's creation time, else when the journal first recorded it (at checkout completion).
  const created = new Date(permission.amazon_created_at ?? permission.created_at)
  return {
    id: permission.amazon_id,
    state: permission.state,
    reasons: data.chargePermissionReasons,
    expires_at: new Date(created.getTime() + ONE_TIME_PERMISSION_DAYS * 24 * 3600_000).toISOString(),
    amount_limit: limit,
    captured: priceFromMinor(captured, currency),
    left_to_capture: priceFromMinor(left > 0n ? left : 0n, currency),
    seller_central_url: sellerCentralUrl(region, permission.amazon_id),
  }
}

/** A delivery tracker call names its tracking number and carrier (its body; it has no Amazon object). */
function trackerOf(op: OperationRecord): string {
  const [detail] = (op.request as { deliveryDetails?: Array<{ trackingNumber?: string; carrierCode?: string }> } | null)?.deliveryDetails ?? []
  return op.kind === "create_delivery_tracker" && detail?.trackingNumber ? ` ${detail.trackingNumber} (${detail.carrierCode ?? "?"})` : ""
}

function operationTitle(op: OperationRecord): string {
  const what = `${op.kind.replace(/_/g, " ")}${trackerOf(op)}`
  const amount = op.amount ? ` ${op.amount} ${op.currency_code ?? ""}`.trimEnd() : ""
  const target = op.amazon_object_id ?? op.target_id
  const reason = op.reason_code ? ` (${op.reason_code}${op.message ? `: ${op.message}` : ""})` : ""
  return `${what}${amount}${target ? ` on ${target}` : ""}: ${op.status}${reason}${op.attempt > 1 ? `, attempt ${op.attempt}` : ""}`
}

export function timelineOf(operations: ReadonlyArray<OperationRecord>, events: ReadonlyArray<EventRecord>): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...operations.map((op) => ({ at: iso(op.created_at) as string, kind: "call", title: operationTitle(op) })),
    ...events.map((event) => ({ at: iso(event.created_at) as string, kind: event.kind, title: event.summary })),
  ]
  return entries.sort((a, b) => a.at.localeCompare(b.at))
}

export function widgetView(input: {
  data: AmazonPayPaymentData
  objects: ReadonlyArray<AmazonObjectRecord>
  operations: ReadonlyArray<OperationRecord>
  events: ReadonlyArray<EventRecord>
  region: AmazonPayOptions["region"]
}): AmazonPayWidgetView {
  const { data, objects, region } = input
  const permission = objects.find((o) => o.object_type === "ChargePermission" && o.amazon_id === data.chargePermissionId)
  return {
    currency_code: data.currencyCode,
    region,
    charge_permission: permissionView(data, permission, region),
    charges: data.charges.map((c) => ({
      id: c.chargeId,
      amount: c.amount,
      state: c.state,
      reason_code: c.reasonCode,
      captured: c.capturedAmount,
      refunded: c.refundedAmount,
      medusa_capture_id: c.medusaCaptureId ?? null,
      created_at: c.createdAt,
    })),
    refunds: data.refunds.map((r) => ({
      id: r.refundId,
      charge_id: r.chargeId,
      amount: r.amount,
      state: r.state,
      reason_code: r.reasonCode,
      medusa_refund_id: r.medusaRefundId || null,
    })),
    chargebacks: data.chargebacks.map((c) => ({ id: c.chargebackId, charge_id: c.chargeId, amount: c.amount, state: c.state, reason_code: c.reasonCode })),
    timeline: timelineOf(input.operations, input.events),
  }
}

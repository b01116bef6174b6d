/**
 * What an admin is told, and whether: the pure half of admin notifications. An occurrence (a
 * refund declined, a pending authorization declined, a capture declined, a chargeback opened) is
 * read from the plugin's own event, checked against the `adminNotifications` option, and turned
 * into one Notification Module entry for the dashboard's bell:
 * - channel `feed`, `to: ""`: the dashboard lists feed notifications addressed to the signed-in
 *   user's id or email or to "" (@medusajs/dashboard notifications drawer), so "" reaches every admin;
 * - template `admin-ui` and `data: {title, description}`, the shape the drawer renders (it skips
 *   entries without `data.title`), as Medusa's own product import/export notices use it;
 * - `resource_type: "order"`, `resource_id`: the order to open;
 * - `idempotency_key` made of the occurrence's kind and the Amazon object it is about (the
 *   journal's key): the Notification Module creates nothing for a key it already holds, so a
 *   redelivered IPN, a poll after an IPN, or an event-bus retry never notifies twice.
 */
import { z } from "zod"
import type { AmazonPayOptions } from "../options"
import { declinedCaptureMessage } from "../capture"

export const ADMIN_NOTIFICATION_KINDS = ["refundDeclined", "authorizationDeclined", "captureDeclined", "chargebackOpened"] as const
export type AdminNotificationKind = (typeof ADMIN_NOTIFICATION_KINDS)[number]

/** The plugin's events an admin hears of, by kind (emitted by apply/ and capture-declined.ts). */
export const EVENT_OF_KIND: Readonly<Record<AdminNotificationKind, string>> = {
  refundDeclined: "amazon-pay.refund.declined",
  authorizationDeclined: "amazon-pay.authorization.declined",
  captureDeclined: "amazon-pay.capture.declined",
  chargebackOpened: "amazon-pay.chargeback.opened",
}

const id = z.string().min(1).max(200)
const text = z.string().max(500).nullish()

const EVENT_DATA = {
  refundDeclined: z.object({ payment_collection_id: id, amazon_refund_id: id, amount: text, currency_code: text, reason_code: text }),
  authorizationDeclined: z.object({ payment_collection_id: id, charge_id: id, reason_code: text, action: text }),
  captureDeclined: z
    .object({ payment_collection_id: id, charge_id: id.nullish(), capture_id: id.nullish(), amount: text, currency_code: text, reason_code: text })
    .refine((data) => data.charge_id || data.capture_id, "charge_id or capture_id is required"),
  chargebackOpened: z.object({
    payment_collection_id: id,
    dispute_id: id,
    charge_id: text,
    amount: text,
    currency_code: text,
    filing_reason: text,
    response_deadline: text,
  }),
} as const

export type Occurrence = { kind: AdminNotificationKind; paymentCollectionId: string; amazonId: string; data: Record<string, string | null | undefined> }

/** The occurrence an event stands for; null for another event or data that does not fit. */
export function occurrenceOf(eventName: string, data: unknown): Occurrence | null {
  const kind = ADMIN_NOTIFICATION_KINDS.find((k) => EVENT_OF_KIND[k] === eventName)
  if (!kind) {
    return null
  }
  const parsed = EVENT_DATA[kind].safeParse(data)
  if (!parsed.success) {
    return null
  }
  const fields = parsed.data as Record<string, string | null | undefined>
  const amazonId =
    kind === "refundDeclined"
      ? fields.amazon_refund_id
      : kind === "chargebackOpened"
        ? fields.dispute_id
        : (fields.charge_id ?? fields.capture_id)
  return { kind, paymentCollectionId: fields.payment_collection_id as string, amazonId: amazonId as string, data: fields }
}

export function isEnabled(option: AmazonPayOptions["adminNotifications"], kind: AdminNotificationKind): boolean {
  return typeof option === "boolean" ? option : option[kind] !== false
}

export interface OrderOfOccurrence {
  id: string
  display_id?: number | string | null
}

export interface AdminNotification {
  to: ""
  channel: "feed"
  template: "admin-ui"
  trigger_type: string
  resource_type: "order" | "payment_collection"
  resource_id: string
  idempotency_key: string
  data: { title: string; description: string; amazon_pay: Record<string, unknown> }
}

const money = (data: Occurrence["data"]) => (data.amount ? `${data.amount} ${(data.currency_code ?? "").toUpperCase()}`.trim() : "an amount")
const reason = (code: string | null | undefined) => (code ? ` (${code})` : "")

/** Amazon's compact UTC timestamp (`20261211T011535Z`, Amazon Pay "Dispute") as `2026-12-11 01:15 UTC`; other text as it is. */
export function readableDeadline(value: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})\d{2}Z$/.exec(value)
  return match ? `${match[1]}-${match[2]}-${match[3]} ${match[4]}:${match[5]} UTC` : value
}

function message(occurrence: Occurrence, orderName: string): { title: string; description: string } {
  const { data } = occurrence
  switch (occurrence.kind) {
    case "refundDeclined":
      return {
        title: "Amazon Pay declined a refund",
        description:
          `${orderName}: Amazon declined refund ${data.amazon_refund_id} of ${money(data)}${reason(data.reason_code)}. ` +
          "Medusa's refund was undone, so the buyer has not been refunded: refund again or settle with the buyer another way.",
      }
    case "authorizationDeclined":
      return {
        title: "Amazon Pay declined a payment",
        description:
          `${orderName}: Amazon declined the pending authorization of charge ${data.charge_id}${reason(data.reason_code)}. ` +
          (data.action === "canceled_order"
            ? "The order was canceled; nothing was charged."
            : "The order is flagged (metadata amazon_pay_authorization_declined) and must not ship: contact the buyer or cancel it."),
      }
    case "captureDeclined":
      return {
        title: "Amazon Pay declined a capture",
        description: `${orderName}: capturing ${money(data)} failed. ${declinedCaptureMessage(data.reason_code)}.`,
      }
    case "chargebackOpened":
      return {
        title: "Amazon Pay chargeback opened",
        description:
          `${orderName}: the buyer's bank disputes ${money(data)} of charge ${data.charge_id ?? "?"}` +
          `${data.filing_reason ? ` (${data.filing_reason})` : ""}. Respond in Seller Central` +
          `${data.response_deadline ? ` by ${readableDeadline(data.response_deadline)}` : ""} (chargeback ${data.dispute_id}).`,
      }
  }
}

/** The Notification Module entry for an occurrence (to `createNotifications`). */
export function planAdminNotification(occurrence: Occurrence, order: OrderOfOccurrence | null): AdminNotification {
  const orderName = order ? `Order ${order.display_id !== undefined && order.display_id !== null ? `#${order.display_id}` : order.id}` : "A payment without an order"
  return {
    to: "",
    channel: "feed",
    template: "admin-ui",
    trigger_type: EVENT_OF_KIND[occurrence.kind],
    resource_type: order ? "order" : "payment_collection",
    resource_id: order?.id ?? occurrence.paymentCollectionId,
    idempotency_key: `amazon-pay:${occurrence.kind}:${occurrence.amazonId}`,
    data: {
      ...message(occurrence, orderName),
      amazon_pay: { kind: occurrence.kind, amazon_id: occurrence.amazonId, payment_collection_id: occurrence.paymentCollectionId, order_id: order?.id ?? null },
    },
  }
}

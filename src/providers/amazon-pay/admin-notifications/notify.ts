/**
 * Sends a planned admin notification (plan.ts) through Medusa's Notification Module and notes it
 * on the payment's timeline (journal event `admin_notified`, shown in the order widget). The
 * Notification Module skips an `idempotency_key` it already holds (and returns nothing for it);
 * two deliveries racing past that check meet the column's unique index, and the loser is the
 * duplicate. Only a notification created here is noted, so the timeline has it once too.
 */
import type { INotificationModuleService } from "@medusajs/framework/types"
import type { JournalPort } from "../journal/journal-port"
import { planAdminNotification, type Occurrence, type OrderOfOccurrence } from "./plan"

export interface NotifyDeps {
  notifications: Pick<INotificationModuleService, "createNotifications" | "listNotifications">
  journal: Pick<JournalPort, "recordEvent">
  /** The order placed for the payment collection, if any. */
  orderOf(paymentCollectionId: string): Promise<OrderOfOccurrence | null>
}

export type NotifyOutcome = "sent" | "duplicate"

async function alreadySent(deps: NotifyDeps, key: string): Promise<boolean> {
  const found = await deps.notifications.listNotifications({ idempotency_key: key } as never, { take: 1, select: ["id"] })
  return found.length > 0
}

export async function notifyAdmins(deps: NotifyDeps, occurrence: Occurrence): Promise<NotifyOutcome> {
  const order = await deps.orderOf(occurrence.paymentCollectionId)
  const planned = planAdminNotification(occurrence, order)
  let created: unknown[]
  try {
    created = await deps.notifications.createNotifications([planned] as never)
  } catch (error) {
    if (await alreadySent(deps, planned.idempotency_key)) {
      return "duplicate"
    }
    throw error
  }
  if (!created.length) {
    return "duplicate"
  }
  await deps.journal.recordEvent({
    payment_collection_id: occurrence.paymentCollectionId,
    kind: "admin_notified",
    amazon_id: occurrence.amazonId,
    summary: `Admins notified: ${planned.data.title}`,
    detail: { kind: occurrence.kind, title: planned.data.title, description: planned.data.description, idempotency_key: planned.idempotency_key },
  })
  return "sent"
}

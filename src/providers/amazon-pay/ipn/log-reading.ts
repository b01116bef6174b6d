/**
 * One log line per IPN, with ids only (never the body, which carries buyer data). An owned
 * notification is logged once, with its outcome, by the path that applied it.
 */
import type { IpnReading } from "./read-ipn"
import type { WebhookLogger } from "./ipn-deps"

export function logReading(logger: WebhookLogger | undefined, reading: IpnReading, outcome: string): void {
  if (!logger) return
  const prefix = "Amazon Pay IPN"
  switch (reading.kind) {
    case "refused":
      return logger.warn(`${prefix} refused: ${reading.reason}`)
    case "ignored":
      if (reading.warn) {
        return logger.warn(`${prefix} ignored (${reading.message?.NotificationId ?? "no notification id"}): ${reading.reason}`)
      }
      return logger.info(`${prefix} ignored (${reading.message?.NotificationId ?? "no notification id"}): ${reading.reason}`)
    case "unavailable":
      return logger.warn(`${prefix} ${reading.message.NotificationId} not applied: ${reading.reason}; retried by the event bus (Redis) and the polling job`)
    case "subscription":
      if (reading.outcome === "confirmed") {
        return logger.info(`${prefix} SubscriptionConfirmation confirmed: ${reading.detail}`)
      }
      return logger.warn(`${prefix} SubscriptionConfirmation ${reading.outcome}: ${reading.detail}`)
    default:
      return logger.info(
        `${prefix} ${reading.message.NotificationId}: ${reading.message.ObjectType} ${reading.message.ObjectId} ` +
          `(payment collection ${reading.paymentCollectionId}) -> ${outcome}`
      )
  }
}

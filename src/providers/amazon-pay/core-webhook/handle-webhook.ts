/**
 * What the provider's `getWebhookActionAndData(payload)` does with an Amazon Pay IPN (Amazon posts
 * to Medusa's `/hooks/payment/amazon-pay_amazon-pay`): read and verify it, GET the object it points
 * at, and tell Medusa core what happened to the charge. Anything it will not act on is
 * `not_supported` with one log line. It throws only when the answer may change on a retry (Amazon
 * could not be read, the database failed: ipn/retry-later.ts), so that the Redis Event Bus runs core's
 * subscriber again; the local event bus only logs it.
 *
 * Wiring in provider-service.ts:
 *   return handleWebhook({ client: this.client_, options: this.options_, logger: this.logger_, cradle: this.container }, payload)
 */
import type { WebhookActionResult } from "@medusajs/framework/types"
import { readerDeps, type WebhookDeps } from "../ipn/ipn-deps"
import { logReading } from "../ipn/log-reading"
import { rawBodyOf } from "../ipn/raw-body"
import { readIpn } from "../ipn/read-ipn"
import { IpnRetryLater, retryLater } from "../ipn/retry-later"
import { resolveJournal } from "../journal/journal-port"
import { captureKnowledge } from "./capture-knowledge"
import { NOT_SUPPORTED, webhookActionFor } from "./webhook-action"

/** The Medusa payment session that completed this charge permission, from the journal (null: not ours or not yet). */
async function completingSession(deps: WebhookDeps, chargePermissionId: string, paymentCollectionId: string): Promise<string | null> {
  const permission = await resolveJournal(deps.cradle).objectByAmazonId(chargePermissionId)
  return permission?.payment_collection_id === paymentCollectionId ? permission.payment_session_id : null
}

/**
 * Core's subscriber asks this for every IPN; the plugin's subscriber reads the same notification
 * (one shared reading) and logs what it applied. So this path logs only what the plugin's
 * subscriber does not: notifications that were refused, ignored or could not be read. An owned
 * notification is logged once, with its outcome, by the plugin's subscriber.
 */
export async function handleWebhook(deps: WebhookDeps, payload: unknown): Promise<WebhookActionResult> {
  try {
    const reading = await readIpn(readerDeps(deps), rawBodyOf(payload))
    if (reading.kind === "unavailable") {
      logReading(deps.logger, reading, "not_supported")
      throw new IpnRetryLater(`Amazon Pay IPN ${reading.message.NotificationId}: ${reading.reason}`)
    }
    if (reading.kind !== "charge") {
      if (!("paymentCollectionId" in reading)) {
        logReading(deps.logger, reading, "not_supported")
      }
      return NOT_SUPPORTED
    }
    const sessionId = await completingSession(deps, reading.permission.chargePermissionId, reading.paymentCollectionId)
    const knowledge = sessionId ? await captureKnowledge(deps.cradle, sessionId, reading.charge) : undefined
    return webhookActionFor(reading, sessionId, knowledge)
  } catch (error) {
    if (error instanceof IpnRetryLater) throw error
    deps.logger?.warn(`Amazon Pay IPN not handled yet: ${error instanceof Error ? error.name : "unknown error"}`)
    throw retryLater("Amazon Pay IPN not handled yet", error instanceof Error ? error.name : "unknown error")
  }
}

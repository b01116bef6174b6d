/**
 * What the provider's `getWebhookActionAndData(payload)` does with an Amazon Pay IPN (Amazon posts
 * to Medusa's `/hooks/payment/amazon-pay_amazon-pay`): read and verify it, GET the object it points
 * at, and tell Medusa core what happened to the charge. Anything it will not act on is
 * `not_supported` with one log line. It throws only when the answer may change on a retry (Amazon
 * could not be read, the database failed: retry-later.ts), so that the Redis Event Bus runs core's
 * subscriber again; the local event bus only logs it.
 *
 * Wiring in service.ts:
 *   return handleWebhook({ client: this.client_, options: this.options_, logger: this.logger_, cradle: this.container }, payload)
 */
import type { Logger, WebhookActionResult } from "@medusajs/framework/types"
import type { AmazonPayClient } from "../../../lib/amazon-pay/client"
import type { SnsVerifier } from "../../../lib/amazon-pay/sns-verifier"
import { resolveJournal } from "../journal/journal-port"
import { captureKnowledge } from "./capture-knowledge"
import { rawBodyOf } from "./raw-body"
import { IpnRetryLater, retryLater } from "./retry-later"
import { readIpn, type IpnReading, type IpnReaderDeps } from "./read-ipn"
import { sharedSnsVerifier } from "./verifier-cache"
import { NOT_SUPPORTED, webhookActionFor } from "./webhook-action"
import { readWebhookOptions, type AmazonPayWebhookOptions } from "./webhook-options"

export type WebhookLogger = Pick<Logger, "info" | "warn">

export interface WebhookDeps {
  client: AmazonPayClient
  /** The provider's options (parsed or raw): `merchantId` and the IPN options of webhook-options.ts. */
  options: { merchantId: string } & Partial<Record<keyof AmazonPayWebhookOptions, unknown>>
  logger?: WebhookLogger
  /** The provider's cradle (payment module container), to see whether Medusa recorded a capture. */
  cradle?: Record<string, unknown>
  /** Defaults to a process-wide verifier for the trusted URLs (keeps its certificate cache warm). */
  verifier?: SnsVerifier
}

/** The Medusa payment session that completed this charge permission, from the journal (null: not ours or not yet). */
async function completingSession(deps: WebhookDeps, chargePermissionId: string, paymentCollectionId: string): Promise<string | null> {
  const permission = await resolveJournal(deps.cradle).objectByAmazonId(chargePermissionId)
  return permission?.payment_collection_id === paymentCollectionId ? permission.payment_session_id : null
}

export function readerDeps(deps: WebhookDeps): IpnReaderDeps {
  const webhook = readWebhookOptions(deps.options)
  return {
    client: deps.client,
    merchantId: deps.options.merchantId,
    verifier: deps.verifier ?? sharedSnsVerifier(webhook.ipnTrustedCertUrls),
    trustedSandboxCertUrls: webhook.ipnTrustedCertUrls,
    confirmSubscriptions: webhook.ipnConfirmSubscriptions,
  }
}

/** One log line per IPN, with ids only. */
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

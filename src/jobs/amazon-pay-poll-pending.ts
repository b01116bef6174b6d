/**
 * Fallback for lost IPNs (Amazon SNS gives up after its retries; a store may be down): re-checks
 * Amazon objects that are still pending in Medusa once they are older than `pendingPollAfterMs`,
 * and applies the same transitions as an IPN (providers/amazon-pay/webhooks/apply-reading.ts),
 * including authorizing the session of a settled pending authorization the way core's
 * processPaymentWorkflow does. Amazon's own plugins poll too (WooCommerce every 10 minutes,
 * Magento by cron), and their trackers show the two classic failures avoided here: polling that
 * never stops (only pending states are listed, and applying a final state removes them from the
 * list) and unbounded runs (at most `pendingPollBatchSize` sessions and payments per provider).
 */
import type { Logger, MedusaContainer, PaymentDTO, PaymentSessionDTO } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { IpnMessage } from "../lib/amazon-pay/types"
import { readPaymentData, type AmazonPayPaymentData } from "../providers/amazon-pay/payment-data"
import { pendingAmazonObjects } from "../providers/amazon-pay/webhooks/apply-plan"
import { applyOwnedReading, type ApplyContext } from "../providers/amazon-pay/webhooks/apply-reading"
import { medusaServices } from "../providers/amazon-pay/webhooks/medusa-services"
import {
  medusaProviderId,
  resolveProviderConfigs,
  webhookDepsFor,
  type AmazonPayProviderConfig,
} from "../providers/amazon-pay/webhooks/medusa-deps"
import { readAmazonObject } from "../providers/amazon-pay/webhooks/read-ipn"
import { readWebhookOptions } from "../providers/amazon-pay/webhooks/webhook-options"
import type { AmazonPayClient } from "../lib/amazon-pay/client"

export interface PollOverrides {
  now?: Date
  /** Overrides the provider option `pendingPollAfterMs`. */
  olderThanMs?: number
  /** Overrides the provider option `pendingPollBatchSize`. */
  limit?: number
}

export interface PollReport {
  /** Amazon objects read. */
  checked: number
  /** One line per object: `<kind> <id>: <outcome>`. */
  outcomes: string[]
  errors: number
}

/** Payments scanned for pending objects per run, per provider: a bound on reads when few are pending. */
const SCAN_FACTOR = 20

function message(objectType: string, objectId: string, chargePermissionId: string): IpnMessage {
  return {
    MerchantID: "",
    ObjectType: objectType,
    ObjectId: objectId,
    ChargePermissionId: chargePermissionId,
    NotificationType: "STATE_CHANGE",
    NotificationId: `poll-${objectId}`,
    NotificationVersion: "V2",
  }
}

async function recheck(
  ctx: ApplyContext,
  client: AmazonPayClient,
  sessionId: string,
  data: AmazonPayPaymentData,
  report: PollReport,
  logger: Logger
): Promise<void> {
  const permissionId = data.chargePermissionId
  if (!permissionId) return
  const { chargeIds, refundIds } = pendingAmazonObjects(data)
  const objects = [...chargeIds.map((id) => ["CHARGE", id]), ...refundIds.map((id) => ["REFUND", id])]
  for (const [objectType, objectId] of objects) {
    report.checked++
    try {
      const reading = await readAmazonObject(client, message(objectType, objectId, permissionId))
      if (!("sessionId" in reading) || reading.sessionId !== sessionId) {
        report.outcomes.push(`${objectType} ${objectId}: ${"reason" in reading ? reading.reason : "not this session's"}`)
        continue
      }
      report.outcomes.push(`${objectType} ${objectId}: ${await applyOwnedReading(ctx, reading, "poll")}`)
    } catch (error) {
      report.errors++
      logger.error(`Amazon Pay poll of ${objectType} ${objectId} failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

async function pollProvider(container: MedusaContainer, config: AmazonPayProviderConfig, overrides: PollOverrides, report: PollReport) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER) as Logger
  const webhook = readWebhookOptions(config.options)
  const deps = webhookDepsFor(config, logger)
  const services = medusaServices(container)
  const providerId = medusaProviderId(config.id)
  const ctx: ApplyContext = { services, webhook, providerId }
  const limit = overrides.limit ?? webhook.pendingPollBatchSize
  const cutoff = new Date((overrides.now ?? new Date()).getTime() - (overrides.olderThanMs ?? webhook.pendingPollAfterMs))

  // Orders placed under pending_authorization: the session holds the AuthorizationInitiated charge.
  const sessions: PaymentSessionDTO[] = await services.payment.listPaymentSessions(
    { provider_id: providerId, status: "pending_authorization", updated_at: { $lte: cutoff } } as any,
    { take: limit, order: { updated_at: "ASC" } }
  )
  for (const session of sessions) {
    await recheck(ctx, deps.client, session.id, readPaymentData(session.data), report, logger)
  }

  // Payments with a CaptureInitiated charge or a RefundInitiated refund.
  const payments: PaymentDTO[] = await services.payment.listPayments(
    { provider_id: providerId, updated_at: { $lte: cutoff } } as any,
    { select: ["id", "data", "payment_session_id"] as any, take: limit * SCAN_FACTOR, order: { updated_at: "DESC" } }
  )
  const pending = payments
    .map((p) => ({ payment: p, data: readPaymentData(p.data) }))
    .filter(({ data }) => {
      const { chargeIds, refundIds } = pendingAmazonObjects(data)
      return chargeIds.length + refundIds.length > 0
    })
    .slice(0, limit)
  for (const { payment, data } of pending) {
    const sessionId = (payment as any).payment_session_id ?? data.session_id
    await recheck(ctx, deps.client, sessionId, data, report, logger)
  }
}

export async function pollAmazonPayPending(container: MedusaContainer, overrides: PollOverrides = {}): Promise<PollReport> {
  const report: PollReport = { checked: 0, outcomes: [], errors: 0 }
  for (const config of resolveProviderConfigs(container)) {
    await pollProvider(container, config, overrides, report)
  }
  return report
}

export default async function amazonPayPollPendingJob(container: MedusaContainer): Promise<void> {
  const report = await pollAmazonPayPending(container)
  if (report.checked > 0) {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER) as Logger
    logger.info(`Amazon Pay poll: ${report.checked} pending object(s) checked, ${report.errors} error(s)`)
  }
}

export const config = {
  name: "amazon-pay-poll-pending",
  schedule: "*/5 * * * *",
}

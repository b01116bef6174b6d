/**
 * Fallback for lost IPNs (Amazon SNS gives up after its retries; a store may be down) and for calls
 * whose answer was lost: every run
 * 1. settles journaled calls whose outcome is unknown (journal/settle-open.ts: the same key and body
 *    again, so Amazon answers what it did and nothing moves twice), and records in Medusa what such
 *    a call moved after Medusa had deleted its row (webhooks/record-orphans.ts), and
 * 2. re-reads Amazon objects still pending (AuthorizationInitiated, CaptureInitiated,
 *    RefundInitiated) once they are older than `pendingPollAfterMs`, and applies the same
 *    transitions as an IPN (webhooks/apply-reading.ts), including authorizing the session of a
 *    settled pending authorization the way core's processPaymentWorkflow does it.
 * Both lists come from the journal by indexed queries (partial indexes on the unsettled calls and
 * the pending objects), least recently checked first, so an old pending refund is found however
 * many payments the store has taken since. Amazon's own plugins poll too (WooCommerce every 10
 * minutes, Magento by cron); their trackers show the two classic failures avoided here: polling that
 * never stops (a final state clears `pending`) and unbounded runs (at most `pendingPollBatchSize`
 * of each per run).
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { OperationRecord } from "../modules/amazon-pay-journal/types"
import { medusaServices, type MedusaServices } from "../providers/amazon-pay/webhooks/medusa-services"
import { resolveProviderConfigs, type AmazonPayProviderConfig } from "../providers/amazon-pay/webhooks/medusa-deps"
import { recheckObject, settleCalls } from "../providers/amazon-pay/webhooks/recheck-object"
import { readWebhookOptions } from "../providers/amazon-pay/webhooks/webhook-options"

export interface PollOverrides {
  now?: Date
  /** Overrides the provider option `pendingPollAfterMs`. */
  olderThanMs?: number
  /** Overrides the provider option `pendingPollBatchSize`. */
  limit?: number
}

export interface PollReport {
  /** Amazon objects read and calls settled. */
  checked: number
  /** One line per object or call: `<kind> <id>: <outcome>`. */
  outcomes: string[]
  errors: number
}

async function settleCall(container: MedusaContainer, services: MedusaServices, configs: AmazonPayProviderConfig[], operation: OperationRecord) {
  const ref = { paymentCollectionId: operation.payment_collection_id, paymentSessionId: operation.payment_session_id }
  const recorded = await settleCalls(container, services, configs, ref, [operation.kind])
  return `call ${operation.kind} ${operation.id}: settled${recorded.length ? `; ${recorded.join("; ")}` : ""}`
}

export async function pollAmazonPayPending(container: MedusaContainer, overrides: PollOverrides = {}): Promise<PollReport> {
  const report: PollReport = { checked: 0, outcomes: [], errors: 0 }
  const configs = resolveProviderConfigs(container)
  if (!configs.length) {
    return report
  }
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER) as Logger
  const services = medusaServices(container)
  const webhook = configs.map((c) => readWebhookOptions(c.options))
  const limit = overrides.limit ?? Math.max(...webhook.map((w) => w.pendingPollBatchSize))
  const olderThanMs = overrides.olderThanMs ?? Math.min(...webhook.map((w) => w.pendingPollAfterMs))
  const cutoff = new Date((overrides.now ?? new Date()).getTime() - olderThanMs)

  const run = async (what: string, work: () => Promise<string>) => {
    report.checked++
    try {
      report.outcomes.push(await work())
    } catch (error) {
      report.errors++
      logger.error(`Amazon Pay poll of ${what} failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  for (const operation of await services.journal.unsettledOperations(cutoff, limit)) {
    await run(`call ${operation.id}`, () => settleCall(container, services, configs, operation))
  }
  for (const object of await services.journal.pendingObjects(cutoff, limit)) {
    await run(`${object.object_type} ${object.amazon_id}`, () => recheckObject(container, services, configs, object))
  }
  return report
}

export default async function amazonPayPollPendingJob(container: MedusaContainer): Promise<void> {
  const report = await pollAmazonPayPending(container)
  if (report.checked > 0) {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER) as Logger
    logger.info(`Amazon Pay poll: ${report.checked} pending object(s) and call(s) checked, ${report.errors} error(s)`)
  }
}

export const config = {
  name: "amazon-pay-poll-pending",
  schedule: "*/5 * * * *",
}

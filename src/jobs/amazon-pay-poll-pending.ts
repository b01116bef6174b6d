/**
 * Fallback for lost IPNs (Amazon SNS gives up after its retries; a store may be down) and for calls
 * whose answer was lost: every run
 * 1. settles journaled calls whose outcome is unknown (journal/settle-open.ts: the same key and body
 *    again, so Amazon answers what it did and nothing moves twice), and records in Medusa what such
 *    a call moved after Medusa had deleted its row (providers/amazon-pay/apply/record-orphans.ts), and
 * 2. re-reads Amazon objects still pending (AuthorizationInitiated, CaptureInitiated,
 *    RefundInitiated) once they are older than `pendingPollAfterMs`, and applies the same
 *    transitions as an IPN (providers/amazon-pay/apply/apply-reading.ts), including authorizing the session of a
 *    settled pending authorization the way core's processPaymentWorkflow does it.
 * Both lists come from the journal by indexed queries (partial indexes on the unsettled calls and
 * the pending objects), least recently checked first, so an old pending refund is found however
 * many payments the store has taken since. Amazon's own plugins poll too (WooCommerce every 10
 * minutes, Magento by cron); their trackers show the two classic failures avoided here: polling that
 * never stops (a final state clears `pending`) and unbounded runs (at most `pendingPollBatchSize`
 * of each per run).
 *
 * Several processes (README "Production deployment"): Medusa runs scheduled jobs only where
 * background work runs (`workerMode` worker or shared), and with the Redis Workflow Engine a
 * schedule fires once across all of them (a BullMQ repeatable job keyed by the job's name). With the
 * in-memory engine every such process fires it; and a run may outlast its interval. So a run holds
 * the lock POLL_LOCK_KEY: a run that finds it held for more than a second (the Locking Module's
 * shortest wait) skips its turn rather than piling up behind a long one; runs that merely start
 * together run one after the other. Each object and call is in any case settled under its payment's
 * lock and against the journal's current state, so two runs (or the admin's "poll now" beside the
 * schedule) never move or record anything twice; the Redis engine is what makes it one run per tick
 * (integration-tests/http/cluster.spec.ts fails without it). There is no in-process state: both
 * lists come from PostgreSQL every run.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { OperationRecord } from "../modules/amazon-pay-journal/journal-records"
import { OPERATION_FAMILY } from "../providers/amazon-pay/journal/key-rules"
import { isLockWaitExpired, type LockingModule } from "../providers/amazon-pay/journal/payment-lock"
import { retryDeliveryTracker } from "../providers/amazon-pay/delivery-trackers/retry"
import { settleOpenOperations } from "../providers/amazon-pay/journal/settle-open"
import { recordOrphanedMoney } from "../providers/amazon-pay/apply/record-orphans"
import { findUnsentMoves, undoUnsentMove } from "../providers/amazon-pay/apply/undo-unsent-moves"
import { medusaServices, type MedusaServices } from "../providers/amazon-pay/store-container/store-services"
import { ownerConfigOf, providerDepsFor, resolveProviderConfigs, type AmazonPayProviderConfig } from "../providers/amazon-pay/store-container/provider-configs"
import { recheckObject } from "../providers/amazon-pay/ipn/recheck-object"
import { readWebhookOptions } from "../providers/amazon-pay/ipn/ipn-options"

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
  const config = (await ownerConfigOf(services, configs, operation.payment_collection_id)) ?? configs[0]
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER) as Logger
  const deps = providerDepsFor(config, services, logger)
  if (operation.kind === "create_delivery_tracker") {
    // Keyless and moving no money: resent a bounded number of times (delivery-trackers/retry.ts).
    return `call ${operation.kind} ${operation.id}: ${await retryDeliveryTracker(deps, operation)}`
  }
  const ref = { paymentCollectionId: operation.payment_collection_id, paymentSessionId: operation.payment_session_id }
  const recorded = await services.lock(ref.paymentCollectionId, async () => {
    await settleOpenOperations(deps, ref, OPERATION_FAMILY[operation.kind])
    return recordOrphanedMoney(services, ref.paymentCollectionId)
  })
  return `call ${operation.kind} ${operation.id}: settled${recorded.length ? `; ${recorded.join("; ")}` : ""}`
}

/** The provider option `lockWaitMs` (options.ts; validated at start-up), default 60000. */
function lockWaitOf(options: unknown): number {
  const value = (options as { lockWaitMs?: unknown } | undefined)?.lockWaitMs
  return typeof value === "number" && Number.isFinite(value) ? value : 60_000
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
  const lockWaitMs = Math.max(...configs.map((c) => lockWaitOf(c.options)))
  for (const move of await findUnsentMoves(container, lockWaitMs, overrides.now ?? new Date(), limit)) {
    await run(`${move.kind} ${move.id}`, async () => (await undoUnsentMove(services, move)) ?? `${move.kind} ${move.id}: accounted for, kept`)
  }
  return report
}

/** Held for the whole of a scheduled run; see the file comment. */
export const POLL_LOCK_KEY = "amazon-pay:poll-pending"
/** Lease of POLL_LOCK_KEY in seconds (renewed while the run lasts; frees it if the worker dies). */
const POLL_LEASE_SECONDS = 60

export default async function amazonPayPollPendingJob(container: MedusaContainer): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER) as Logger
  const locking = container.resolve(Modules.LOCKING) as LockingModule
  let report: PollReport | undefined
  try {
    await locking.execute(POLL_LOCK_KEY, async () => void (report = await pollAmazonPayPending(container)), { timeout: 1, expire: POLL_LEASE_SECONDS })
  } catch (error) {
    if (report === undefined && isLockWaitExpired(error)) {
      logger.info("Amazon Pay poll skipped: another run is still in progress")
      return
    }
    if (report === undefined) throw error
  }
  if (report && report.checked > 0) {
    logger.info(`Amazon Pay poll: ${report.checked} pending object(s) and call(s) checked, ${report.errors} error(s)`)
  }
}

/**
 * Every five minutes by default. AMAZON_PAY_PENDING_POLL_SCHEDULE (a cron expression, seconds field
 * allowed) changes it for the whole store; read when Medusa loads the job, which is before any
 * provider option exists, hence an environment variable rather than a provider option.
 */
export const config = {
  name: "amazon-pay-poll-pending",
  schedule: process.env.AMAZON_PAY_PENDING_POLL_SCHEDULE?.trim() || "*/5 * * * *",
}

/**
 * The production topology (README "Production deployment"): one HTTP server
 * (MEDUSA_WORKER_MODE=server) and two workers (MEDUSA_WORKER_MODE=worker), separate `medusa start`
 * processes on one PostgreSQL database and one Redis database, with Medusa's Redis Event Bus,
 * Workflow Engine, Locking and cache (medusa-config.ts, REDIS_URL).
 *
 * - An IPN is delivered to the server only; a server in `server` mode runs no event bus worker, so
 *   the IPN can only be applied by a worker: Medusa's webhook route emits payment.webhook_received
 *   into Redis and the plugin's subscriber runs there.
 * - The polling job is registered by both workers; the Redis Workflow Engine fires it once per tick
 *   across them. Each run re-reads the one pending refund from the sandbox, so the sandbox's
 *   getRefund count is the number of runs.
 *
 * Needs Redis (REDIS_URL, default redis://localhost:6379/3, a database this test owns and flushes;
 * `.ci/run` starts Redis). Ports CLUSTER_TEST_PORT.. +2 (default 9400).
 */
import { readFileSync } from "node:fs"
import { payWithAmazonPay, waitFor } from "../../tools/test-kit"
import { startCluster, type Cluster } from "../../tools/test-kit/cluster"

jest.setTimeout(300_000)

const REDIS_URL = process.env.REDIS_URL ?? "redis://localhost:6379/3"
const BASE_PORT = Number(process.env.CLUSTER_TEST_PORT ?? 9400)
const POLL_INTERVAL_S = 2
const EFFECT_TIMEOUT_MS = 60_000
const DISPUTE_READ_FAULTS = 6

let cluster: Cluster

beforeAll(async () => {
  cluster = await startCluster({
    dir: ".test-cluster",
    database: `${process.env.DB_TEMP_NAME ?? "medusa_ap"}_cluster`,
    redisUrl: REDIS_URL,
    processes: ["server", "worker", "worker"],
    basePort: BASE_PORT,
    // Refunds stay RefundInitiated for the whole test: the pending object the polling job re-reads.
    sandboxPendingDelayMs: 3_600_000,
    env: {
      MEDUSA_PAYMENT_WEBHOOK_DELAY_MS: "200",
      AMAZON_PAY_PENDING_POLL_SCHEDULE: `*/${POLL_INTERVAL_S} * * * * *`,
      AMAZON_PAY_PENDING_POLL_AFTER_MS: "0",
    },
  })
})

afterAll(async () => {
  await cluster?.stop()
})

async function capturedOrder() {
  const { storefront, store, control, admin } = cluster
  const cart = await storefront.cartReadyForPayment({ regionId: store.regions.usd, variantId: store.variantId })
  const checkout = await payWithAmazonPay(storefront, control, cart.id)
  if (checkout.result.type !== "order") {
    throw new Error(`cart completion failed: ${checkout.result.error.message}`)
  }
  const [payment] = await admin.payments(checkout.result.order.id)
  await admin.capture(payment.id)
  return { order: checkout.result.order, payment }
}

const paymentData = async (paymentId: string) =>
  (await cluster.http.get(`/admin/payments/${paymentId}?fields=id,data`, { headers: cluster.adminHeaders })).data.payment.data

const logOf = (index: number) => readFileSync(cluster.processes[index].log.path, "utf8")

describe("one server and two workers on Redis", () => {
  it("an IPN delivered to the server is applied by a worker, after the event bus retried it through an Amazon outage", async () => {
    const { order, payment } = await capturedOrder()
    const chargeId = (await paymentData(payment.id)).charges.at(-1).chargeId
    // Amazon fails the first reads of the dispute (the client retries each read itself): the
    // subscribers throw and the Redis Event Bus runs them again until Amazon answers.
    cluster.sandbox.clearRequestCounts()
    cluster.sandbox.addFault({ operation: "getDispute", kind: "status", status: 503, times: DISPUTE_READ_FAULTS })
    // Only IPNs tell the store about a chargeback (the polling job does not look for them).
    const { disputeId } = await cluster.control.openChargeback({ chargeId, amount: "25.00" })
    const data = await waitFor(() => paymentData(payment.id), (d) => d.chargebacks?.length === 1, EFFECT_TIMEOUT_MS)
    expect(data.chargebacks[0]).toMatchObject({ chargebackId: disputeId, chargeId, amount: { amount: "25.00", currencyCode: "USD" } })
    expect((await cluster.admin.getOrder(order.id)).metadata.amazon_pay_chargeback).toMatchObject({ dispute_id: disputeId, amount: "25.00" })
    // The server received it (the sandbox knows only its URL); a worker logged applying it.
    const applied = new RegExp(`Amazon Pay IPN [^\\n]*CHARGEBACK ${disputeId} \\(payment collection`)
    const delivered = cluster.sandbox.ipn.deliveries().filter((d) => d.objectType === "CHARGEBACK" && d.objectId === disputeId && d.ok)
    expect(delivered.length).toBeGreaterThan(0)
    expect(delivered.every((d) => d.url.startsWith(cluster.processes[0].url))).toBe(true)
    expect(applied.test(logOf(0))).toBe(false)
    expect(applied.test(logOf(1)) || applied.test(logOf(2))).toBe(true)
    // Every injected failure was met, and the worker retried the event rather than dropping it.
    expect(cluster.sandbox.requestCounts().getDispute.faults["status:503"]).toBe(DISPUTE_READ_FAULTS)
    expect(/payment\.webhook_received failed\. Retrying/.test(logOf(1) + logOf(2))).toBe(true)
    // Applied once: one chargeback on the payment and one flag on the order, whatever the attempts.
    expect((await paymentData(payment.id)).chargebacks).toHaveLength(1)
  })

  it("the polling job runs once per schedule although two workers register it", async () => {
    // IPNs off: every getRefund from now on is the polling job's.
    cluster.sandbox.ipn.configure({ enabled: false })
    const { payment } = await capturedOrder()
    await cluster.admin.refund(payment.id, 10)
    expect((await paymentData(payment.id)).refunds.at(-1).state).toBe("RefundInitiated")

    const runs: Array<{ at: number; count: number }> = []
    const getRefunds = () => cluster.sandbox.requestCounts().getRefund?.requests ?? 0
    let seen = getRefunds()
    await waitFor(
      async () => {
        const now = getRefunds()
        if (now > seen) runs.push({ at: Date.now(), count: now - seen })
        seen = now
        return runs.length
      },
      (n) => n >= 4,
      60_000,
      50
    )
    // Each tick read the pending refund once: never two reads at one tick, ticks an interval apart.
    expect(runs.map((r) => r.count)).toEqual([1, 1, 1, 1])
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i].at - runs[i - 1].at).toBeGreaterThanOrEqual((POLL_INTERVAL_S * 1000) / 2)
    }
  })
})

/**
 * Step of `npm run bench`: the polling job's cost as the store grows. One real order keeps a refund
 * pending at Amazon (RefundInitiated, its IPN never sent), then the database gets 1k, 10k and 100k
 * settled Amazon Pay payments seeded directly (payment collection, session, payment and their journal
 * objects, older than the pending refund), and after each size the job runs through
 * `POST /admin/amazon-pay/poll-pending` a few times. Printed per size: the median run time, the
 * objects it read, and PostgreSQL's own scan counters on the payment and journal object tables during
 * the runs (a sequential scan of either would grow with the store; index scans stay flat).
 */
import { Client } from "pg"
import type { BootedStore } from "../../store/boot-store"
import { payWithAmazonPay } from "../../test-kit/amazon-pay-buyer"
import { ms, summarize, table } from "../checkout/stats"

export interface PollScaleRow {
  payments: number
  medianMs: number
  checked: number
  seqScans: number
  idxScans: number
}

/** The tables that grow with the store: a sequential scan of either would grow with it. */
const TABLES = ["payment", "amazon_pay_object"]
const RUNS = 5

/** Settled Amazon Pay payments, each with its journal objects, numbered from `from` to `to`. */
async function seed(pg: Client, from: number, to: number): Promise<void> {
  const id = (prefix: string) => `'${prefix}' || lpad(g::text, 9, '0')`
  const old = "now() - interval '2 days'"
  await pg.query(`
    INSERT INTO payment_collection (id, currency_code, amount, raw_amount, status, created_at, updated_at)
    SELECT ${id("pay_col_BENCH")}, 'usd', 60, '{"value":"60","precision":20}', 'completed', ${old}, ${old} FROM generate_series(${from}, ${to}) g;
    INSERT INTO payment_session (id, currency_code, amount, raw_amount, provider_id, data, status, authorized_at, payment_collection_id, created_at, updated_at)
    SELECT ${id("payses_BENCH")}, 'usd', 60, '{"value":"60","precision":20}', 'pp_amazon-pay_amazon-pay', '{}', 'authorized', ${old}, ${id("pay_col_BENCH")}, ${old}, ${old} FROM generate_series(${from}, ${to}) g;
    INSERT INTO payment (id, amount, raw_amount, currency_code, provider_id, data, captured_at, payment_collection_id, payment_session_id, created_at, updated_at)
    SELECT ${id("pay_BENCH")}, 60, '{"value":"60","precision":20}', 'usd', 'pp_amazon-pay_amazon-pay',
      jsonb_build_object('paymentCollectionId', ${id("pay_col_BENCH")}, 'chargePermissionId', ${id("S01-BENCH-")}, 'charges', '[]'::jsonb, 'refunds', '[]'::jsonb),
      ${old}, ${id("pay_col_BENCH")}, ${id("payses_BENCH")}, ${old}, ${old} FROM generate_series(${from}, ${to}) g;
    INSERT INTO amazon_pay_object (id, amazon_id, object_type, payment_collection_id, payment_session_id, charge_permission_id, state, amount, currency_code, pending, created_at, updated_at)
    SELECT ${id("apobj_BENCHP")}, ${id("S01-BENCH-")}, 'ChargePermission', ${id("pay_col_BENCH")}, ${id("payses_BENCH")}, ${id("S01-BENCH-")}, 'Closed', '60.00', 'USD', false, ${old}, ${old} FROM generate_series(${from}, ${to}) g
    UNION ALL
    SELECT ${id("apobj_BENCHC")}, ${id("S01-BENCH-")} || '-C1', 'Charge', ${id("pay_col_BENCH")}, null, ${id("S01-BENCH-")}, 'Captured', '60.00', 'USD', false, ${old}, ${old} FROM generate_series(${from}, ${to}) g
    UNION ALL
    SELECT ${id("apobj_BENCHR")}, ${id("S01-BENCH-")} || '-R1', 'Refund', ${id("pay_col_BENCH")}, null, ${id("S01-BENCH-")}, 'Refunded', '10.00', 'USD', false, ${old}, ${old} FROM generate_series(${from}, ${to}) g;
  `)
  await pg.query(`ANALYZE payment; ANALYZE amazon_pay_object; ANALYZE amazon_pay_operation;`)
}

async function scans(pg: Client): Promise<{ seq: number; idx: number }> {
  const { rows } = await pg.query(
    `SELECT COALESCE(SUM(seq_scan), 0)::bigint AS seq, COALESCE(SUM(idx_scan), 0)::bigint AS idx FROM pg_stat_user_tables WHERE relname = ANY($1)`,
    [TABLES]
  )
  return { seq: Number(rows[0].seq), idx: Number(rows[0].idx) }
}

/** PostgreSQL publishes table statistics with a delay; wait until the counters stop moving. */
async function settledScans(pg: Client): Promise<{ seq: number; idx: number }> {
  let last = await scans(pg)
  for (let i = 0; i < 20; i++) {
    await pg.query("SELECT pg_stat_clear_snapshot()")
    await new Promise((resolve) => setTimeout(resolve, 600))
    const next = await scans(pg)
    if (next.seq === last.seq && next.idx === last.idx) return next
    last = next
  }
  return last
}

async function measure(store: BootedStore, pg: Client, payments: number): Promise<PollScaleRow> {
  const before = await settledScans(pg)
  const times: number[] = []
  let checked = 0
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    const { data } = await store.http.post("/admin/amazon-pay/poll-pending", { older_than_ms: 0 }, { headers: store.adminHeaders })
    times.push(performance.now() - started)
    checked = data.checked
  }
  const after = await settledScans(pg)
  return { payments, medianMs: summarize(times).medianMs, checked, seqScans: after.seq - before.seq, idxScans: after.idx - before.idx }
}

/** A real order whose refund stays RefundInitiated at Amazon and whose IPN is never sent. */
async function pendingRefund(store: BootedStore): Promise<void> {
  store.sandbox.ipn.configure({ enabled: false })
  store.sandbox.setPendingDelay(365 * 24 * 3600_000)
  const cart = await store.storefront.cartReadyForPayment({ regionId: store.store.regions.usd, variantId: store.store.variantId })
  const checkout = await payWithAmazonPay(store.storefront, store.control, cart.id)
  if (checkout.result.type !== "order") throw new Error("bench setup: the pending-refund order was not placed")
  const [payment] = await store.admin.payments(checkout.result.order.id)
  await store.admin.capture(payment.id)
  await store.admin.refund(payment.id, 10)
}

export async function runPollScalePhase(store: BootedStore, databaseUrl: string, progress: (line: string) => void): Promise<PollScaleRow[]> {
  await pendingRefund(store)
  const pg = new Client({ connectionString: databaseUrl })
  await pg.connect()
  const rows: PollScaleRow[] = []
  try {
    let seeded = 0
    for (const size of [1_000, 10_000, 100_000]) {
      const started = Date.now()
      await seed(pg, seeded + 1, size)
      seeded = size
      progress(`seeded ${size.toLocaleString("en-US")} payments (${((Date.now() - started) / 1000).toFixed(1)} s)`)
      rows.push(await measure(store, pg, size))
    }
  } finally {
    await pg.end()
  }
  return rows
}

export function pollScaleTable(rows: PollScaleRow[]): string {
  const base = rows[0]
  return [
    table(
      ["Amazon Pay payments", "poll run (median of 5)", "vs 1k", "objects read per run", "seq scans", "index scans"],
      rows.map((r) => [
        r.payments.toLocaleString("en-US"),
        ms(r.medianMs),
        `${(r.medianMs / base.medianMs).toFixed(2)}x`,
        String(r.checked),
        String(r.seqScans),
        String(r.idxScans),
      ])
    ),
    "(scan counters: the payment and amazon_pay_object tables, all 5 runs together)",
  ].join("\n")
}

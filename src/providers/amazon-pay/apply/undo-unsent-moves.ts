/**
 * Medusa rows for money that never went to Amazon. Medusa's payment module commits a Capture or
 * Refund row, then calls the provider, and deletes the row only when the provider throws
 * (payment-module.js `capturePayment` / `refundPayment`). A server killed between the two leaves a
 * row that no provider call ever saw: Medusa counts money Amazon never moved (found by
 * `npm run chaos -- --cluster`, which kills a server mid-run).
 *
 * Every money-moving call is journaled, under the payment's lock, before it is sent, and carries
 * its Medusa row's id (`medusa_ref_id`). So a row is unsent when, once older than the longest a live
 * call can wait for the lock before journaling (`lockWaitMs`) plus a margin:
 * - no journaled call and no Amazon object names it, and
 * - Medusa's total of that kind on the payment is above what the journal says Amazon moved, by at
 *   least the row's amount (auto-captures and money recorded after a lost answer have no call of
 *   their own, but Amazon's total covers them).
 * It is then undone the way Medusa undoes a call the provider refused: the row deleted and what was
 * derived from it recomputed (a refund's order transaction and credit line as for a declined
 * refund, apply-refund-declined.ts). Runs under the payment's lock; idempotent.
 *
 * Found by one SQL statement: the capture and refund rows of the last week on Amazon Pay payments
 * that no call names and that Amazon's total does not cover (the journal through its payment
 * collection index), so rows that are fine never come back as candidates. Medusa indexes those two
 * tables by payment only, so the statement reads them; they hold one row per capture or refund.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { priceToMinor } from "../amounts"
import type { MedusaServices } from "../store-container/store-services"
import { correctDeclinedRefund } from "./apply-refund-declined"
import { amazonCapturedMinor, sumRows } from "./record-orphans"

/** How far back rows are looked at: a crashed server is restarted within minutes, not weeks. */
const LOOK_BACK_MS = 7 * 24 * 3600 * 1000
/** Added to the lock wait: the time between taking the lock and journaling the call. */
const JOURNAL_MARGIN_MS = 60_000

export interface UnsentMove {
  kind: "capture" | "refund"
  id: string
  payment_id: string
  payment_collection_id: string
  currency_code: string
  amount: string
}

interface Knex {
  raw(sql: string, bindings: unknown[]): Promise<{ rows: UnsentMove[] }>
}

const UNSENT_SQL = `
with rows as (
  select 'capture' as kind, c.id, c.payment_id, p.payment_collection_id, p.currency_code, c.amount, c.created_at,
         (select coalesce(sum(c2.amount), 0) from capture c2 where c2.payment_id = c.payment_id and c2.deleted_at is null) as medusa_total
  from capture c join payment p on p.id = c.payment_id
  where c.deleted_at is null and p.deleted_at is null and p.provider_id like 'pp_amazon-pay_%'
    and c.created_at between ? and ?
  union all
  select 'refund', r.id, r.payment_id, p.payment_collection_id, p.currency_code, r.amount, r.created_at,
         (select coalesce(sum(r2.amount), 0) from refund r2 where r2.payment_id = r.payment_id and r2.deleted_at is null)
  from refund r join payment p on p.id = r.payment_id
  where r.deleted_at is null and p.deleted_at is null and p.provider_id like 'pp_amazon-pay_%'
    and r.created_at between ? and ?
)
select x.kind, x.id, x.payment_id, x.payment_collection_id, x.currency_code, x.amount::text as amount from rows x
where not exists (select 1 from amazon_pay_operation o
                  where o.payment_collection_id = x.payment_collection_id and o.medusa_ref_id = x.id and o.deleted_at is null)
  and not exists (select 1 from amazon_pay_object a
                  where a.payment_collection_id = x.payment_collection_id and a.medusa_ref_id = x.id and a.deleted_at is null)
  and x.medusa_total - x.amount >= (
    select coalesce(sum(case when x.kind = 'capture' then coalesce(a.captured_amount, a.amount) else a.amount end::numeric), 0)
    from amazon_pay_object a
    where a.payment_collection_id = x.payment_collection_id and a.deleted_at is null
      and ((x.kind = 'capture' and a.object_type = 'Charge' and a.state in ('Captured', 'CaptureInitiated'))
        or (x.kind = 'refund' and a.object_type = 'Refund' and a.state <> 'Declined')))
order by x.created_at
limit ?`

/** Candidates only: `undoUnsentMove` checks each again, with totals, under the payment's lock. */
export async function findUnsentMoves(container: MedusaContainer, lockWaitMs: number, now: Date, limit: number): Promise<UnsentMove[]> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as Knex
  const until = new Date(now.getTime() - lockWaitMs - JOURNAL_MARGIN_MS)
  const from = new Date(now.getTime() - LOOK_BACK_MS)
  const { rows } = await pg.raw(UNSENT_SQL, [from, until, from, until, limit])
  return rows
}

type Row = { id: string; amount?: unknown; raw_amount?: unknown }

/** Undoes one unsent row if it still is one; returns what was done, or null when it was not. */
export async function undoUnsentMove(services: MedusaServices, move: UnsentMove): Promise<string | null> {
  return services.lock(move.payment_collection_id, async () => {
    const currency = move.currency_code.toUpperCase()
    const minor = (amount: unknown) => (amount == null ? 0n : priceToMinor({ amount: MathBN.convert(amount as never).toFixed(), currencyCode: currency }))
    const [payment] = (await services.payment.listPayments({ id: move.payment_id } as never, { relations: ["captures", "refunds"], take: 1 })) as unknown as Array<{
      id: string
      payment_collection_id: string
      currency_code: string
      captures?: Row[]
      refunds?: Row[]
    }>
    const rows = (move.kind === "capture" ? payment?.captures : payment?.refunds) ?? []
    const row = rows.find((r) => r.id === move.id)
    if (!payment || !row) return null
    const [operations, objects] = await Promise.all([
      services.journal.operationsOf(move.payment_collection_id),
      services.journal.objectsOf(move.payment_collection_id),
    ])
    if (operations.some((o) => o.medusa_ref_id === move.id) || objects.some((o) => o.medusa_ref_id === move.id)) return null

    const medusaTotal = rows.reduce((total, r) => total + minor(r.raw_amount ?? r.amount), 0n)
    const amazonTotal =
      move.kind === "capture"
        ? amazonCapturedMinor(objects, minor)
        : objects.filter((o) => o.object_type === "Refund" && o.state !== "Declined").reduce((total, o) => total + minor(o.amount), 0n)
    const rowAmount = minor(row.raw_amount ?? row.amount)
    if (medusaTotal - rowAmount < amazonTotal) return null

    if (move.kind === "capture") {
      await services.payment.deleteCaptures([move.id])
      const captured = sumRows(rows.filter((r) => r.id !== move.id))
      await services.payment.updatePaymentCollections(move.payment_collection_id, { captured_amount: captured } as never)
    } else {
      await correctDeclinedRefund(
        services,
        payment,
        {
          medusaRefundId: move.id,
          amazonRefundId: "",
          declinedAmount: { amount: MathBN.convert(row.amount as never).toFixed(), currencyCode: currency },
          standingAmount: { amount: "0", currencyCode: currency },
          reasonCode: "NotSentToAmazon",
        },
        { emit: false }
      )
    }
    return `${move.kind} ${move.id} of ${move.amount} ${currency} never reached Amazon (its server stopped before the call): undone in Medusa`
  })
}

/**
 * The few Medusa services IPN effects use, resolved from the store's container, with the narrow
 * shapes this code relies on. The payment module's generated methods (`deleteRefunds`,
 * `updateRefunds`, `updatePaymentSessions`) are not all on IPaymentModuleService's type.
 */
import type { IEventBusModuleService, IOrderModuleService, IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { resolveJournal, type JournalPort } from "../journal/journal-port"
import { paymentLockOver, type LockingModule } from "../journal/payment-lock"

export type PaymentModule = IPaymentModuleService & {
  deleteRefunds(ids: string[]): Promise<void>
  updateRefunds(data: { id: string; amount: string }): Promise<unknown>
  updatePaymentSessions?(data: { id: string; status: string }): Promise<unknown>
}

export interface MedusaServices {
  container: MedusaContainer
  payment: PaymentModule
  order: IOrderModuleService
  events: IEventBusModuleService
  query: { graph(config: Record<string, unknown>): Promise<{ data: any[] }> }
  journal: JournalPort
  /** The provider's per-payment lock (journal/payment-lock.ts), by payment collection id. */
  lock<T>(paymentCollectionId: string, job: () => Promise<T>): Promise<T>
  /**
   * Writes `next` as the payment's `data` only if it still is `expected`; false when someone else
   * wrote it in between (then re-read and plan again). See `compareAndSetPaymentData`.
   */
  setPaymentDataIf(paymentId: string, expected: unknown, next: unknown): Promise<boolean>
}

/** The slice of knex (Medusa's PG_CONNECTION) the compare-and-set needs. */
interface PgConnection {
  raw(sql: string, bindings: unknown[]): Promise<{ rowCount: number | null }>
}

/**
 * IPN and poll effects write `payment.data` computed from a read. Medusa's own capture and refund
 * read the payment, call the provider (which talks to Amazon, often for seconds with retries) and
 * then save the provider's data (payment-module.js `refundPayment` -> `refundPaymentFromProvider_`;
 * no lock is held across the provider call). An IPN for that very refund arrives meanwhile (Amazon
 * sends RefundInitiated at once): with a plain update, an IPN read before Medusa's save and written
 * after it overwrote the provider's record, losing which Medusa Refund the Amazon refund belongs
 * to, so a later decline could not be undone (found by the fault campaign at 30% faults). This
 * UPDATE writes only if `data` is still what was read (if another transaction is writing the row
 * at that moment, PostgreSQL waits for it and re-checks the condition on its result).
 * The other direction stays: Medusa's save may overwrite an IPN's write made during the provider
 * call; the polling job re-reads whatever that leaves pending, and every correction is idempotent.
 * Raw SQL on the payment module's table because the module offers no conditional update.
 */
export async function compareAndSetPaymentData(pg: PgConnection, paymentId: string, expected: unknown, next: unknown): Promise<boolean> {
  const result = await pg.raw(
    `UPDATE "payment" SET "data" = ?::jsonb, "updated_at" = now() WHERE "id" = ? AND "deleted_at" IS NULL AND "data" IS NOT DISTINCT FROM ?::jsonb`,
    [JSON.stringify(next), paymentId, expected === null || expected === undefined ? null : JSON.stringify(expected)]
  )
  return (result.rowCount ?? 0) === 1
}

/** How long an IPN or the polling job waits for another operation on the same payment. */
const LOCK_WAIT_MS = 60_000

export function medusaServices(container: MedusaContainer): MedusaServices {
  const lock = paymentLockOver(container.resolve(Modules.LOCKING) as LockingModule, LOCK_WAIT_MS)
  return {
    container,
    payment: container.resolve(Modules.PAYMENT) as PaymentModule,
    order: container.resolve(Modules.ORDER),
    events: container.resolve(Modules.EVENT_BUS),
    query: container.resolve(ContainerRegistrationKeys.QUERY),
    journal: resolveJournal((container as unknown as { cradle?: Record<string, unknown> }).cradle),
    // The same lock the provider's capture, refund and cancel hold: one money move per payment.
    lock: (paymentCollectionId, job) => lock.run(paymentCollectionId, job),
    setPaymentDataIf: (paymentId, expected, next) =>
      compareAndSetPaymentData(container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as PgConnection, paymentId, expected, next),
  }
}

/** The order placed for a payment collection (null while the cart is not completed). */
export async function orderOfPaymentCollection(
  services: MedusaServices,
  paymentCollectionId: string
): Promise<{ id: string; status: string; currency_code: string; metadata: Record<string, unknown> | null; summary?: any } | null> {
  const { data } = await services.query.graph({
    entity: "order_payment_collection",
    fields: ["order.id", "order.status", "order.currency_code", "order.metadata", "order.summary"],
    filters: { payment_collection_id: paymentCollectionId },
  })
  return data[0]?.order ?? null
}

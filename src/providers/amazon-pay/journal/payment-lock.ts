/**
 * One money move per payment at a time, across processes: capture, refund, cancel, authorization,
 * IPN apply and the polling job hold this lock (Medusa's Locking Module: in-memory by default,
 * Redis or PostgreSQL providers when several processes run). The key is the payment collection the
 * Amazon charge permission is bound to (binding.ts: one permission per payment collection), which
 * also exists before the permission does (authorization).
 *
 * Re-entrant within one async call chain: the polling job applies Amazon's state under the lock and
 * may run a Medusa workflow (authorize a settled pending authorization, record an orphaned refund)
 * that calls back into the provider for the same payment; that nested call runs inside the lock it
 * already holds instead of waiting for itself.
 *
 * Several processes (README "Production deployment"): with the Redis provider the lock is a Redis
 * key with a lease of LEASE_SECONDS that the provider renews while the job runs
 * (@medusajs/locking-redis `execute`), so a server that dies holding it frees the payment within
 * the lease instead of blocking it forever, and a live one keeps it however long Amazon takes. The
 * wait is bounded (`waitMs`); a lock backend that cannot be reached fails with its own message
 * rather than posing as a busy payment.
 */
import { AsyncLocalStorage } from "node:async_hooks"
import { MedusaError } from "@medusajs/framework/utils"
import { Modules } from "@medusajs/framework/utils"
import { resolveShared } from "./journal-port"

export interface LockingModule {
  execute<T>(keys: string | string[], job: () => Promise<T>, args?: { timeout?: number; expire?: number }): Promise<T>
}

/**
 * Lease of the lock in seconds (Redis provider; the in-memory one ignores it): how long a payment
 * stays locked after the process holding it died. Renewed every third of it while the job runs.
 */
export const LEASE_SECONDS = 30

/** What the Locking Module's providers throw when the wait is over (in-memory, Redis, PostgreSQL). */
const WAIT_EXPIRED = /timed-out acquiring lock|failed to acquire lock|is already locked/i

/** Whether a Locking Module error means "held by someone else for the whole wait". */
export const isLockWaitExpired = (error: unknown): boolean => WAIT_EXPIRED.test(error instanceof Error ? error.message : String(error))

export interface PaymentLock {
  /** Runs `job` holding the lock of `paymentCollectionId`; throws a 409 if it is not free in time. */
  run<T>(paymentCollectionId: string, job: () => Promise<T>): Promise<T>
}

const held = new AsyncLocalStorage<ReadonlySet<string>>()

export const paymentLockKey = (paymentCollectionId: string) => `amazon-pay:payment:${paymentCollectionId}`

/** A payment lock over a Locking Module; `waitMs` bounds the wait (whole seconds, Medusa's unit). */
export function paymentLockOver(locking: LockingModule, waitMs: number, leaseSeconds = LEASE_SECONDS): PaymentLock {
  return {
    async run(paymentCollectionId, job) {
      const key = paymentLockKey(paymentCollectionId)
      const current = held.getStore()
      if (current?.has(key)) {
        return job()
      }
      const inside = () => held.run(new Set([...(current ?? []), key]), job)
      let started = false
      let finished: { result: Awaited<ReturnType<typeof job>> } | undefined
      try {
        return await locking.execute(
          key,
          async () => {
            started = true
            const result = await inside()
            finished = { result }
            return result
          },
          { timeout: Math.max(1, Math.ceil(waitMs / 1000)), expire: leaseSeconds }
        )
      } catch (error) {
        if (finished) {
          // The job ran to its end but the Redis provider reports the lease lapsed underneath it
          // (Redis unreachable longer than the lease). What the job did at Amazon is done and
          // journaled; reporting a failure now would make Medusa delete the Capture or Refund row
          // of money that moved. Its answer stands.
          return finished.result
        }
        if (!started) {
          const reason = error instanceof Error ? error.message : String(error)
          if (isLockWaitExpired(error)) {
            throw new MedusaError(
              MedusaError.Types.CONFLICT,
              `Amazon Pay: another operation on this payment is still running (waited ${Math.round(waitMs / 1000)} s); try again`
            )
          }
          throw new MedusaError(
            MedusaError.Types.UNEXPECTED_STATE,
            `Amazon Pay: the payment lock (Medusa's Locking Module) is unavailable, nothing was changed: ${reason.slice(0, 200)}`
          )
        }
        throw error
      }
    },
  }
}

export function resolvePaymentLock(cradle: Record<string, unknown> | undefined, waitMs: number): PaymentLock {
  const locking = resolveShared<LockingModule>(cradle, Modules.LOCKING)
  if (!locking) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Amazon Pay needs Medusa's Locking Module, which is not loaded")
  }
  return paymentLockOver(locking, waitMs)
}

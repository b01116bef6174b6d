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
 */
import { AsyncLocalStorage } from "node:async_hooks"
import { MedusaError } from "@medusajs/framework/utils"
import { Modules } from "@medusajs/framework/utils"
import { resolveShared } from "./journal-port"

export interface LockingModule {
  execute<T>(keys: string | string[], job: () => Promise<T>, args?: { timeout?: number }): Promise<T>
}

export interface PaymentLock {
  /** Runs `job` holding the lock of `paymentCollectionId`; throws a 409 if it is not free in time. */
  run<T>(paymentCollectionId: string, job: () => Promise<T>): Promise<T>
}

const held = new AsyncLocalStorage<ReadonlySet<string>>()

export const paymentLockKey = (paymentCollectionId: string) => `amazon-pay:payment:${paymentCollectionId}`

/** A payment lock over a Locking Module; `waitMs` bounds the wait (whole seconds, Medusa's unit). */
export function paymentLockOver(locking: LockingModule, waitMs: number): PaymentLock {
  return {
    async run(paymentCollectionId, job) {
      const key = paymentLockKey(paymentCollectionId)
      const current = held.getStore()
      if (current?.has(key)) {
        return job()
      }
      const inside = () => held.run(new Set([...(current ?? []), key]), job)
      let started = false
      try {
        return await locking.execute(
          key,
          () => {
            started = true
            return inside()
          },
          { timeout: Math.max(1, Math.ceil(waitMs / 1000)) }
        )
      } catch (error) {
        if (!started) {
          throw new MedusaError(
            MedusaError.Types.CONFLICT,
            `Amazon Pay: another operation on this payment is still running (waited ${Math.round(waitMs / 1000)} s); try again`
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

/**
 * The payment lock over Medusa's Redis Locking provider, as several Medusa processes use it: each
 * "process" here is its own provider with its own Redis connection, on the Redis at REDIS_URL
 * (default redis://localhost:6379/3; `.ci/run` starts Redis), under a key prefix of its own.
 */
import { randomUUID } from "node:crypto"
import Redis from "ioredis"
import { RedisLockingProvider } from "@medusajs/locking-redis/dist/services/redis-lock"
import { MedusaError } from "@medusajs/framework/utils"
import { paymentLockOver, type LockingModule } from "../payment-lock"

const REDIS_URL = process.env.REDIS_URL ?? "redis://localhost:6379/3"
const prefix = `amazon-pay-lock-test:${randomUUID()}:`
const clients: Redis[] = []

function process_(url = REDIS_URL, redisOptions: Record<string, unknown> = {}): { locking: LockingModule; redis: Redis } {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, ...redisOptions })
  clients.push(redis)
  return { locking: new RedisLockingProvider({ redisClient: redis, prefix } as never, {}) as unknown as LockingModule, redis }
}

afterAll(async () => {
  const cleanup = new Redis(REDIS_URL)
  const keys = await cleanup.keys(`${prefix}*`)
  if (keys.length) await cleanup.del(...keys)
  await cleanup.quit()
  clients.forEach((client) => client.disconnect())
})

function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe("payment lock on the Redis Locking provider", () => {
  it("serializes two processes on one payment and lets other payments through", async () => {
    const a = paymentLockOver(process_().locking, 5_000)
    const b = paymentLockOver(process_().locking, 5_000)
    const order: string[] = []
    const release = deferred()
    const started = deferred()
    const first = a.run("pay_col_1", async () => {
      order.push("a:start")
      started.resolve()
      await release.promise
      order.push("a:end")
    })
    await started.promise
    // Another payment is not blocked by the first one.
    await b.run("pay_col_2", async () => void order.push("b:other-payment"))
    const second = b.run("pay_col_1", async () => void order.push("b:same-payment"))
    release.resolve()
    await Promise.all([first, second])
    expect(order).toEqual(["a:start", "b:other-payment", "a:end", "b:same-payment"])
  })

  it("a process that dies holding the lock frees the payment when its lease lapses", async () => {
    const dying = process_()
    const started = deferred()
    // The job never ends: the process dies in the middle of it (its Redis connection goes away, so
    // nobody renews the lease and nobody releases the key).
    void paymentLockOver(dying.locking, 5_000, 1).run("pay_col_3", async () => {
      started.resolve()
      await new Promise(() => undefined)
    }).catch(() => undefined)
    await started.promise
    dying.redis.disconnect()

    const survivor = paymentLockOver(process_().locking, 10_000)
    const begun = Date.now()
    await expect(survivor.run("pay_col_3", async () => "captured")).resolves.toBe("captured")
    // Not before the lease (1 s) lapsed, and well within the wait.
    expect(Date.now() - begun).toBeGreaterThanOrEqual(500)
    expect(Date.now() - begun).toBeLessThan(8_000)
  })

  it("a payment busy longer than the wait fails with a 409 and the job does not run", async () => {
    const holder = paymentLockOver(process_().locking, 5_000)
    const release = deferred()
    const started = deferred()
    const held = holder.run("pay_col_4", async () => {
      started.resolve()
      await release.promise
    })
    await started.promise
    let ran = false
    const error = await paymentLockOver(process_().locking, 1_000)
      .run("pay_col_4", async () => void (ran = true))
      .catch((e: unknown) => e)
    release.resolve()
    await held
    expect(error).toBeInstanceOf(MedusaError)
    expect((error as MedusaError).type).toBe(MedusaError.Types.CONFLICT)
    expect((error as Error).message).toMatch(/another operation on this payment is still running/)
    expect(ran).toBe(false)
  })

  it("an unreachable Redis is reported as such, not as a busy payment, and the job does not run", async () => {
    // Nothing listens on this port (the test's own range).
    const down = process_("redis://localhost:9449/3", { enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null })
    let ran = false
    const error = await paymentLockOver(down.locking, 2_000)
      .run("pay_col_5", async () => void (ran = true))
      .catch((e: unknown) => e)
    expect((error as MedusaError).type).toBe(MedusaError.Types.UNEXPECTED_STATE)
    expect((error as Error).message).toMatch(/payment lock \(Medusa's Locking Module\) is unavailable, nothing was changed/)
    expect(ran).toBe(false)
  })

  it("is re-entrant within one call chain (the poll's nested provider call)", async () => {
    const lock = paymentLockOver(process_().locking, 1_000)
    await expect(lock.run("pay_col_6", () => lock.run("pay_col_6", async () => "nested"))).resolves.toBe("nested")
  })
})

/**
 * `npm run chaos`: the fault campaign. A real store (Medusa from this repo on a fresh PostgreSQL
 * database, the Amazon Pay sandbox in this process) lives at least 200 orders with random lives
 * (life.ts) while 20% of Amazon's answers are faults (faults.ts) and IPNs come duplicated,
 * reordered, delayed and mixed with forged ones. Then it settles everything (settle.ts), checks
 * every order against Amazon's ledger (invariants.ts) and the server log (server-log.ts), prints
 * the tables (report.ts) and exits 1 if any invariant broke. It stops by itself.
 *
 * Beside the honest lives, some are hostile storefronts (another cart handed the buyer's Amazon
 * checkout, internal fields injected into the session data) or two admins capturing or refunding
 * equal amounts at once (issue 10; life.ts, hostile.ts).
 *
 * `--cluster` runs the store as production does (issue 14): 2 server processes and 1 worker on one
 * database and one Redis, behind a load balancer that spreads the storefront, the admin calls and
 * Amazon's IPNs over the servers; one server is killed (SIGKILL) a third of the way through the
 * lives and started again while the others go on.
 *
 *   npm run chaos [-- --orders 200 --concurrency 6 --seed 42 --fault-rate 0.2 --cluster]
 */
import { readFileSync, statSync } from "node:fs"
import { AmazonPayClient } from "../src/lib/amazon-pay/client"
import { bootStore, type BootedStore } from "./store/boot-store"
import { installFaults } from "./chaos/faults"
import { checkOrders, checkStoreWide, type ReadOwnObjects } from "./chaos/invariants"
import { AUTO_CAPTURE_PROVIDER_ID, MANUAL_PROVIDER_ID, planLife } from "./chaos/life"
import { Random } from "./chaos/random"
import { printInjected, printInvariants, printLives, printSettle, printTopology, type CrashReport } from "./chaos/report"
import { attributeOrders, ordersByCart } from "./chaos/lost-orders"
import { liveOrder, type OrderRecord } from "./chaos/run-order"
import { scanServerLogs } from "./chaos/server-log"
import { ensureRedis } from "./store/redis"
import { settle } from "./chaos/settle"

const arg = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`)
  if (index < 0) return fallback
  const value = Number(process.argv[index + 1])
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a non-negative number`)
  return value
}

const ORDERS = arg("orders", 200)
const CONCURRENCY = Math.max(1, arg("concurrency", 6))
const SEED = arg("seed", Math.floor(Math.random() * 2 ** 31))
const FAULT_RATE = arg("fault-rate", 0.2)
const CLUSTER = process.argv.includes("--cluster")
const SERVERS = 2
/** The campaign's own Redis database index (one Redis is shared with other work on a machine). */
const REDIS_URL = process.env.CHAOS_REDIS_URL || "redis://localhost:6379/5"
const CLIENT_TIMEOUT_MS = 1_500
const PENDING_DELAY_MS = 1_500

const started = Date.now()
const say = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}`)

/** Kills `server-2` once a third of the lives are done and starts it again while the lives go on. */
function serverCrash(booted: BootedStore): { afterLives: number; onLifeDone(done: number): void; finished(): Promise<CrashReport | null> } {
  const afterLives = Math.max(1, Math.floor(ORDERS / 3))
  let crash: Promise<CrashReport> | null = null
  return {
    afterLives,
    onLifeDone(done) {
      if (!booted.cluster || crash || done < afterLives) return
      const name = `server-${SERVERS}`
      crash = (async () => {
        const killedAt = Date.now()
        say(`killing ${name} (SIGKILL) after ${done} lives`)
        await booted.cluster!.kill(name)
        await booted.cluster!.start(name)
        const downMs = Date.now() - killedAt
        say(`${name} answers again after ${(downMs / 1000).toFixed(0)} s down`)
        return { name, afterLives: done, downMs }
      })()
    },
    finished: () => crash ?? Promise.resolve(null),
  }
}

async function runLives(booted: BootedStore, random: Random, crash: ReturnType<typeof serverCrash>): Promise<OrderRecord[]> {
  const lives = Array.from({ length: ORDERS }, (_, i) => planLife(i, random))
  const records: OrderRecord[] = new Array(lives.length)
  let next = 0
  const deps = { storefront: booted.storefront, admin: booted.admin, buyer: booted.control, store: booted.store, sandbox: booted.sandbox }
  const worker = async () => {
    while (next < lives.length) {
      const index = next++
      records[index] = await liveOrder(lives[index], deps)
      done++
      crash.onLifeDone(done)
      if (done % 25 === 0) say(`${done} of ${lives.length} lives done`)
    }
  }
  let done = 0
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  // The restarted server must be back before settling: the poll and the checks go through the balancer too.
  await crash.finished()
  return records
}

/** Reads a checkout session as the merchant (faults are off by then): the buyer's own permission and charge. */
function ownObjectsReader(booted: BootedStore): ReadOwnObjects {
  const merchant = new AmazonPayClient({
    publicKeyId: booted.credentials.publicKeyId,
    privateKey: readFileSync(booted.credentials.privateKeyPath, "utf8"),
    region: "na",
    baseUrl: booted.sandbox.url,
  })
  return async (checkoutSessionId) => {
    const session = await merchant.getCheckoutSession(checkoutSessionId)
    return { chargePermissionId: session.chargePermissionId ?? null, chargeId: session.chargeId ?? null }
  }
}

async function main(): Promise<number> {
  say(`fault campaign: ${ORDERS} orders, ${CONCURRENCY} at a time, ${FAULT_RATE * 100}% faults, seed ${SEED}`)
  const redis = CLUSTER ? await ensureRedis(REDIS_URL) : null
  if (redis) say(`redis at ${REDIS_URL}${redis.started ? " (started by the campaign)" : ""}, database index emptied`)
  const booted = await bootStore({
    dir: CLUSTER ? ".chaos-cluster" : ".chaos",
    database: CLUSTER ? "medusa_ap_chaos_cluster" : "medusa_ap_chaos",
    medusaPort: Number(process.env.MEDUSA_PORT) || (CLUSTER ? 9460 : 9450),
    cluster: CLUSTER ? { servers: SERVERS, redisUrl: REDIS_URL } : undefined,
    sandbox: { pendingDelayMs: PENDING_DELAY_MS },
    env: {
      AMAZON_PAY_AUTO_CAPTURE_PROVIDER_ID: "amazon-pay-auto",
      AMAZON_PAY_CAN_HANDLE_PENDING_AUTHORIZATION: "true",
      AMAZON_PAY_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS),
      MEDUSA_PAYMENT_WEBHOOK_DELAY_MS: "500",
    },
    paymentProviders: [MANUAL_PROVIDER_ID, AUTO_CAPTURE_PROVIDER_ID],
    progress: say,
  })
  const stop = async () => {
    await booted.stop()
    await redis?.stop()
  }
  process.once("SIGINT", () => void stop().then(() => process.exit(130)))
  try {
    const logStarts = booted.logs.map((log) => statSync(log.path).size)
    booted.sandbox.clearRequestCounts()
    booted.sandbox.ipn.configure({ duplicate: 0.25, reorder: true, delayMs: 300, forgeExtra: 0.1 })
    installFaults(booted.sandbox, { rate: FAULT_RATE, clientTimeoutMs: CLIENT_TIMEOUT_MS })
    const crash = serverCrash(booted)
    const records = await runLives(booted, new Random(SEED), crash)
    const crashed = await crash.finished()
    say("lives done; settling (sandbox clock, IPN drain, polling until nothing is pending)")
    const settled = await settle(booted.sandbox, booted.http, booted.adminHeaders, PENDING_DELAY_MS)
    const counts = booted.sandbox.requestCounts()
    booted.sandbox.clearFaults()
    const deliveries = booted.sandbox.ipn.deliveries()
    const ledger = booted.sandbox.ledger()
    const lost = attributeOrders(records, await ordersByCart(booted.http, booted.adminHeaders))
    const checked = await checkOrders(records, booted.http, booted.adminHeaders, ledger, deliveries, ownObjectsReader(booted))
    const breaches = [
      ...checked.breaches,
      ...checkStoreWide(ledger, checked.medusaCapturedMinor, checked.medusaRefundedMinor),
      ...lost.strangers.map((orderId) => ({ orderId, invariant: "store-wide" as const, detail: "an order of no life's cart" })),
    ]
    const log = scanServerLogs(booted.logs.map((l, i) => ({ path: l.path, fromByte: logStarts[i] })))
    if (booted.cluster) printTopology(booted.cluster, crashed)
    printInjected(counts, deliveries)
    printLives(records, lost.found)
    printSettle(settled)
    const held = printInvariants(breaches, checked.checkedOrders, log) && settled.stillPending === 0
    say(held ? "every invariant held" : `INVARIANTS BROKEN (seed ${SEED}; server logs ${booted.logs.map((l) => l.path).join(", ")})`)
    return held ? 0 : 1
  } finally {
    await stop()
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`chaos: ${error.stack ?? error.message}`)
    process.exit(2)
  }
)

/**
 * `npm run chaos`: the fault campaign. A real store (Medusa from this repo on a fresh PostgreSQL
 * database, the Amazon Pay sandbox in this process) lives at least 200 orders with random lives
 * (life.ts) while 20% of Amazon's answers are faults (faults.ts) and IPNs come duplicated,
 * reordered, delayed and mixed with forged ones. Then it settles everything (settle.ts), checks
 * every order against Amazon's ledger (invariants.ts) and the server log (server-log.ts), prints
 * the tables (report.ts) and exits 1 if any invariant broke. It stops by itself.
 *
 *   npm run chaos [-- --orders 200 --concurrency 6 --seed 42 --fault-rate 0.2]
 */
import { statSync } from "node:fs"
import { bootStore, type BootedStore } from "./store/boot-store"
import { installFaults } from "./chaos/faults"
import { checkOrders, checkStoreWide } from "./chaos/invariants"
import { AUTO_CAPTURE_PROVIDER_ID, MANUAL_PROVIDER_ID, planLife } from "./chaos/life"
import { Random } from "./chaos/random"
import { printInjected, printInvariants, printLives, printSettle } from "./chaos/report"
import { liveOrder, type OrderRecord } from "./chaos/run-order"
import { scanServerLog } from "./chaos/server-log"
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
const CLIENT_TIMEOUT_MS = 1_500
const PENDING_DELAY_MS = 1_500

const started = Date.now()
const say = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}`)

async function runLives(booted: BootedStore, random: Random): Promise<OrderRecord[]> {
  const lives = Array.from({ length: ORDERS }, (_, i) => planLife(i, random))
  const records: OrderRecord[] = new Array(lives.length)
  let next = 0
  const deps = { storefront: booted.storefront, admin: booted.admin, buyer: booted.control, store: booted.store }
  const worker = async () => {
    while (next < lives.length) {
      const index = next++
      records[index] = await liveOrder(lives[index], deps)
      if ((index + 1) % 25 === 0) say(`${index + 1} of ${lives.length} lives done`)
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return records
}

async function main(): Promise<number> {
  say(`fault campaign: ${ORDERS} orders, ${CONCURRENCY} at a time, ${FAULT_RATE * 100}% faults, seed ${SEED}`)
  const booted = await bootStore({
    dir: ".chaos",
    database: "medusa_amazon_pay_chaos",
    medusaPort: Number(process.env.MEDUSA_PORT) || 9400,
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
  const stop = () => booted.stop()
  process.once("SIGINT", () => void stop().then(() => process.exit(130)))
  try {
    const logStart = statSync(booted.log.path).size
    booted.sandbox.clearRequestCounts()
    booted.sandbox.ipn.configure({ duplicate: 0.25, reorder: true, delayMs: 300, forgeExtra: 0.1 })
    installFaults(booted.sandbox, { rate: FAULT_RATE, clientTimeoutMs: CLIENT_TIMEOUT_MS })
    const records = await runLives(booted, new Random(SEED))
    say("lives done; settling (sandbox clock, IPN drain, polling until nothing is pending)")
    const settled = await settle(booted.sandbox, booted.http, booted.adminHeaders, PENDING_DELAY_MS)
    const counts = booted.sandbox.requestCounts()
    booted.sandbox.clearFaults()
    const deliveries = booted.sandbox.ipn.deliveries()
    const ledger = booted.sandbox.ledger()
    const checked = await checkOrders(records, booted.http, booted.adminHeaders, ledger, deliveries)
    const breaches = [...checked.breaches, ...checkStoreWide(ledger, checked.medusaCapturedMinor, checked.medusaRefundedMinor)]
    const log = scanServerLog(booted.log.path, logStart)
    printInjected(counts, deliveries)
    printLives(records)
    printSettle(settled)
    const held = printInvariants(breaches, checked.checkedOrders, log) && settled.stillPending === 0
    say(held ? "every invariant held" : `INVARIANTS BROKEN (seed ${SEED}; server log ${booted.log.path})`)
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

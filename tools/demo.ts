/**
 * `npm run demo`: the Amazon Pay sandbox in-process, a Medusa store from this repo on PostgreSQL,
 * the store seeded over the Admin API, one checkout paid with Amazon Pay through the Store API, then
 * capture, capture and refund through the Admin API, each step printed with Amazon's states.
 * Then it keeps serving until Ctrl-C (or exits 0 with DEMO_EXIT=1).
 */
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { AdminOrders } from "./test-kit/admin-orders"
import { SandboxControl } from "./test-kit/amazon-pay-buyer"
import { Storefront } from "./test-kit/storefront"
import { startAmazonPaySandbox, type AmazonPaySandbox } from "../src/sandbox"
import { ensureAdminBundle } from "./demo/admin-bundle"
import { AmazonView } from "./demo/amazon-view"
import { walkCheckout } from "./demo/checkout"
import { loadOrCreateCredentials } from "./demo/credentials"
import { ensureDatabase } from "./demo/database"
import { MedusaLog, stopAllMedusaProcesses } from "./demo/medusa-cli"
import { DEMO_MERCHANT_ID, SERVE_BUILT_ADMIN_ENV, medusaEnv, migrate, startMedusa, type RunningMedusa } from "./demo/medusa-server"
import { moveMoney } from "./demo/money-movement"
import { isPortFree, preferredOrFreePort } from "./demo/ports"
import { startDemoStorefront, type DemoStorefront } from "./demo/storefront/server"
import { say } from "./demo/say"
import { seed } from "./demo/seed"
import { DEMO_DIR, readSettings } from "./demo/settings"
import { printSummary } from "./demo/summary"

/** Everything started so far, stopped in reverse order exactly once. */
const running: { medusa?: RunningMedusa; sandbox?: AmazonPaySandbox; storefront?: DemoStorefront; log?: MedusaLog } = {}
let stopping: Promise<void> | null = null

function shutdown(): Promise<void> {
  stopping ??= (async () => {
    await running.medusa?.stop()
    await stopAllMedusaProcesses()
    await running.sandbox?.close()
    await running.storefront?.close()
    await running.log?.close()
  })()
  return stopping
}

async function main(): Promise<void> {
  const settings = readSettings()
  mkdirSync(DEMO_DIR, { recursive: true })

  // Medusa's port is not negotiable: the IPN URL and everything printed name it.
  if (!(await isPortFree(settings.medusaPort))) {
    throw new Error(`port ${settings.medusaPort} is already in use; stop what runs there or set MEDUSA_PORT to a free port (e.g. MEDUSA_PORT=9100 npm run demo)`)
  }
  say.phase("Amazon Pay sandbox")
  const credentials = loadOrCreateCredentials(DEMO_DIR)
  const ipnUrl = `http://localhost:${settings.medusaPort}/hooks/payment/amazon-pay_amazon-pay`
  running.sandbox = await startAmazonPaySandbox({
    port: await preferredOrFreePort(settings.sandboxPort, "127.0.0.1"),
    publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem },
    merchantId: DEMO_MERCHANT_ID,
    ipnUrl,
  })
  const sandboxUrl = running.sandbox.url
  say.step(`sandbox listening at ${sandboxUrl}, public key id ${credentials.publicKeyId} (${credentials.generated ? "generated" : "reused"}; private key in .demo/amazon-pay/, not printed)`)
  say.info(`IPNs go to ${ipnUrl}`)
  running.storefront = await startDemoStorefront(settings.storefrontPort)
  say.step(`storefront (built on the storefront kit) at ${running.storefront.url}/`)

  say.phase("PostgreSQL and Medusa")
  const database = await ensureDatabase(settings.databaseUrl)
  say.step(`database ${database.name} ${database.created ? "created" : "exists"}`)
  running.log = new MedusaLog(join(DEMO_DIR, "medusa.log"))
  const env = {
    ...medusaEnv({
    databaseUrl: settings.databaseUrl,
    port: settings.medusaPort,
    amazonPay: {
      publicKeyId: credentials.publicKeyId,
      privateKeyPath: credentials.privateKeyPath,
      sandboxUrl,
      reviewUrl: running.storefront.reviewUrl,
      resultUrl: running.storefront.resultUrl,
      cancelUrl: running.storefront.cancelUrl,
    },
    }),
    ...SERVE_BUILT_ADMIN_ENV,
    // The storefront page calls the Store API from its own origin (localhost or 127.0.0.1).
    STORE_CORS: running.storefront.corsOrigins,
    // Amazon's page offers only addresses in the cart region's countries, no PO boxes or Packstations.
    AMAZON_PAY_DELIVERY_SPECIFICATIONS: JSON.stringify({ regionCountriesOnly: true, specialRestrictions: ["RestrictPOBoxes", "RestrictPackstations"] }),
  }
  const bundle = await ensureAdminBundle()
  say.step(
    bundle.built
      ? `dashboard built with the Amazon Pay order widget (src/admin) in ${Math.round(bundle.ms / 1000)} s; reused while src/admin is unchanged`
      : "dashboard with the Amazon Pay order widget is up to date (public/admin)"
  )
  await migrate(env, running.log)
  say.step(`migrations applied (medusa db:migrate) [${say.elapsed()}]`)
  running.medusa = await startMedusa(env, settings.medusaPort, running.log, settings.healthTimeoutMs)
  const medusaUrl = running.medusa.url
  say.step(`Medusa answers ${medusaUrl}/health (medusa start, log in .demo/medusa.log) [${say.elapsed()}]`)

  say.phase("Store data (Admin API, find-or-create)")
  const { http, adminHeaders, store } = await seed(medusaUrl, env, running.log)
  running.storefront.configure({
    medusaUrl,
    publishableKey: store.publishableKey,
    regionId: store.regions.usd,
    variantId: store.variantId,
    productTitle: "Amazon Pay test shirt",
    sandboxUrl,
  })

  say.phase("Checkout with Amazon Pay (Store API + Amazon's buyer side)")
  const amazon = new AmazonView(new SandboxControl(sandboxUrl), credentials)
  const placed = await walkCheckout(new Storefront(http, store.publishableKey), store, amazon)

  say.phase("Money movement (Admin API)")
  await moveMoney(new AdminOrders(http, adminHeaders), placed, amazon)

  say.phase(`Demo walkthrough done in ${say.elapsed()}`)
  printSummary({
    medusaUrl,
    orderId: placed.orderId,
    publishableKey: store.publishableKey,
    sandboxUrl,
    storefrontUrl: running.storefront.url,
    logPath: running.log.path,
    serving: !settings.exitAfterWalkthrough,
  })
  if (settings.exitAfterWalkthrough) {
    await shutdown()
    process.exit(0)
  }
  running.medusa.child.once("exit", (code, signal) => {
    if (!stopping) {
      say.fail(`Medusa stopped unexpectedly (${signal ?? `exit ${code}`}); see .demo/medusa.log`)
      void shutdown().then(() => process.exit(1))
    }
  })
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.log(`\n${signal}: stopping Medusa and the sandbox…`)
    void shutdown().then(() => process.exit(0))
  })
}

main().catch(async (error: Error) => {
  if (stopping) {
    return // Ctrl-C interrupted a step: its failure is expected, the signal handler exits
  }
  say.fail(error.message)
  await shutdown()
  process.exit(1)
})

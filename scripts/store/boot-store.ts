/**
 * A whole store for the benchmark and the fault campaign, the demo's way (scripts/demo/): the
 * Amazon Pay sandbox in this process, a fresh PostgreSQL database, `medusa db:migrate`, `medusa
 * start` from this repo's medusa-config.ts, the first admin (`medusa user`) and the store seeded over
 * the Admin API. Everything is stopped by `stop()`, also on Ctrl-C.
 */
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { AdminOrders } from "../../integration-tests/helpers/admin-orders"
import { SandboxControl } from "../../integration-tests/helpers/amazon-pay-buyer"
import { loginAdmin } from "../../integration-tests/helpers/admin-auth"
import { fetchHttpClient, type HttpClient } from "../../integration-tests/helpers/http"
import { seedStore, type StoreFixture } from "../../integration-tests/helpers/store-fixture"
import { Storefront } from "../../integration-tests/helpers/storefront"
import { startAmazonPaySandbox, type AmazonPaySandbox, type AmazonPaySandboxOptions } from "../../src/sandbox"
import { loadOrCreateCredentials } from "../demo/credentials"
import { recreateDatabase } from "../demo/database"
import { MedusaLog, runMedusa, stopAllMedusaProcesses } from "../demo/medusa-cli"
import { DEMO_MERCHANT_ID, medusaEnv, migrate, startMedusa, type RunningMedusa } from "../demo/medusa-server"
import { isPortFree } from "../demo/ports"
import { ADMIN, AMAZON_PAY_PROVIDER_ID, REPO_ROOT } from "../demo/settings"

export interface BootOptions {
  /** Working directory under the repo (gitignored), e.g. ".bench": server log and sandbox keys. */
  dir: string
  /** Database name; it is dropped and created again, so every run starts from an empty store. */
  database: string
  medusaPort: number
  sandbox?: Omit<AmazonPaySandboxOptions, "publicKeys" | "merchantId" | "ipnUrl" | "port">
  /** Extra environment for Medusa (AMAZON_PAY_*, MEDUSA_PAYMENT_WEBHOOK_DELAY_MS, ...). */
  env?: Record<string, string>
  /** Medusa provider ids enabled in the regions. @default [Amazon Pay, pp_system_default] */
  paymentProviders?: string[]
  /** Called with a line per step. */
  progress?: (line: string) => void
}

export interface BootedStore {
  medusaUrl: string
  sandbox: AmazonPaySandbox
  control: SandboxControl
  http: HttpClient
  adminHeaders: Record<string, string>
  store: StoreFixture
  storefront: Storefront
  admin: AdminOrders
  log: MedusaLog
  ipnUrl: string
  stop(): Promise<void>
}

export async function bootStore(options: BootOptions): Promise<BootedStore> {
  const progress = options.progress ?? (() => undefined)
  const dir = join(REPO_ROOT, options.dir)
  mkdirSync(dir, { recursive: true })
  if (!(await isPortFree(options.medusaPort))) {
    throw new Error(`port ${options.medusaPort} is in use; set MEDUSA_PORT to a free port`)
  }
  const credentials = loadOrCreateCredentials(dir)
  const ipnUrl = `http://localhost:${options.medusaPort}/hooks/payment/amazon-pay_amazon-pay`
  const sandbox = await startAmazonPaySandbox({
    ...options.sandbox,
    publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem },
    merchantId: DEMO_MERCHANT_ID,
    ipnUrl,
  })
  const log = new MedusaLog(join(dir, "medusa.log"))
  let medusa: RunningMedusa | undefined
  const stop = async () => {
    await medusa?.stop()
    await stopAllMedusaProcesses()
    await sandbox.close()
    await log.close()
  }
  try {
    const databaseUrl = `postgres://postgres@localhost:5432/${options.database}`
    await recreateDatabase(databaseUrl)
    progress(`database ${options.database} created empty; sandbox at ${sandbox.url}`)
    const storefrontUrl = "http://localhost:8000"
    const env = {
      ...medusaEnv({
        databaseUrl,
        port: options.medusaPort,
        amazonPay: {
          publicKeyId: credentials.publicKeyId,
          privateKeyPath: credentials.privateKeyPath,
          sandboxUrl: sandbox.url,
          reviewUrl: `${storefrontUrl}/checkout/amazon-pay/review`,
          resultUrl: `${storefrontUrl}/checkout/amazon-pay/result`,
          cancelUrl: `${storefrontUrl}/cart`,
        },
      }),
      NODE_ENV: "production",
      ...options.env,
    }
    await migrate(env, log)
    progress("migrations applied")
    medusa = await startMedusa(env, options.medusaPort, log, 180_000)
    progress(`Medusa answers at ${medusa.url} (log: ${log.path})`)
    await runMedusa(["user", "-e", ADMIN.email, "-p", ADMIN.password], env, log)
    const http = fetchHttpClient(medusa.url)
    const adminHeaders = await loginAdmin(http, ADMIN)
    const store = await seedStore(http, {
      admin: adminHeaders,
      paymentProviders: options.paymentProviders ?? [AMAZON_PAY_PROVIDER_ID, "pp_system_default"],
    })
    progress(`store seeded: ${store.paymentProviders.join(", ")}`)
    return {
      medusaUrl: medusa.url,
      sandbox,
      control: new SandboxControl(sandbox.url),
      http,
      adminHeaders,
      store,
      storefront: new Storefront(http, store.publishableKey),
      admin: new AdminOrders(http, adminHeaders),
      log,
      ipnUrl,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

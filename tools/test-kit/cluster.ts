/**
 * A store in the production topology, for the cluster test: the Amazon Pay sandbox in this process,
 * one fresh PostgreSQL database, one Redis database (REDIS_URL) and several real `medusa start`
 * processes from this repo's medusa-config.ts, each with its own MEDUSA_WORKER_MODE and port (see
 * tools/store/boot-store.ts for the single-process store this follows). The first admin is
 * created with `medusa user` and the store is seeded over the first server's Admin API.
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import Redis from "ioredis"
import { loadOrCreateCredentials } from "../demo/credentials"
import { recreateDatabase } from "../demo/database"
import { MedusaLog, runMedusa } from "../demo/medusa-cli"
import { medusaEnv, migrate, startMedusa, type RunningMedusa } from "../demo/medusa-server"
import { ADMIN, AMAZON_PAY_PROVIDER_ID, REPO_ROOT } from "../demo/settings"
import { startAmazonPaySandbox, type AmazonPaySandbox } from "../../src/sandbox"
import { loginAdmin } from "./admin-auth"
import { AdminOrders } from "./admin-orders"
import { SandboxControl } from "./amazon-pay-buyer"
import { fetchHttpClient, type HttpClient } from "./http"
import { seedStore, type StoreFixture } from "./store-fixture"
import { Storefront } from "./storefront"

export type WorkerMode = "server" | "worker" | "shared"

export interface ClusterOptions {
  /** Working directory under the repo (gitignored): logs and sandbox keys. */
  dir: string
  database: string
  /** A Redis database this cluster owns: it is flushed first. */
  redisUrl: string
  /** One process per entry, on consecutive ports from `basePort`; the first must serve HTTP. */
  processes: WorkerMode[]
  basePort: number
  sandboxPendingDelayMs: number
  env?: Record<string, string>
}

export interface ClusterProcess {
  mode: WorkerMode
  url: string
  log: MedusaLog
  medusa: RunningMedusa
}

export interface Cluster {
  sandbox: AmazonPaySandbox
  control: SandboxControl
  processes: ClusterProcess[]
  /** Clients of the first (server) process. */
  http: HttpClient
  adminHeaders: Record<string, string>
  store: StoreFixture
  storefront: Storefront
  admin: AdminOrders
  stop(): Promise<void>
}

async function flushRedis(url: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 })
  try {
    await redis.flushdb()
  } finally {
    redis.disconnect()
  }
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const dir = join(REPO_ROOT, options.dir)
  mkdirSync(dir, { recursive: true })
  const credentials = loadOrCreateCredentials(dir)
  const serverUrl = `http://localhost:${options.basePort}`
  const sandbox = await startAmazonPaySandbox({
    publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem },
    merchantId: "SANDBOX-MERCHANT",
    ipnUrl: `${serverUrl}/hooks/payment/amazon-pay_amazon-pay`,
    pendingDelayMs: options.sandboxPendingDelayMs,
  })
  const processes: ClusterProcess[] = []
  const logs: MedusaLog[] = []
  const stop = async () => {
    await Promise.all(processes.map((p) => p.medusa.stop()))
    await sandbox.close()
    await Promise.all(logs.map((log) => log.close()))
  }
  try {
    const databaseUrl = `postgres://postgres@localhost:5432/${options.database}`
    await Promise.all([recreateDatabase(databaseUrl), flushRedis(options.redisUrl)])
    const base = {
      ...medusaEnv({
        databaseUrl,
        port: options.basePort,
        amazonPay: {
          publicKeyId: credentials.publicKeyId,
          privateKeyPath: credentials.privateKeyPath,
          sandboxUrl: sandbox.url,
          reviewUrl: "http://localhost:8000/checkout/amazon-pay/review",
          resultUrl: "http://localhost:8000/checkout/amazon-pay/result",
          cancelUrl: "http://localhost:8000/cart",
        },
      }),
      NODE_ENV: "production",
      REDIS_URL: options.redisUrl,
      ...options.env,
    }
    // Fresh logs per run: the test reads them.
    const newLog = (name: string) => {
      writeFileSync(join(dir, name), "")
      const log = new MedusaLog(join(dir, name))
      logs.push(log)
      return log
    }
    const setupLog = newLog("setup.log")
    await migrate(base, setupLog)
    // Booted together, and the first admin created meanwhile: each is a separate process on one
    // database and one Redis.
    const [started] = await Promise.all([
      Promise.all(
        options.processes.map(async (mode, index) => {
          const port = options.basePort + index
          const log = newLog(`medusa-${index}-${mode}.log`)
          const medusa = await startMedusa({ ...base, PORT: String(port), MEDUSA_WORKER_MODE: mode }, port, log, 240_000)
          const running = { mode, url: medusa.url, log, medusa }
          processes.push(running)
          return running
        })
      ),
      runMedusa(["user", "-e", ADMIN.email, "-p", ADMIN.password], base, setupLog),
    ])
    const http = fetchHttpClient(started[0].url)
    const adminHeaders = await loginAdmin(http, ADMIN)
    const store = await seedStore(http, { admin: adminHeaders, paymentProviders: [AMAZON_PAY_PROVIDER_ID, "pp_system_default"] })
    return {
      sandbox,
      control: new SandboxControl(sandbox.url),
      processes: started,
      http,
      adminHeaders,
      store,
      storefront: new Storefront(http, store.publishableKey),
      admin: new AdminOrders(http, adminHeaders),
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

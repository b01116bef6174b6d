/**
 * A whole store for the benchmark and the fault campaign, the demo's way (tools/demo/): the
 * Amazon Pay sandbox in this process, a fresh PostgreSQL database, `medusa db:migrate`, `medusa
 * start` from this repo's medusa-config.ts, the first admin (`medusa user`) and the store seeded over
 * the Admin API. Everything is stopped by `stop()`, also on Ctrl-C.
 *
 * With `cluster`, the store runs as production does (README "Production deployment"): N server
 * processes (`MEDUSA_WORKER_MODE=server`) and one worker (`worker`) on the same database and Redis
 * (`REDIS_URL`: Redis event bus, workflow engine, locking and cache), behind a round-robin load
 * balancer (load-balancer.ts) that the storefront, the admin and Amazon's IPNs all go through.
 */
import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { AdminOrders } from "../test-kit/admin-orders"
import { SandboxControl } from "../test-kit/amazon-pay-buyer"
import { loginAdmin } from "../test-kit/admin-auth"
import { fetchHttpClient, type HttpClient } from "../test-kit/http"
import { seedStore, type StoreFixture } from "../test-kit/store-fixture"
import { Storefront } from "../test-kit/storefront"
import { startAmazonPaySandbox, type AmazonPaySandbox, type AmazonPaySandboxOptions } from "../../src/sandbox"
import { loadOrCreateCredentials, type DemoCredentials } from "../demo/credentials"
import { recreateDatabase } from "../demo/database"
import { MedusaLog, runMedusa, stopAllMedusaProcesses } from "../demo/medusa-cli"
import { DEMO_MERCHANT_ID, medusaEnv, migrate, startMedusa, type RunningMedusa } from "../demo/medusa-server"
import { isPortFree } from "../demo/ports"
import { startLoadBalancer, type LoadBalancer } from "./load-balancer"
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
  /**
   * Production topology: the load balancer on `medusaPort`, servers on the next ports, then the
   * worker. Redis must answer at `redisUrl` (redis.ts starts it when it is down).
   */
  cluster?: { servers: number; redisUrl: string }
}

/** One Medusa process of a cluster. */
export interface ClusterProcess {
  name: string
  mode: "server" | "worker"
  port: number
  log: MedusaLog
}

export interface RunningCluster {
  processes: ClusterProcess[]
  balancer: LoadBalancer
  /** SIGKILL to the process (a crash: no graceful shutdown); resolves once it is gone. */
  kill(name: string): Promise<void>
  /** Starts a killed process again; resolves once it answers GET /health. */
  start(name: string): Promise<void>
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
  /** Every Medusa process's log (one in a single process; one per process in a cluster). */
  logs: MedusaLog[]
  cluster?: RunningCluster
  /** The store's Amazon Pay key pair (the campaign reads checkout sessions as the merchant). */
  credentials: DemoCredentials
  stop(): Promise<void>
}

export async function bootStore(options: BootOptions): Promise<BootedStore> {
  const progress = options.progress ?? (() => undefined)
  const dir = join(REPO_ROOT, options.dir)
  mkdirSync(dir, { recursive: true })
  const clusterPlan = options.cluster ? planCluster(options.medusaPort, options.cluster.servers, dir) : []
  for (const port of [options.medusaPort, ...clusterPlan.map((p) => p.port)]) {
    if (!(await isPortFree(port))) {
      throw new Error(`port ${port} is in use; set MEDUSA_PORT to a free port`)
    }
  }
  const credentials = loadOrCreateCredentials(dir)
  const ipnUrl = `http://${options.cluster ? "127.0.0.1" : "localhost"}:${options.medusaPort}/hooks/payment/amazon-pay_amazon-pay`
  const sandbox = await startAmazonPaySandbox({
    ...options.sandbox,
    publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem },
    merchantId: DEMO_MERCHANT_ID,
    ipnUrl,
  })
  const log = new MedusaLog(join(dir, "medusa.log"))
  let medusa: RunningMedusa | undefined
  const running = new Map<string, RunningMedusa>()
  let balancer: LoadBalancer | undefined
  const stop = async () => {
    await balancer?.close()
    await Promise.all([...running.values()].map((p) => p.stop()))
    await medusa?.stop()
    await stopAllMedusaProcesses()
    await sandbox.close()
    await log.close()
    await Promise.all(clusterPlan.map((p) => p.log.close()))
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
      // One-off commands (migrations, `medusa user`) as a server: no event or job worker of their own.
      ...(options.cluster ? { REDIS_URL: options.cluster.redisUrl, MEDUSA_WORKER_MODE: "server" } : {}),
      ...options.env,
    }
    await migrate(env, log)
    progress("migrations applied")
    let medusaUrl: string
    let cluster: RunningCluster | undefined
    if (options.cluster) {
      const envOf = (p: ClusterProcess) => ({ ...env, PORT: String(p.port), MEDUSA_WORKER_MODE: p.mode })
      const start = async (p: ClusterProcess) => {
        running.set(p.name, await startMedusa(envOf(p), p.port, p.log, 300_000))
      }
      await Promise.all(clusterPlan.map(start))
      balancer = await startLoadBalancer(options.medusaPort, clusterPlan.filter((p) => p.mode === "server"))
      medusaUrl = balancer.url
      cluster = {
        processes: clusterPlan,
        balancer,
        kill: async (name) => {
          const child = running.get(name)?.child
          running.delete(name)
          if (child?.pid && child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((resolve) => child.once("exit", resolve))
            process.kill(-child.pid, "SIGKILL")
            await exited
          }
        },
        start: (name) => start(clusterPlan.find((p) => p.name === name)!),
      }
      progress(`${clusterPlan.map((p) => `${p.name} (${p.mode}) on ${p.port}`).join(", ")}; load balancer at ${medusaUrl} (logs in ${options.dir}/)`)
    } else {
      medusa = await startMedusa(env, options.medusaPort, log, 180_000)
      medusaUrl = medusa.url
      progress(`Medusa answers at ${medusa.url} (log: ${log.path})`)
    }
    await runMedusa(["user", "-e", ADMIN.email, "-p", ADMIN.password], env, log)
    const http = fetchHttpClient(medusaUrl)
    const adminHeaders = await loginAdmin(http, ADMIN)
    const store = await seedStore(http, {
      admin: adminHeaders,
      paymentProviders: options.paymentProviders ?? [AMAZON_PAY_PROVIDER_ID, "pp_system_default"],
    })
    progress(`store seeded: ${store.paymentProviders.join(", ")}`)
    return {
      medusaUrl,
      sandbox,
      control: new SandboxControl(sandbox.url),
      http,
      adminHeaders,
      store,
      storefront: new Storefront(http, store.publishableKey),
      admin: new AdminOrders(http, adminHeaders),
      log,
      logs: [log, ...clusterPlan.map((p) => p.log)],
      cluster,
      ipnUrl,
      credentials,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/** Servers on the ports after the balancer's, then the worker; a log file each. */
function planCluster(balancerPort: number, servers: number, dir: string): ClusterProcess[] {
  const processes: ClusterProcess[] = Array.from({ length: servers }, (_, i) => ({
    name: `server-${i + 1}`,
    mode: "server" as const,
    port: balancerPort + 1 + i,
    log: new MedusaLog(join(dir, `medusa-server-${i + 1}.log`)),
  }))
  processes.push({ name: "worker", mode: "worker", port: balancerPort + 1 + servers, log: new MedusaLog(join(dir, "medusa-worker.log")) })
  return processes
}

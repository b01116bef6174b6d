/**
 * The store: Medusa from this repo's medusa-config.ts (the plugin's src/ loads from source), on the
 * demo database, with the Amazon Pay provider pointed at the in-process sandbox.
 *
 * `medusa start`, not `medusa develop`: both run the TypeScript sources (the CLI registers ts-node,
 * node_modules/@medusajs/cli/cli.js), but develop forks start under a chokidar watcher that restarts
 * the server whenever a file in the repo changes, which would kill a walkthrough in progress.
 */
import type { ChildProcess } from "node:child_process"
import { MedusaLog, runMedusa, spawnMedusa, stopProcessGroup } from "./medusa-cli"

export interface AmazonPayEnv {
  publicKeyId: string
  privateKeyPath: string
  sandboxUrl: string
  reviewUrl: string
  resultUrl: string
  cancelUrl: string
}

export const DEMO_MERCHANT_ID = "SANDBOX-MERCHANT"
export const DEMO_STORE_ID = "amzn1.application-oa2-client.medusa-demo"

/**
 * The dashboard at /app (built first by admin-bundle.ts), with a session cookie a browser keeps over
 * plain http://localhost (medusa-config.ts explains both switches). Only for a store whose dashboard
 * was built: `medusa start` refuses to start when the build is missing.
 */
export const SERVE_BUILT_ADMIN_ENV = { MEDUSA_SERVE_ADMIN: "true", MEDUSA_ADMIN_LOCAL_HTTP: "true" } as const

export function medusaEnv(input: { databaseUrl: string; port: number; amazonPay: AmazonPayEnv }): NodeJS.ProcessEnv {
  const { amazonPay } = input
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: input.databaseUrl,
    PORT: String(input.port),
    MEDUSA_DISABLE_TELEMETRY: "true",
    AMAZON_PAY_PUBLIC_KEY_ID: amazonPay.publicKeyId,
    AMAZON_PAY_PRIVATE_KEY_PATH: amazonPay.privateKeyPath,
    AMAZON_PAY_MERCHANT_ID: DEMO_MERCHANT_ID,
    AMAZON_PAY_STORE_ID: DEMO_STORE_ID,
    AMAZON_PAY_API_BASE_URL: amazonPay.sandboxUrl,
    AMAZON_PAY_CHECKOUT_REVIEW_RETURN_URL: amazonPay.reviewUrl,
    AMAZON_PAY_CHECKOUT_RESULT_RETURN_URL: amazonPay.resultUrl,
    AMAZON_PAY_CHECKOUT_CANCEL_URL: amazonPay.cancelUrl,
    AMAZON_PAY_MERCHANT_STORE_NAME: "Medusa Amazon Pay demo",
    // Read by medusa-config.ts once it maps it onto the provider's `ipnTrustedCertUrls` option;
    // until then the store logs the sandbox's IPNs as untrusted and the demo does not rely on them.
    AMAZON_PAY_IPN_TRUSTED_CERT_URLS: `${amazonPay.sandboxUrl}/sandbox/ipn/cert.pem`,
    ADMIN_CORS: process.env.ADMIN_CORS ?? `http://localhost:${input.port}`,
    AUTH_CORS: process.env.AUTH_CORS ?? `http://localhost:8000,http://localhost:${input.port}`,
  }
  // The provider takes exactly one of privateKey and privateKeyPath: an inherited key would conflict.
  delete env.AMAZON_PAY_PRIVATE_KEY
  return env
}

export const migrate = (env: NodeJS.ProcessEnv, log: MedusaLog) => runMedusa(["db:migrate"], env, log)

export interface RunningMedusa {
  url: string
  child: ChildProcess
  stop(): Promise<void>
}

/** Starts the server and resolves once `GET /health` answers 200, or rejects with the log's tail. */
export async function startMedusa(env: NodeJS.ProcessEnv, port: number, log: MedusaLog, timeoutMs: number): Promise<RunningMedusa> {
  const child = spawnMedusa(["start"], env, log)
  const url = `http://localhost:${port}`
  let exited: string | null = null
  child.once("exit", (code, signal) => {
    exited = signal ?? `exit ${code}`
  })
  const deadline = Date.now() + timeoutMs
  while (!(await healthy(url))) {
    if (exited !== null || Date.now() > deadline) {
      await stopProcessGroup(child)
      const why = exited !== null ? `stopped (${exited})` : `did not answer GET /health within ${timeoutMs / 1000} s`
      throw new Error(`Medusa ${why}; last lines of ${log.path}:\n${log.tail()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return { url, child, stop: () => stopProcessGroup(child) }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })
    return response.ok
  } catch {
    return false
  }
}

/**
 * Boot order for an Amazon Pay integration suite: the sandbox must be listening, and the provider's
 * env vars set, before `medusaIntegrationTestRunner` boots Medusa (medusa-config.ts registers the
 * provider only when AMAZON_PAY_PUBLIC_KEY_ID is set). Call `useAmazonPaySandbox()` at module level
 * ABOVE the runner: Jest runs module-level `beforeAll`s in registration order, so ours comes first.
 * Jest gives each test file its own `process.env`, so the variables do not leak into other suites.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { AmazonPayClient } from "../../src/lib/amazon-pay/client"
import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../../src/sandbox"
import type { ContainerLike } from "./admin-auth"
import { SandboxControl } from "./amazon-pay-buyer"
import { AmazonSide } from "./amazon-pay-audit"
import { prepareCheckout, type CheckoutContext } from "./checkout-context"
import type { HttpClient } from "./http"

export interface SandboxHandle {
  /** The running sandbox (in-process handle) – prefer `control` (HTTP) in tests. */
  sandbox(): AmazonPaySandbox
  control(): SandboxControl
  /**
   * Amazon's API signed with the store's own key, for tests that read what Amazon holds (a checkout
   * session's amount, result URL, charge permission) without trusting anything Medusa stored.
   */
  merchantClient(): AmazonPayClient
}

export function useAmazonPaySandbox(env: Record<string, string> = {}, options: { pendingDelayMs?: number } = {}): SandboxHandle {
  let sandbox: AmazonPaySandbox | undefined
  let control: SandboxControl | undefined
  let merchant: AmazonPayClient | undefined
  const credentials = generateSandboxCredentials()

  beforeAll(async () => {
    sandbox = await startAmazonPaySandbox({
      publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem },
      pendingDelayMs: options.pendingDelayMs,
    })
    control = new SandboxControl(sandbox.url)
    merchant = new AmazonPayClient({
      publicKeyId: credentials.publicKeyId,
      privateKey: credentials.privateKeyPem,
      region: "us",
      baseUrl: sandbox.url,
      retry: false,
    })
    Object.assign(process.env, {
      AMAZON_PAY_PUBLIC_KEY_ID: credentials.publicKeyId,
      AMAZON_PAY_PRIVATE_KEY: credentials.privateKeyPem,
      AMAZON_PAY_MERCHANT_ID: "SANDBOX-MERCHANT",
      AMAZON_PAY_STORE_ID: "amzn1.application-oa2-client.integration",
      AMAZON_PAY_API_BASE_URL: sandbox.url,
      AMAZON_PAY_CHECKOUT_REVIEW_RETURN_URL: "http://localhost:8000/checkout/amazon-pay/review",
      AMAZON_PAY_CHECKOUT_RESULT_RETURN_URL: "http://localhost:8000/checkout/amazon-pay/result",
      AMAZON_PAY_CHECKOUT_CANCEL_URL: "http://localhost:8000/cart",
      MEDUSA_PAYMENT_WEBHOOK_DELAY_MS: "500",
      ...env,
    })
  })

  afterAll(async () => {
    await sandbox?.close()
  })

  return {
    sandbox: () => {
      if (!sandbox) throw new Error("the sandbox is not started yet (call useAmazonPaySandbox above the runner)")
      return sandbox
    },
    control: () => {
      if (!control) throw new Error("the sandbox is not started yet (call useAmazonPaySandbox above the runner)")
      return control
    },
    merchantClient: () => {
      if (!merchant) throw new Error("the sandbox is not started yet (call useAmazonPaySandbox above the runner)")
      return merchant
    },
  }
}

export interface AmazonPayStoreSuite {
  /** The seeded store, storefront and admin (seeded once; the runner restores it before each test). */
  readonly ctx: CheckoutContext
  /** The sandbox's HTTP control API (reset before each test). */
  readonly sandbox: SandboxControl
  /** What Amazon holds, read with the store's key and the sandbox ledger (see amazon-pay-audit.ts). */
  readonly amazon: AmazonSide
  /** The runner's HTTP client (Store and Admin API). */
  readonly api: HttpClient
  /** The booted app's container (e.g. its PostgreSQL connection, for seeding volume). */
  readonly container: ContainerLike
}

/**
 * One booted Medusa (with the Amazon Pay provider pointed at a fresh sandbox) for a whole test file.
 * The store is seeded once in `beforeAll`: the runner snapshots the database at the first test
 * (after the suite's own `beforeAll`s, see @medusajs/test-utils medusa-test-runner `beforeEach`) and
 * restores that snapshot before every test, so each test starts from the seeded store; the sandbox
 * is reset before each test.
 */
export function amazonPayStoreSuite(
  options: { env?: Record<string, string>; pendingDelayMs?: number },
  body: (suite: AmazonPayStoreSuite) => void
): void {
  const amazon = useAmazonPaySandbox(options.env ?? {}, { pendingDelayMs: options.pendingDelayMs })
  let ctx: CheckoutContext | undefined
  let runner: { api: HttpClient; getContainer: () => ContainerLike } | undefined
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error("the store is seeded in beforeAll; use the suite inside tests")
    return value
  }
  const suite: AmazonPayStoreSuite = {
    get ctx() {
      return started(ctx)
    },
    get sandbox() {
      return amazon.control()
    },
    get amazon() {
      return new AmazonSide(amazon.control(), amazon.merchantClient())
    },
    get api() {
      return started(runner).api
    },
    get container() {
      return started(runner).getContainer()
    },
  }
  medusaIntegrationTestRunner({
    inApp: true,
    env: {},
    testSuite: ({ api, getContainer }) => {
      runner = { api, getContainer }
      beforeAll(async () => {
        ctx = await prepareCheckout(api, getContainer())
      })
      beforeEach(async () => {
        await amazon.control().reset()
      })
      afterEach(async () => {
        await amazon.control().clearFaults()
      })
      body(suite)
    },
  })
}

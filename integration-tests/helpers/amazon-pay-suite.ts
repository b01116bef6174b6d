/**
 * Boot order for an Amazon Pay integration suite: the sandbox must be listening, and the provider's
 * env vars set, before `medusaIntegrationTestRunner` boots Medusa (medusa-config.ts registers the
 * provider only when AMAZON_PAY_PUBLIC_KEY_ID is set). Call `useAmazonPaySandbox()` at module level
 * ABOVE the runner: Jest runs module-level `beforeAll`s in registration order, so ours comes first.
 * Jest gives each test file its own `process.env`, so the variables do not leak into other suites.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../../src/sandbox"
import { SandboxControl } from "./amazon-pay-buyer"
import { prepareCheckout, type CheckoutContext } from "./checkout-context"

export interface SandboxHandle {
  /** The running sandbox (in-process handle) – prefer `control` (HTTP) in tests. */
  sandbox(): AmazonPaySandbox
  control(): SandboxControl
}

export function useAmazonPaySandbox(env: Record<string, string> = {}, options: { pendingDelayMs?: number } = {}): SandboxHandle {
  let sandbox: AmazonPaySandbox | undefined
  let control: SandboxControl | undefined
  const credentials = generateSandboxCredentials()

  beforeAll(async () => {
    sandbox = await startAmazonPaySandbox({
      publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem },
      pendingDelayMs: options.pendingDelayMs,
    })
    control = new SandboxControl(sandbox.url)
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
  }
}

export interface AmazonPayStoreSuite {
  /** The seeded store, storefront and admin (seeded once; the runner restores it before each test). */
  readonly ctx: CheckoutContext
  /** The sandbox's HTTP control API (reset before each test). */
  readonly sandbox: SandboxControl
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
  const suite: AmazonPayStoreSuite = {
    get ctx() {
      if (!ctx) throw new Error("the store is seeded in beforeAll; use suite.ctx inside tests")
      return ctx
    },
    get sandbox() {
      return amazon.control()
    },
  }
  medusaIntegrationTestRunner({
    inApp: true,
    env: {},
    testSuite: ({ api, getContainer }) => {
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

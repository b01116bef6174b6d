/**
 * Test support: a real Amazon Pay sandbox on a free port and the provider (and a bare client)
 * talking to it over HTTP. The buyer's steps on Amazon's pages use the sandbox's buyer controls.
 */
import { AmazonPayClient } from "../../../../lib/amazon-pay/client"
import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../../../../sandbox"
import type { CheckoutDeps } from "../../checkout"
import { parseAmazonPayOptions, type AmazonPayOptionsInput } from "../../options"
import type { AmazonPayPaymentData } from "../../payment-data"
import { AmazonPayProviderService } from "../../service"

export const REVIEW_URL = "https://shop.example/checkout/review"
export const RESULT_URL = "https://shop.example/checkout/result"

export interface SandboxProvider {
  sandbox: AmazonPaySandbox
  options: AmazonPayOptionsInput
  provider(overrides?: Partial<AmazonPayOptionsInput>): AmazonPayProviderService
  deps(overrides?: Partial<AmazonPayOptionsInput>): CheckoutDeps
  close(): Promise<void>
}

export async function startSandboxProvider(): Promise<SandboxProvider> {
  const credentials = generateSandboxCredentials()
  const sandbox = await startAmazonPaySandbox({
    publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem },
    pendingDelayMs: 60_000,
  })
  const options: AmazonPayOptionsInput = {
    publicKeyId: credentials.publicKeyId,
    privateKey: credentials.privateKeyPem,
    merchantId: "SANDBOX-MERCHANT",
    storeId: "amzn1.application-oa2-client.test",
    apiBaseUrl: sandbox.url,
    checkoutReviewReturnUrl: REVIEW_URL,
    checkoutResultReturnUrl: RESULT_URL,
    merchantStoreName: "Test Shop",
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    timeoutMs: 2_000,
  }
  const merged = (overrides: Partial<AmazonPayOptionsInput> = {}) => ({ ...options, ...overrides })
  return {
    sandbox,
    options,
    provider: (overrides) => new AmazonPayProviderService({}, merged(overrides)),
    deps: (overrides) => {
      const parsed = parseAmazonPayOptions(merged(overrides))
      const client = new AmazonPayClient({
        publicKeyId: parsed.publicKeyId,
        privateKey: parsed.privateKey as string,
        region: parsed.region,
        baseUrl: parsed.apiBaseUrl,
        retry: parsed.retry,
        timeoutMs: parsed.timeoutMs,
      })
      return { client, options: parsed }
    },
    close: () => sandbox.close(),
  }
}

/** What Amazon's button script sends when the buyer clicks: exactly the four signed fields. */
export function clickButton(env: SandboxProvider, button: NonNullable<AmazonPayPaymentData["button"]>) {
  const { payloadJSON, signature, publicKeyId, algorithm } = button
  return env.sandbox.createCheckoutSessionFromButton({ payloadJSON, signature, publicKeyId, algorithm })
}

/**
 * The storefront's express checkout up to the buyer's confirmation: button -> Amazon (review leg)
 * -> new Medusa session with `amazonCheckoutSessionId` -> Amazon (confirm leg).
 */
export async function expressCheckout(
  env: SandboxProvider,
  provider: AmazonPayProviderService,
  amount: string | number,
  outcome: "success" | "buyerCanceled" | "declined" | "pendingThenAuthorized" | "pendingThenDeclined" = "success",
  currency = "usd"
): Promise<AmazonPayPaymentData> {
  const first = await provider.initiatePayment({ amount, currency_code: currency, data: { session_id: "payses_first" } })
  const button = (first.data as AmazonPayPaymentData).button!
  const { checkoutSessionId } = clickButton(env, button)
  env.sandbox.approveCheckoutSession(checkoutSessionId)
  const second = await provider.initiatePayment({
    amount,
    currency_code: currency,
    data: { session_id: "payses_second", amazonCheckoutSessionId: checkoutSessionId },
  })
  env.sandbox.approveCheckoutSession(checkoutSessionId, { outcome })
  return second.data as AmazonPayPaymentData
}

/** Express checkout and authorize: the payment data Medusa stores on the Payment. */
export async function authorizedPayment(
  env: SandboxProvider,
  amount: string,
  provider: AmazonPayProviderService = env.provider()
): Promise<AmazonPayPaymentData> {
  const data = await expressCheckout(env, provider, amount)
  const result = await provider.authorizePayment({ data, context: { idempotency_key: "payses_second" } })
  return result.data as AmazonPayPaymentData
}

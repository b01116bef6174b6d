/**
 * Test support: a real Amazon Pay sandbox on a free port and the provider (and its logic's
 * dependencies) talking to it over HTTP. The journal is held in memory (in-memory-journal.ts) and the
 * lock is Medusa's own in-memory locking provider; the Medusa rows the provider reads (which payment
 * collection a session belongs to) come from a small table the test fills. The integration tests
 * run all of this on a real Medusa app instead.
 */
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { Modules } from "@medusajs/framework/utils"
import { AmazonPayClient } from "../../../../lib/amazon-pay/client"
import { AMAZON_PAY_JOURNAL_MODULE } from "../../../../modules/amazon-pay-journal"
import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../../../../sandbox"
import type { ProviderDeps } from "../../deps"
import type { PaymentRef } from "../../journal/journaled-call"
import { paymentLockOver, type LockingModule } from "../../journal/payment-lock"
import { parseAmazonPayOptions, type AmazonPayOptionsInput } from "../../options"
import type { AmazonPayPaymentData } from "../../payment-data"
import { AmazonPayProviderService } from "../../provider-service"
import { InMemoryJournal } from "./in-memory-journal"

export const REVIEW_URL = "https://shop.example/checkout/review"
export const RESULT_URL = "https://shop.example/checkout/result"

/** Medusa's payment session rows as the payment module's `paymentSessionService` answers them. */
class SessionRows {
  private readonly rows = new Map<string, string>()
  add(sessionId: string, paymentCollectionId: string) {
    this.rows.set(sessionId, paymentCollectionId)
  }
  async retrieve(id: string) {
    const paymentCollectionId = this.rows.get(id)
    if (!paymentCollectionId) throw new Error(`PaymentSession with id: ${id} was not found`)
    return { id, payment_collection_id: paymentCollectionId }
  }
  async list() {
    return []
  }
}

export interface SandboxProvider {
  sandbox: AmazonPaySandbox
  options: AmazonPayOptionsInput
  journal: InMemoryJournal
  /** What Medusa's payment module gives the provider (journal, locking, session rows). */
  cradle: Record<string, unknown>
  /** Registers a Medusa payment session of a payment collection (what the provider reads). */
  session(sessionId: string, paymentCollectionId: string): void
  provider(overrides?: Partial<AmazonPayOptionsInput>): AmazonPayProviderService
  deps(overrides?: Partial<AmazonPayOptionsInput>): ProviderDeps
  close(): Promise<void>
}

export async function startSandboxProvider(settings: { pendingDelayMs?: number; ipnUrl?: string } = {}): Promise<SandboxProvider> {
  const credentials = generateSandboxCredentials()
  const sandbox = await startAmazonPaySandbox({
    publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem },
    pendingDelayMs: settings.pendingDelayMs ?? 60_000,
    ipnUrl: settings.ipnUrl,
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
  const journal = new InMemoryJournal()
  const locking = new InMemoryLockingProvider() as unknown as LockingModule
  const sessions = new SessionRows()
  const merged = (overrides: Partial<AmazonPayOptionsInput> = {}) => ({ ...options, ...overrides })
  const cradle = { [AMAZON_PAY_JOURNAL_MODULE]: journal, [Modules.LOCKING]: locking, paymentSessionService: sessions }
  return {
    sandbox,
    options,
    journal,
    cradle,
    session: (sessionId, paymentCollectionId) => sessions.add(sessionId, paymentCollectionId),
    provider: (overrides) => new AmazonPayProviderService(cradle, merged(overrides)),
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
      return { client, options: parsed, journal, lock: paymentLockOver(locking, 5_000) }
    },
    close: () => sandbox.close(),
  }
}

let collections = 0
/** A fresh Medusa payment collection id (the checkout binding key). */
export const newPaymentCollectionId = () => `pay_col_TEST${String(++collections).padStart(6, "0")}`

/** What Amazon's button script sends when the buyer clicks: exactly the four signed fields. */
export function clickButton(env: SandboxProvider, button: NonNullable<AmazonPayPaymentData["button"]>) {
  const { payloadJSON, signature, publicKeyId, algorithm } = button
  return env.sandbox.createCheckoutSessionFromButton({ payloadJSON, signature, publicKeyId, algorithm })
}

export interface ExpressCheckout {
  /** The session data Medusa stores after the review leg (what authorize gets). */
  data: AmazonPayPaymentData
  ref: PaymentRef
  checkoutSessionId: string
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
): Promise<ExpressCheckout> {
  const paymentCollectionId = newPaymentCollectionId()
  const [first, second] = [`payses_${paymentCollectionId.slice(8)}A`, `payses_${paymentCollectionId.slice(8)}B`]
  env.session(first, paymentCollectionId)
  env.session(second, paymentCollectionId)
  const initiated = await provider.initiatePayment({ amount, currency_code: currency, data: { session_id: first } })
  const button = (initiated.data as unknown as AmazonPayPaymentData).button!
  const { checkoutSessionId } = clickButton(env, button)
  env.sandbox.approveCheckoutSession(checkoutSessionId)
  const reviewed = await provider.initiatePayment({
    amount,
    currency_code: currency,
    data: { session_id: second, amazonCheckoutSessionId: checkoutSessionId },
  })
  env.sandbox.approveCheckoutSession(checkoutSessionId, { outcome })
  return {
    data: reviewed.data as unknown as AmazonPayPaymentData,
    ref: { paymentCollectionId, paymentSessionId: second },
    checkoutSessionId,
  }
}

/** Express checkout and authorize: the payment data Medusa stores on the Payment, and its ref. */
export async function authorizedPayment(
  env: SandboxProvider,
  amount: string,
  provider: AmazonPayProviderService = env.provider()
): Promise<{ data: AmazonPayPaymentData; ref: PaymentRef }> {
  const checkout = await expressCheckout(env, provider, amount)
  const result = await provider.authorizePayment({
    data: checkout.data as unknown as Record<string, unknown>,
    context: { idempotency_key: checkout.ref.paymentSessionId as string },
  })
  return { data: result.data as unknown as AmazonPayPaymentData, ref: checkout.ref }
}

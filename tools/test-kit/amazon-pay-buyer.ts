/**
 * The Amazon side of a checkout, over the sandbox's HTTP control API: what Amazon's button script
 * and the buyer on Amazon's page do (`/sandbox/buyer/...`), plus the ledger, faults and clock the
 * tests assert on. Then `payWithAmazonPay` walks the storefront through the provider's express flow
 * (src/providers/amazon-pay/README.md, "Storefront contract").
 */
import type { BuyerOutcome, FaultInput, Ledger, RequestCounts } from "../../src/sandbox"
import { fetchHttpClient, type HttpClient } from "./http"
import type { CompleteCartResult, Storefront } from "./storefront"

export type { BuyerOutcome, FaultInput, Ledger, LedgerChargePermission, RequestCounts } from "../../src/sandbox"

export const AMAZON_PAY_PROVIDER_ID = "pp_amazon-pay_amazon-pay"

import { AmazonPayClient } from "../../src/lib/amazon-pay/client"
import type { CheckoutSession } from "../../src/lib/amazon-pay/types"

export class SandboxControl {
  private readonly http: HttpClient

  constructor(readonly url: string) {
    this.http = fetchHttpClient(url)
  }

  /** What Amazon's button script does with `createCheckoutSessionConfig`. */
  async clickButton(button: { payloadJSON: string; signature: string; publicKeyId: string; algorithm?: string }) {
    const { payloadJSON, signature, publicKeyId, algorithm } = button
    const { data } = await this.http.post("/sandbox/buyer/checkoutSessions", { payloadJSON, signature, publicKeyId, algorithm })
    return data as { checkoutSessionId: string; buyerPageUrl: string }
  }

  async approve(checkoutSessionId: string, outcome?: BuyerOutcome) {
    const { data } = await this.http.post(`/sandbox/buyer/checkoutSessions/${encodeURIComponent(checkoutSessionId)}/approve`, outcome ? { outcome } : {})
    return data as { checkoutSessionId: string; redirectUrl: string; step: "review" | "result" }
  }

  async ledger(): Promise<Ledger> {
    return (await this.http.get("/sandbox/ledger")).data
  }

  /** Amazon API requests the sandbox received, per operation (`GET /sandbox/requests`). */
  async requestCounts(): Promise<RequestCounts> {
    return (await this.http.get("/sandbox/requests")).data.requests
  }

  async clearRequestCounts() {
    await this.http.delete("/sandbox/requests")
  }

  async addFault(fault: FaultInput) {
    return (await this.http.post("/sandbox/faults", fault)).data
  }

  async clearFaults() {
    await this.http.delete("/sandbox/faults")
  }

  /** IPN delivery settings (`POST /sandbox/ipn`), e.g. `{ enabled: false }`: Amazon's notifications are lost. */
  async configureIpn(settings: Record<string, unknown>) {
    return (await this.http.post("/sandbox/ipn", settings)).data
  }

  async advanceClock(advanceMs: number): Promise<string> {
    return (await this.http.post("/sandbox/clock", { advanceMs })).data.now
  }

  async reset() {
    await this.http.post("/sandbox/reset", {})
  }

  /** The buyer's bank files a chargeback on a captured charge (`POST /sandbox/chargebacks`). */
  async openChargeback(input: { chargeId: string; amount?: string }): Promise<{ disputeId: string }> {
    return (await this.http.post("/sandbox/chargebacks", input)).data
  }

  async resolveChargeback(disputeId: string, resolution: "BuyerWon" | "MerchantWon") {
    return (await this.http.post(`/sandbox/chargebacks/${encodeURIComponent(disputeId)}/resolve`, { resolution })).data
  }

  /**
   * A Checkout Session as Amazon answers the merchant (signed Get Checkout Session with the store's
   * keys from the environment useAmazonPaySandbox set), to check what a request did or did not change.
   */
  async checkoutSession(checkoutSessionId: string): Promise<CheckoutSession> {
    return this.merchantClient().getCheckoutSession(checkoutSessionId)
  }

  private merchantClient(): AmazonPayClient {
    this.client ??= new AmazonPayClient({
      publicKeyId: process.env.AMAZON_PAY_PUBLIC_KEY_ID as string,
      privateKey: process.env.AMAZON_PAY_PRIVATE_KEY as string,
      region: "na",
      baseUrl: this.url,
      retry: false,
    })
    return this.client
  }

  private client: AmazonPayClient | undefined
}

export interface StartedAmazonPayCheckout {
  checkoutSessionId: string
  /** Button config the storefront rendered. */
  button: Record<string, any>
  /** The provider's session data after the storefront handed over `amazonCheckoutSessionId`. */
  sessionData: Record<string, any>
}

export interface AmazonPayCheckout extends StartedAmazonPayCheckout {
  result: CompleteCartResult
}

/**
 * Storefront + buyer, express flow, up to the buyer's confirmation: render the button from the
 * payment session, the buyer picks address and payment method on Amazon (first leg), the
 * storefront re-creates the session with `amazonCheckoutSessionId` (plus `data`, e.g. its own
 * `checkoutResultReturnUrl`). The buyer then confirms on `amazonPayRedirectUrl` (`sandbox.approve`).
 * `afterButton` runs between the button and the hand-over (e.g. the buyer changes the cart).
 */
export async function startAmazonPayCheckout(
  storefront: Storefront,
  sandbox: SandboxControl,
  cartId: string,
  options: { afterButton?: () => Promise<void>; providerId?: string; data?: Record<string, unknown> } = {}
): Promise<StartedAmazonPayCheckout> {
  const providerId = options.providerId ?? AMAZON_PAY_PROVIDER_ID
  const first = await storefront.initiatePaymentSession(cartId, providerId, options.data ?? {})
  const button = first.data?.button
  if (!button?.payloadJSON) {
    throw new Error(`the Amazon Pay payment session has no button config: ${JSON.stringify(first.data)}`)
  }
  const { checkoutSessionId } = await sandbox.clickButton(button)
  const review = await sandbox.approve(checkoutSessionId)
  if (new URL(review.redirectUrl).searchParams.get("amazonCheckoutSessionId") !== checkoutSessionId) {
    throw new Error(`review redirect does not carry the checkout session id: ${review.redirectUrl}`)
  }
  await options.afterButton?.()
  const session = await storefront.initiatePaymentSession(cartId, providerId, { ...options.data, amazonCheckoutSessionId: checkoutSessionId })
  if (!String(session.data?.amazonPayRedirectUrl ?? "").includes(checkoutSessionId)) {
    throw new Error(`the payment session has no amazonPayRedirectUrl for ${checkoutSessionId}: ${JSON.stringify(session.data)}`)
  }
  return { checkoutSessionId, button, sessionData: session.data }
}

/**
 * The whole express flow: `startAmazonPayCheckout`, the buyer confirms on `amazonPayRedirectUrl`
 * with `outcome`, the storefront completes the cart.
 */
export async function payWithAmazonPay(
  storefront: Storefront,
  sandbox: SandboxControl,
  cartId: string,
  options: { outcome?: BuyerOutcome; afterButton?: () => Promise<void>; providerId?: string; data?: Record<string, unknown> } = {}
): Promise<AmazonPayCheckout> {
  const started = await startAmazonPayCheckout(storefront, sandbox, cartId, options)
  await sandbox.approve(started.checkoutSessionId, options.outcome ?? "success")
  const result = await storefront.completeCart(cartId)
  return { ...started, result }
}

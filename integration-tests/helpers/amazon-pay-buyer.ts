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

export interface AmazonPayCheckout {
  checkoutSessionId: string
  /** The provider's session data after the buyer came back with `amazonCheckoutSessionId`. */
  sessionData: Record<string, any>
  /** Button config the storefront rendered. */
  button: Record<string, any>
  result: CompleteCartResult
}

/**
 * Storefront + buyer, express flow: render the button from the payment session, the buyer picks
 * address and payment method on Amazon (first leg), the storefront re-creates the session with
 * `amazonCheckoutSessionId`, the buyer confirms on `amazonPayRedirectUrl` with `outcome`, the
 * storefront completes the cart. `beforeConfirm` runs between the button and the confirmation
 * (e.g. the buyer changes the cart).
 */
export async function payWithAmazonPay(
  storefront: Storefront,
  sandbox: SandboxControl,
  cartId: string,
  options: { outcome?: BuyerOutcome; afterButton?: () => Promise<void>; providerId?: string } = {}
): Promise<AmazonPayCheckout> {
  const providerId = options.providerId ?? AMAZON_PAY_PROVIDER_ID
  const first = await storefront.initiatePaymentSession(cartId, providerId, {})
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
  const session = await storefront.initiatePaymentSession(cartId, providerId, { amazonCheckoutSessionId: checkoutSessionId })
  if (!String(session.data?.amazonPayRedirectUrl ?? "").includes(checkoutSessionId)) {
    throw new Error(`the payment session has no amazonPayRedirectUrl for ${checkoutSessionId}: ${JSON.stringify(session.data)}`)
  }
  await sandbox.approve(checkoutSessionId, options.outcome ?? "success")
  const result = await storefront.completeCart(cartId)
  return { checkoutSessionId, sessionData: session.data, button, result }
}

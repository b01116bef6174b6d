/**
 * Test helper: the sandbox over HTTPS with the fixture certificate, and Amazon's official Node SDK
 * (2.3.4) pointed at it. The SDK turns TLS verification off through process.env, which jest's
 * sandboxed env does not pass to node's TLS; trusting the fixture certificate on the global agent is
 * the honest fix, undone by `close()`.
 */
import { readFileSync } from "node:fs"
import { get, globalAgent } from "node:https"
import { join } from "node:path"
import { randomUUID } from "node:crypto"
import type { SignatureAlgorithm } from "../../../lib/amazon-pay/signer"
import { officialWebStoreClient, type OfficialWebStoreClient } from "../../../lib/amazon-pay/__tests__/support/official-sdk"
import { startAmazonPaySandbox, type AmazonPaySandbox, type AmazonPaySandboxOptions, type SandboxCredentials } from "../../index"

export const tls = {
  key: readFileSync(join(__dirname, "../fixtures/localhost-key.pem"), "utf8"),
  cert: readFileSync(join(__dirname, "../fixtures/localhost-cert.pem"), "utf8"),
}

export const usd = (amount: string) => ({ amount, currencyCode: "USD" })

/** A fresh `x-amz-pay-idempotency-key` header (plus any other headers). */
export const keyed = (headers: Record<string, string> = {}) => ({ "x-amz-pay-idempotency-key": randomUUID().replace(/-/g, ""), ...headers })

export async function startHttpsSandbox(options: AmazonPaySandboxOptions): Promise<{ sandbox: AmazonPaySandbox; close: () => Promise<void> }> {
  const previousCa = globalAgent.options.ca
  globalAgent.options.ca = tls.cert
  const sandbox = await startAmazonPaySandbox({ ...options, tls })
  return {
    sandbox,
    close: async () => {
      globalAgent.options.ca = previousCa
      await sandbox.close()
    },
  }
}

export function sdkFor(sandbox: AmazonPaySandbox, credentials: SandboxCredentials, algorithm: SignatureAlgorithm = "AMZN-PAY-RSASSA-PSS-V2"): OfficialWebStoreClient {
  return officialWebStoreClient({
    publicKeyId: credentials.publicKeyId,
    privateKey: credentials.privateKeyPem,
    region: "us",
    sandbox: true,
    algorithm,
    overrideServiceUrl: sandbox.host,
  })
}

/** What the SDK (axios) rejects with for a non-2xx answer: its status and Amazon's error body. */
export async function failure(call: Promise<unknown>): Promise<{ status: number; data: any }> {
  try {
    await call
  } catch (error) {
    const response = (error as { response?: { status: number; data: unknown } }).response ?? (error as { status: number; data: unknown })
    return { status: response.status, data: response.data }
  }
  throw new Error("expected the call to fail")
}

export const STORE_ID = "amzn1.application-oa2-client.sandbox"

/**
 * The express flow through the SDK: create, the buyer's first leg, update with the amount, the
 * buyer's confirmation, complete. Returns every answer.
 */
export async function sdkCheckout(
  client: OfficialWebStoreClient,
  sandbox: AmazonPaySandbox,
  options: { amount?: string; paymentIntent?: "Confirm" | "Authorize" | "AuthorizeWithCapture" } = {}
) {
  const amount = usd(options.amount ?? "20.00")
  const created = await client.createCheckoutSession(
    { webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" }, storeId: STORE_ID },
    keyed()
  )
  const id: string = created.data.checkoutSessionId
  sandbox.approveCheckoutSession(id)
  const fetched = await client.getCheckoutSession(id)
  const updated = await client.updateCheckoutSession(id, {
    webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/result" },
    paymentDetails: { paymentIntent: options.paymentIntent ?? "Authorize", chargeAmount: amount },
    merchantMetadata: { merchantReferenceId: `order-${id.slice(0, 8)}` },
  })
  sandbox.approveCheckoutSession(id, { outcome: "success" })
  const completed = await client.completeCheckoutSession(id, { chargeAmount: amount })
  return { id, created, fetched, updated, completed }
}

/** GETs a sandbox page over HTTPS the way a browser would, trusting the fixture certificate; resolves the status. */
export function openPage(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { ca: tls.cert }, (res) => {
      res.resume()
      res.on("end", () => resolve(res.statusCode ?? 0))
    }).on("error", reject)
  })
}

/**
 * Test support: a real sandbox, the real provider talking to it, and a real local HTTP receiver
 * that collects the signed IPNs the sandbox POSTs (the bodies a store would get).
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { AmazonPayClient } from "../../../../lib/amazon-pay/client"
import type { IpnMessage } from "../../../../lib/amazon-pay/types"
import type { AmazonPaySandbox } from "../../../../sandbox"
import { startSandboxProvider, type SandboxProvider } from "../../__tests__/support/sandbox-provider"
import type { AmazonPayOptionsInput } from "../../options"
import type { AmazonPayPaymentData } from "../../payment-data"
import { AmazonPayProviderService } from "../../provider-service"

export interface ReceivedIpn {
  body: Buffer
  message: IpnMessage
}

export interface IpnTestEnv {
  sandbox: AmazonPaySandbox
  providerOptions: AmazonPayOptionsInput
  client: AmazonPayClient
  certUrl: string
  received: ReceivedIpn[]
  /** The provider's cradle (journal, locking, session rows) and the in-memory journal in it. */
  harness: SandboxProvider
  provider(overrides?: Partial<AmazonPayOptionsInput>): AmazonPayProviderService
  /** Waits (with a deadline) for an IPN matching `match` and returns it. */
  waitFor(match: (m: IpnMessage) => boolean, timeoutMs?: number): Promise<ReceivedIpn>
  close(): Promise<void>
}

export async function startIpnTestEnv(): Promise<IpnTestEnv> {
  const received: ReceivedIpn[] = []
  const receiver: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const body = Buffer.concat(chunks)
      try {
        received.push({ body, message: JSON.parse(JSON.parse(body.toString("utf8")).Message) })
      } catch {
        // forged bodies stay parseable; anything else is ignored by the tests
      }
      res.writeHead(200).end()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve))
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/payment/amazon-pay_amazon-pay`
  const harness = await startSandboxProvider({ pendingDelayMs: 200, ipnUrl: receiverUrl })
  const providerOptions: AmazonPayOptionsInput = { ...harness.options, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 } }
  const { client } = harness.deps(providerOptions)
  const waitFor = async (match: (m: IpnMessage) => boolean, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const hit = received.find((r) => match(r.message))
      if (hit) return hit
      if (Date.now() > deadline) throw new Error("no matching IPN arrived before the deadline")
      await new Promise((r) => setTimeout(r, 20))
    }
  }
  return {
    sandbox: harness.sandbox,
    providerOptions,
    client,
    certUrl: `${harness.sandbox.url}/sandbox/ipn/cert.pem`,
    received,
    harness,
    provider: (overrides) => harness.provider({ ...providerOptions, ...overrides }),
    waitFor,
    close: async () => {
      await harness.close()
      await new Promise<void>((resolve) => receiver.close(() => resolve()))
    },
  }
}

/** The storefront's express checkout and Medusa's authorize, as the provider tests do it. */
export async function checkout(
  env: IpnTestEnv,
  sessionId: string,
  amount: string,
  outcome: "success" | "pendingThenAuthorized" | "pendingThenDeclined" = "success",
  overrides: Partial<AmazonPayOptionsInput> = {},
  currency = "usd"
): Promise<AmazonPayPaymentData> {
  const provider = env.provider(overrides)
  env.harness.session(sessionId, `pay_col_${sessionId.replace(/^payses_/, "")}`)
  const first = await provider.initiatePayment({ amount, currency_code: currency, data: { session_id: sessionId } })
  const button = (first.data as unknown as AmazonPayPaymentData).button!
  const { payloadJSON, signature, publicKeyId, algorithm } = button
  const { checkoutSessionId } = env.sandbox.createCheckoutSessionFromButton({ payloadJSON, signature, publicKeyId, algorithm })
  env.sandbox.approveCheckoutSession(checkoutSessionId)
  const second = await provider.initiatePayment({
    amount,
    currency_code: currency,
    data: { session_id: sessionId, amazonCheckoutSessionId: checkoutSessionId },
  })
  env.sandbox.approveCheckoutSession(checkoutSessionId, { outcome })
  const result = await provider.authorizePayment({ data: second.data, context: { idempotency_key: sessionId } })
  return result.data as unknown as AmazonPayPaymentData
}

export function collectingLogger() {
  const lines: string[] = []
  return {
    lines,
    logger: { info: (m: string) => void lines.push(`info ${m}`), warn: (m: string) => void lines.push(`warn ${m}`) } as any,
  }
}

/**
 * SNS SubscriptionConfirmation handling against a real local HTTP server that plays Amazon SNS
 * (serves the signing certificate and the SubscribeURL), and the store-config readers the
 * subscriber and the polling job use.
 */
import { createPrivateKey } from "node:crypto"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { signSnsEnvelope } from "../../../../lib/amazon-pay/sns"
import { SANDBOX_SNS_CERTIFICATE_PEM, SANDBOX_SNS_PRIVATE_KEY_PEM } from "../../../../sandbox/ipn/sandbox-sns-credentials"
import { AmazonPayClient } from "../../../../lib/amazon-pay/client"
import { generateSandboxCredentials } from "../../../../sandbox"
import { handleWebhook } from "../../core-webhook/handle-webhook"
import { amazonPayProviderConfigs, medusaProviderId, providerIdFromEvent } from "../../store-container/provider-configs"
import { collectingLogger } from "./ipn-support"

let server: Server
let base: string
const confirmations: string[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/cert.pem") {
      res.writeHead(200, { "content-type": "application/x-pem-file" }).end(SANDBOX_SNS_CERTIFICATE_PEM)
    } else if (req.url?.startsWith("/confirm")) {
      confirmations.push(req.url)
      res.writeHead(200).end("<ConfirmSubscriptionResponse/>")
    } else {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const credentials = generateSandboxCredentials()
const client = new AmazonPayClient({ publicKeyId: credentials.publicKeyId, privateKey: credentials.privateKeyPem, region: "na", baseUrl: "http://127.0.0.1:9" })

function confirmation(subscribeUrl: string) {
  const envelope = signSnsEnvelope(
    {
      Type: "SubscriptionConfirmation",
      MessageId: "m-1",
      Token: "token-123",
      TopicArn: "arn:aws:sns:us-east-1:000000000000:A01-SANDBOX-MERCHANT",
      Message: "You have chosen to subscribe to the topic",
      SubscribeURL: subscribeUrl,
      Timestamp: new Date().toISOString(),
      SigningCertURL: `${base}/cert.pem`,
    },
    createPrivateKey(SANDBOX_SNS_PRIVATE_KEY_PEM)
  )
  return { rawData: Buffer.from(JSON.stringify(envelope)) }
}

describe("SNS SubscriptionConfirmation", () => {
  const deps = (confirm: boolean, logger: any) => ({
    client,
    options: { merchantId: "SANDBOX-MERCHANT", ipnTrustedCertUrls: [`${base}/cert.pem`], ipnConfirmSubscriptions: confirm },
    logger,
  })

  it("is only logged for the owner when automatic confirmation is off", async () => {
    const { lines, logger } = collectingLogger()
    const before = confirmations.length
    expect(await handleWebhook(deps(false, logger), confirmation(`${base}/confirm?Token=token-123`))).toEqual({ action: "not_supported" })
    expect(confirmations.length).toBe(before)
    expect(lines.join("\n")).toMatch(/SubscriptionConfirmation logged: confirm topic arn:aws:sns/)
  })

  it("GETs the SubscribeURL once when allowed", async () => {
    const { lines, logger } = collectingLogger()
    const before = confirmations.length
    await handleWebhook(deps(true, logger), confirmation(`${base}/confirm?Token=token-123`))
    expect(confirmations.slice(before)).toEqual(["/confirm?Token=token-123"])
    expect(lines.join("\n")).toMatch(/SubscriptionConfirmation confirmed/)
  })

  it("never GETs a SubscribeURL on another host, even when signed and allowed", async () => {
    const { lines, logger } = collectingLogger()
    const before = confirmations.length
    await handleWebhook(deps(true, logger), confirmation("http://127.0.0.2:1/confirm?Token=t"))
    expect(confirmations.length).toBe(before)
    expect(lines.join("\n")).toMatch(/SubscriptionConfirmation refused/)
  })

  it("refuses a confirmation whose signature does not match", async () => {
    const { lines, logger } = collectingLogger()
    const payload = confirmation(`${base}/confirm?Token=token-123`)
    const tampered = JSON.parse(payload.rawData.toString())
    tampered.SubscribeURL = `${base}/confirm?Token=other`
    await handleWebhook(deps(true, logger), { rawData: Buffer.from(JSON.stringify(tampered)) })
    expect(lines.join("\n")).toMatch(/refused: BadSignature/)
  })
})

describe("store config readers", () => {
  it("finds the Amazon Pay provider entries in the payment module config (object or array form)", () => {
    const provider = { resolve: "./src/providers/amazon-pay", id: "amazon-pay", options: { merchantId: "M" } }
    const other = { resolve: "@medusajs/medusa/payment-stripe", id: "stripe", options: {} }
    const packaged = { resolve: "medusa-payment-amazon-pay/providers/amazon-pay", id: "eu", options: {} }
    expect(amazonPayProviderConfigs({ modules: { payment: { options: { providers: [other, provider] } } } })).toEqual([
      { id: "amazon-pay", options: { merchantId: "M" } },
    ])
    expect(amazonPayProviderConfigs({ modules: [{ resolve: "@medusajs/medusa/payment", options: { providers: [packaged] } }] })).toEqual([
      { id: "eu", options: {} },
    ])
    expect(amazonPayProviderConfigs({ modules: { payment: { resolve: "x" } } })).toEqual([])
    expect(amazonPayProviderConfigs(undefined)).toEqual([])
  })

  it("reads the provider id from the webhook route's parameter, and nothing else", () => {
    expect(providerIdFromEvent("amazon-pay_amazon-pay")).toBe("amazon-pay")
    expect(providerIdFromEvent("pp_amazon-pay_eu")).toBe("eu")
    expect(providerIdFromEvent("stripe_stripe")).toBeNull()
    expect(providerIdFromEvent(undefined)).toBeNull()
    expect(medusaProviderId("amazon-pay")).toBe("pp_amazon-pay_amazon-pay")
  })
})

/**
 * Our client's requests, captured by a local server exactly as they arrive, verify the way Amazon
 * checks them (canonical request rebuilt from the wire, RSASSA-PSS with the public key) for every
 * endpoint and both algorithms; button signatures agree with the official SDK's.
 */
import { AmazonPayClient } from "../index"
import { IDEMPOTENCY_KEY_PATTERN } from "../idempotency"
import { parseAmzDate, verifyButtonSignature, type SignatureAlgorithm } from "../signer"
import { flatHeaders } from "./support/capture-server"
import { useCaptureServer } from "./support/use-capture-server"
import { ENDPOINTS, IDS, NON_ASCII } from "./support/endpoints"
import { generateTestKeys, officialWebStoreClient, verifyArrived } from "./support/official-sdk"

const ALGORITHMS: SignatureAlgorithm[] = ["AMZN-PAY-RSASSA-PSS-V2", "AMZN-PAY-RSASSA-PSS"]
const keys = generateTestKeys()
const PUBLIC_KEY_ID = "SANDBOX-AHEGSJCM3L2S637RBGABLAFW"

describe("our client's requests verify on arrival", () => {
  const server = useCaptureServer()

  const client = (algorithm: SignatureAlgorithm) =>
    new AmazonPayClient({ publicKeyId: PUBLIC_KEY_ID, privateKey: keys.privateKey, region: "de", algorithm, baseUrl: server.httpUrl })

  for (const algorithm of ALGORITHMS) {
    it.each(ENDPOINTS.map((e) => [e.operation, e] as const))(`${algorithm} %s`, async (_name, endpoint) => {
      const before = Date.now()
      await endpoint.ours(client(algorithm))
      expect(server.requests).toHaveLength(1)
      const [request] = server.requests
      expect(request.method).toBe(endpoint.method)
      expect(request.url).toBe(`/v2${endpoint.path}`)
      // Bodies (DELETE included) go out as the exact UTF-8 JSON that was signed.
      expect(request.body.toString("utf8")).toBe(endpoint.body ? JSON.stringify(endpoint.body) : "")

      const arrived = verifyArrived(request, keys.publicKey)
      expect(arrived.valid).toBe(true)
      expect(arrived.algorithm).toBe(algorithm)
      expect(arrived.publicKeyId).toBe(PUBLIC_KEY_ID)
      const post = endpoint.method === "POST"
      expect(arrived.signedHeaders).toEqual([
        "accept",
        "content-type",
        "x-amz-pay-date",
        "x-amz-pay-host",
        ...(post ? ["x-amz-pay-idempotency-key"] : []),
        "x-amz-pay-region",
      ])
      const headers = flatHeaders(request.headers)
      expect(headers["x-amz-pay-region"]).toBe("eu")
      expect(headers["x-amz-pay-host"]).toBe(new URL(server.httpUrl).host)
      expect(headers["x-amz-pay-date"]).toMatch(/^\d{8}T\d{6}Z$/)
      expect(parseAmzDate(headers["x-amz-pay-date"])!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
      if (post) {
        expect(headers["x-amz-pay-idempotency-key"]).toMatch(IDEMPOTENCY_KEY_PATTERN)
      } else {
        expect(headers["x-amz-pay-idempotency-key"]).toBeUndefined()
      }
      if (endpoint.body) {
        const tampered = { ...request, body: Buffer.from(request.body.toString("utf8").replace("{", "{ ")) }
        expect(verifyArrived(tampered, keys.publicKey).valid).toBe(false)
      }
    })
  }

  it("signs the simulation code and a caller's idempotency key when sent", async () => {
    await client("AMZN-PAY-RSASSA-PSS-V2").captureCharge(
      IDS.charge,
      { captureAmount: { amount: "1.00", currencyCode: "EUR" } },
      { idempotencyKey: "order_1-capture", simulationCode: "CaptureInitiated" }
    )
    const arrived = verifyArrived(server.requests[0], keys.publicKey)
    expect(arrived.valid).toBe(true)
    expect(arrived.signedHeaders).toContain("x-amz-pay-simulation-code")
    const headers = flatHeaders(server.requests[0].headers)
    expect(headers["x-amz-pay-simulation-code"]).toBe("CaptureInitiated")
    expect(headers["x-amz-pay-idempotency-key"]).toBe("order_1-capture")
  })

  it("uses a fresh idempotency key per call when none is given", async () => {
    const c = client("AMZN-PAY-RSASSA-PSS-V2")
    await c.createRefund({ chargeId: IDS.charge, refundAmount: { amount: "1.00", currencyCode: "EUR" } })
    await c.createRefund({ chargeId: IDS.charge, refundAmount: { amount: "1.00", currencyCode: "EUR" } })
    const [first, second] = server.requests.map((r) => flatHeaders(r.headers)["x-amz-pay-idempotency-key"])
    expect(first).toHaveLength(32)
    expect(second).toMatch(IDEMPOTENCY_KEY_PATTERN)
    expect(first).not.toBe(second)
  })
})

describe("button payload signatures agree with the official SDK", () => {
  const payload = {
    webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" },
    storeId: "amzn1.application-oa2-client.test",
    merchantMetadata: { noteToBuyer: NON_ASCII },
  }

  it.each(ALGORITHMS)("%s: same payloadJSON, both signatures verify, the other algorithm's salt does not", (algorithm) => {
    const ours = new AmazonPayClient({ publicKeyId: PUBLIC_KEY_ID, privateKey: keys.privateKeyPem, region: "na", algorithm })
    const sdk = officialWebStoreClient({ publicKeyId: PUBLIC_KEY_ID, privateKey: keys.privateKeyPem, region: "na", algorithm })
    const signed = ours.signButtonPayload(payload)
    expect(signed).toEqual({ payloadJSON: JSON.stringify(payload), signature: expect.any(String), publicKeyId: PUBLIC_KEY_ID, algorithm })
    const sdkSignature = sdk.generateButtonSignature(payload)
    expect(verifyButtonSignature(keys.publicKey, algorithm, signed.payloadJSON, sdkSignature)).toBe(true)
    expect(verifyButtonSignature(keys.publicKey, algorithm, signed.payloadJSON, signed.signature)).toBe(true)
    const other = ALGORITHMS.find((a) => a !== algorithm)!
    expect(verifyButtonSignature(keys.publicKey, other, signed.payloadJSON, signed.signature)).toBe(false)
    expect(verifyButtonSignature(keys.publicKey, algorithm, signed.payloadJSON.replace("Grüße", "Grusse"), signed.signature)).toBe(false)
  })

  it("a string payload is signed and returned exactly as given", () => {
    const text = `{ "storeId" : "amzn1.application-oa2-client.test", "note": "${NON_ASCII}" }`
    const ours = new AmazonPayClient({ publicKeyId: PUBLIC_KEY_ID, privateKey: keys.privateKeyPem, region: "jp" })
    const signed = ours.signButtonPayload(text)
    expect(signed.payloadJSON).toBe(text)
    expect(signed.algorithm).toBe("AMZN-PAY-RSASSA-PSS-V2")
    const sdk = officialWebStoreClient({ publicKeyId: PUBLIC_KEY_ID, privateKey: keys.privateKeyPem, region: "jp", algorithm: "AMZN-PAY-RSASSA-PSS-V2" })
    expect(verifyButtonSignature(keys.publicKey, "AMZN-PAY-RSASSA-PSS-V2", text, sdk.generateButtonSignature(text))).toBe(true)
    expect(verifyButtonSignature(keys.publicKey, "AMZN-PAY-RSASSA-PSS-V2", text, signed.signature)).toBe(true)
  })
})

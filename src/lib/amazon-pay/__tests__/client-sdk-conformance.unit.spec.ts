/**
 * Conformance with Amazon's official Node SDK (2.3.4): the SDK's real WebStoreClient calls every
 * endpoint over HTTPS against a local capture server; from what arrived we rebuild the canonical
 * request with our signer and show that (1) it is byte-identical to the canonical request the SDK
 * hashed, (2) our string to sign equals the one the SDK signed, and (3) the SDK's signature verifies
 * over our string to sign. The SDK's hashing is observed through pass-through spies that change
 * nothing. Then the same for the query-string path (apiCall and getSignedHeaders).
 */
import crypto from "node:crypto"
import { globalAgent } from "node:https"
import { canonicalQueryString, parseAuthorization, verifyString, buildCanonicalRequest, buildStringToSign, type SignatureAlgorithm } from "../signer"
import { fixtureTls } from "./support/capture-server"
import { useCaptureServer } from "./support/use-capture-server"
import { ENDPOINTS, IDS, NON_ASCII } from "./support/endpoints"
import { generateTestKeys, officialWebStoreClient, verifyArrived, type OfficialSdkConfig } from "./support/official-sdk"

const ALGORITHMS: SignatureAlgorithm[] = ["AMZN-PAY-RSASSA-PSS-V2", "AMZN-PAY-RSASSA-PSS"]
const keys = generateTestKeys()
const tls = fixtureTls()
const QUERY = { merchantId: NON_ASCII, a: "x y&z=1/é", b: "~!*()'" }

/** Runs `call` (whose signing is synchronous in the SDK) while recording what the SDK hashes and signs. */
function observeSdkSigning<T>(call: () => T): { result: T; hashed: string[]; signed: string[] } {
  const hashed: string[] = []
  const signed: string[] = []
  const realCreateHash = crypto.createHash
  const realCreateSign = crypto.createSign
  const recordUpdates = (target: any, into: string[]) => {
    const update = target.update
    target.update = function (data: unknown, encoding?: unknown) {
      into.push(Buffer.isBuffer(data) ? data.toString("utf8") : String(data))
      return update.call(this, data, encoding)
    }
    return target
  }
  const hashSpy = jest.spyOn(crypto, "createHash").mockImplementation(((...args: any[]) =>
    recordUpdates((realCreateHash as any)(...args), hashed)) as any)
  const signSpy = jest.spyOn(crypto, "createSign").mockImplementation(((...args: any[]) =>
    recordUpdates((realCreateSign as any)(...args), signed)) as any)
  try {
    return { result: call(), hashed, signed }
  } finally {
    hashSpy.mockRestore()
    signSpy.mockRestore()
  }
}

/** The SDK hashes the payload first, then the canonical request (clientHelper.js signHeaders). */
const sdkCanonicalRequest = (hashed: string[], method: string) => {
  const found = hashed.filter((text) => text.startsWith(`${method}\n/`))
  expect(found).toHaveLength(1)
  return found[0]
}

describe("our signer rebuilds exactly what the official SDK signs", () => {
  const server = useCaptureServer({ tls })
  const previousCa = globalAgent.options.ca
  // The SDK disables TLS checks through process.env, which jest's sandboxed process object does not
  // pass on to node's TLS; trusting the fixture certificate on the global agent (axios uses it) keeps
  // verification on.
  beforeAll(() => {
    globalAgent.options.ca = tls.cert
  })
  afterAll(() => {
    globalAgent.options.ca = previousCa
  })

  const sdkFor = (algorithm: SignatureAlgorithm, overrides: Partial<OfficialSdkConfig> = {}) =>
    officialWebStoreClient({
      publicKeyId: "SANDBOX-AHEGSJCM3L2S637RBGABLAFW",
      privateKey: keys.privateKeyPem,
      region: "us",
      sandbox: true,
      algorithm,
      overrideServiceUrl: server.httpsHost,
      ...overrides,
    })

  for (const algorithm of ALGORITHMS) {
    describe(algorithm, () => {
      it.each(ENDPOINTS.map((e) => [e.operation, e] as const))("%s", async (_name, endpoint) => {
        const headers = endpoint.method === "POST" ? { "x-amz-pay-idempotency-key": "conformance-key-01" } : null
        const { result, hashed, signed } = observeSdkSigning(() => endpoint.sdk(sdkFor(algorithm), headers))
        await result
        expect(server.requests).toHaveLength(1)
        const [request] = server.requests
        expect(request.method).toBe(endpoint.method)
        expect(request.url).toBe(`/v2${endpoint.path}`)
        expect(request.body.toString("utf8")).toBe(endpoint.body ? JSON.stringify(endpoint.body) : "")

        const arrived = verifyArrived(request, keys.publicKey)
        expect(arrived.algorithm).toBe(algorithm)
        expect(arrived.canonicalRequest).toBe(sdkCanonicalRequest(hashed, endpoint.method))
        expect(signed).toEqual([arrived.stringToSign])
        expect(arrived.valid).toBe(true)
        if (endpoint.method === "POST") {
          expect(arrived.signedHeaders).toContain("x-amz-pay-idempotency-key")
        }
        if (endpoint.body) {
          // The same verification fails once one byte of the body differs: the check has teeth.
          const tampered = { ...request, body: Buffer.from(request.body.toString("utf8").replace("{", "{ ")) }
          expect(verifyArrived(tampered, keys.publicKey).valid).toBe(false)
        }
      })

      it("GET with a query string through apiCall", async () => {
        const sdk = sdkFor(algorithm)
        const { result, hashed, signed } = observeSdkSigning(() =>
          sdk.apiCall({ method: "GET", urlFragment: `charges/${IDS.charge}`, queryParams: QUERY })
        )
        await result
        const [request] = server.requests
        // On the wire node percent-encodes `'` too (%27); Amazon, like our verifier, decodes the query
        // and re-encodes it with encodeURIComponent, so the canonical form is unaffected.
        const url = new URL(request.url, "https://placeholder")
        expect(url.pathname).toBe(`/v2/charges/${IDS.charge}`)
        expect(Object.fromEntries(url.searchParams)).toEqual(QUERY)
        const arrived = verifyArrived(request, keys.publicKey)
        expect(arrived.canonicalRequest).toBe(sdkCanonicalRequest(hashed, "GET"))
        expect(arrived.canonicalRequest.split("\n")[2]).toBe(canonicalQueryString(QUERY))
        expect(canonicalQueryString(QUERY)).toBe("a=x%20y%26z%3D1%2F%C3%A9&b=~!*()'&merchantId=Gr%C3%BC%C3%9Fe%20%E6%9D%B1%E4%BA%AC%20%F0%9F%92%B3")
        expect(signed).toEqual([arrived.stringToSign])
        expect(arrived.valid).toBe(true)
      })

      it("getSignedHeaders with query parameters and a non-ASCII DELETE body", () => {
        const sdk = sdkFor(algorithm)
        const payload = { closureReason: NON_ASCII, cancelPendingCharges: false }
        const { result: headers, hashed, signed } = observeSdkSigning(() =>
          sdk.getSignedHeaders({ method: "DELETE", urlFragment: `chargePermissions/${IDS.chargePermission}/close`, payload, queryParams: QUERY })
        )
        const authorization = parseAuthorization(headers.authorization)!
        const { canonicalRequest } = buildCanonicalRequest({
          method: "DELETE",
          path: `/v2/chargePermissions/${IDS.chargePermission}/close`,
          query: QUERY,
          headers,
          signedHeaders: authorization.signedHeaders,
          body: JSON.stringify(payload),
        })
        expect(canonicalRequest).toBe(sdkCanonicalRequest(hashed, "DELETE"))
        const stringToSign = buildStringToSign(algorithm, canonicalRequest)
        expect(signed).toEqual([stringToSign])
        expect(verifyString(keys.publicKey, algorithm, stringToSign, authorization.signature)).toBe(true)
      })
    })
  }

  it.each([
    [true, "/sandbox/v2"],
    [false, "/live/v2"],
  ])("legacy key id without prefix, sandbox=%s, goes to %s and verifies", async (sandbox, prefix) => {
    const sdk = sdkFor("AMZN-PAY-RSASSA-PSS-V2", { publicKeyId: "AHEGSJCM3L2S637RBGABLAFW", sandbox })
    const { result, hashed } = observeSdkSigning(() => sdk.getCharge(IDS.charge, null))
    await result
    const [request] = server.requests
    expect(request.url).toBe(`${prefix}/charges/${IDS.charge}`)
    const arrived = verifyArrived(request, keys.publicKey)
    expect(arrived.canonicalRequest).toBe(sdkCanonicalRequest(hashed, "GET"))
    expect(arrived.valid).toBe(true)
  })
})

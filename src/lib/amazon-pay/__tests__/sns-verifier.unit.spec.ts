import { createPrivateKey, generateKeyPairSync } from "node:crypto"
import { fetchCertificateText } from "../sns-cert-fetch"
import { signSnsEnvelope, SnsEnvelopeError } from "../sns"
import { SnsVerificationError, SnsVerifier, type SnsVerificationReason } from "../sns-verifier"
import type { SnsEnvelope } from "../types"
import { TEST_SNS_CERTIFICATE_PEM, TEST_SNS_PRIVATE_KEY_PEM } from "./sns-test-certificate"
import { startTestServer, type TestServer } from "./sns-test-server"

const privateKey = createPrivateKey(TEST_SNS_PRIVATE_KEY_PEM)
const message = JSON.stringify({
  MerchantID: "A1MERCHANT",
  ObjectType: "CHARGE",
  ObjectId: "S01-1234567-1234567-C123456",
  ChargePermissionId: "S01-1234567-1234567",
  NotificationType: "STATE_CHANGE",
  NotificationId: "0b1c2d3e-0000-4000-8000-000000000001",
  NotificationVersion: "V2",
})

let server: TestServer
let certUrl: string

function envelopeFor(url: string, version: "1" | "2" = "2", extra: Partial<SnsEnvelope> = {}): SnsEnvelope {
  return signSnsEnvelope(
    {
      Type: "Notification",
      MessageId: "9a1f3c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
      TopicArn: "arn:aws:sns:us-east-1:291180941288:A01-A1MERCHANT",
      Message: message,
      Timestamp: "2026-11-23T10:00:00.000Z",
      SigningCertURL: url,
      UnsubscribeURL: "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe",
      ...extra,
    },
    privateKey,
    version
  )
}

async function rejection(promise: Promise<unknown>): Promise<SnsVerificationError> {
  const error = await promise.then(
    () => {
      throw new Error("expected verification to fail")
    },
    (caught: unknown) => caught
  )
  expect(error).toBeInstanceOf(SnsVerificationError)
  return error as SnsVerificationError
}

async function expectReason(promise: Promise<unknown>, reason: SnsVerificationReason): Promise<void> {
  expect((await rejection(promise)).reason).toBe(reason)
}

const certRequests = (path = "/cert.pem") => server.requests.filter((r) => r.path === path).length

beforeEach(async () => {
  server = await startTestServer((request) =>
    request.path.endsWith(".pem")
      ? { status: 200, body: TEST_SNS_CERTIFICATE_PEM, headers: { "content-type": "application/x-pem-file" } }
      : { status: 404 }
  )
  certUrl = `${server.url}/cert.pem`
})

afterEach(() => server.close())

describe("SnsVerifier with a certificate served over real HTTP", () => {
  it.each(["1", "2"] as const)("accepts a SignatureVersion %s envelope", async (version) => {
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
    await expect(verifier.verify(envelopeFor(certUrl, version))).resolves.toBeUndefined()
    expect(certRequests()).toBe(1)
  })

  it("verifyIpn parses, verifies and returns the IPN message", async () => {
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
    const { envelope, message: ipn } = await verifier.verifyIpn(JSON.stringify(envelopeFor(certUrl)))
    expect(envelope.MessageId).toBe("9a1f3c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b")
    expect(ipn.ObjectId).toBe("S01-1234567-1234567-C123456")
    await expect(verifier.verifyIpn("{")).rejects.toBeInstanceOf(SnsEnvelopeError)
  })

  it.each([
    ["Message", { Message: message.replace("C123456", "C999999") }],
    ["MessageId", { MessageId: "9a1f3c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5c" }],
    ["Timestamp", { Timestamp: "2026-11-23T10:00:01.000Z" }],
    ["TopicArn", { TopicArn: "arn:aws:sns:us-east-1:291180941288:A01-OTHER" }],
    ["Subject added", { Subject: "injected" }],
    ["Type", { Type: "SubscriptionConfirmation", SubscribeURL: "https://x", Token: "t" }],
  ])("refuses a tampered %s as BadSignature", async (_field, change) => {
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
    await expectReason(verifier.verify({ ...envelopeFor(certUrl), ...change }), "BadSignature")
  })

  it("refuses a changed or removed Subject that was signed", async () => {
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
    const signed = envelopeFor(certUrl, "2", { Subject: "Amazon Pay IPN" })
    await expect(verifier.verify(signed)).resolves.toBeUndefined()
    await expectReason(verifier.verify({ ...signed, Subject: "Amazon Pay IPN!" }), "BadSignature")
    const { Subject: _removed, ...withoutSubject } = signed
    await expectReason(verifier.verify(withoutSubject), "BadSignature")
  })

  it("refuses signatures by another key, garbage, and a swapped SignatureVersion", async () => {
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey
    const { Signature: _s, SignatureVersion: _v, ...unsigned } = envelopeFor(certUrl)
    await expectReason(verifier.verify(signSnsEnvelope(unsigned, otherKey, "2")), "BadSignature")
    await expectReason(verifier.verify({ ...envelopeFor(certUrl), Signature: "!!!not base64" }), "BadSignature")
    await expectReason(verifier.verify({ ...envelopeFor(certUrl, "2"), SignatureVersion: "1" }), "BadSignature")
  })

  it("never puts the signature into the error message", async () => {
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
    const tampered = { ...envelopeFor(certUrl), MessageId: "x" }
    const error = await rejection(verifier.verify(tampered))
    expect(error.message).not.toContain(tampered.Signature.slice(0, 40))
  })

  it.each(["3", "", "constructor", "toString", "2 "])("refuses SignatureVersion %p without fetching", async (version) => {
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
    await expectReason(verifier.verify({ ...envelopeFor(certUrl), SignatureVersion: version }), "UnsupportedSignatureVersion")
    expect(server.requests).toHaveLength(0)
  })

  it("refuses an unknown message Type without fetching", async () => {
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
    await expectReason(verifier.verify({ ...envelopeFor(certUrl), Type: "Bogus" }), "UnsupportedMessageType")
    expect(server.requests).toHaveLength(0)
  })
})

describe("SnsVerifier certificate URL trust", () => {
  it.each([
    "https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-abc.pem",
    "https://evil.com/sns.us-east-1.amazonaws.com.pem",
    "https://sns.us-east-1.amazonaws.com@evil.com/SimpleNotificationService-abc.pem",
    "https://sns-us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
    "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
    "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-abc.pem",
    "https://sns.us-east-1.amazonaws.com./SimpleNotificationService-abc.pem",
    "https://SNS.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
    "https://sns%2Eus-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
  ])("refuses %s and never calls fetchCertificate", async (url) => {
    const fetched: string[] = []
    const verifier = new SnsVerifier({
      fetchCertificate: async (u) => {
        fetched.push(u)
        return TEST_SNS_CERTIFICATE_PEM
      },
    })
    await expectReason(verifier.verify(envelopeFor(url)), "UntrustedCertUrl")
    expect(fetched).toEqual([])
  })

  it("trusts a local URL only when it is listed exactly", async () => {
    const near = [`${server.url}/cert.pem?x=1`, `${server.url}/other.pem`, `${server.url}//cert.pem`, `${certUrl}/`]
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
    for (const url of [...near, certUrl.replace("127.0.0.1", "localhost")]) {
      await expectReason(verifier.verify(envelopeFor(url)), "UntrustedCertUrl")
    }
    await expectReason(new SnsVerifier().verify(envelopeFor(certUrl)), "UntrustedCertUrl")
    expect(server.requests).toHaveLength(0)
  })
})

describe("SnsVerifier certificate download", () => {
  it("reports CertificateFetchFailed on HTTP 500 and does not cache the failure", async () => {
    server.setHandler(() => ({ status: 500, body: "oops" }))
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
    await expectReason(verifier.verify(envelopeFor(certUrl)), "CertificateFetchFailed")
    server.setHandler(() => ({ status: 200, body: TEST_SNS_CERTIFICATE_PEM }))
    await expect(verifier.verify(envelopeFor(certUrl))).resolves.toBeUndefined()
    expect(certRequests()).toBe(2)
  })

  it("reports CertificateFetchFailed for a closed port, a redirect and an oversized body", async () => {
    const closed = await startTestServer()
    const closedUrl = `${closed.url}/cert.pem`
    await closed.close()
    const redirectUrl = `${server.url}/redirect.pem`
    const hugeUrl = `${server.url}/huge.pem`
    server.setHandler((request) =>
      request.path === "/redirect.pem"
        ? { status: 302, headers: { location: certUrl } }
        : { status: 200, body: `${TEST_SNS_CERTIFICATE_PEM}${"x".repeat(40_000)}` }
    )
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [closedUrl, redirectUrl, hugeUrl] })
    for (const url of [closedUrl, redirectUrl, hugeUrl]) {
      await expectReason(verifier.verify(envelopeFor(url)), "CertificateFetchFailed")
    }
    expect(server.requests.map((r) => r.path).sort()).toEqual(["/huge.pem", "/redirect.pem"])
  })

  it("times out a certificate server that does not answer", async () => {
    server.setHandler(() => ({ status: 200, body: TEST_SNS_CERTIFICATE_PEM, delayMs: 2_000 }))
    const started = Date.now()
    await expect(fetchCertificateText(certUrl, { timeoutMs: 100 })).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(1_500)
  })

  it("reports InvalidCertificate for a body that is not a certificate", async () => {
    server.setHandler(() => ({ status: 200, body: "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n" }))
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
    await expectReason(verifier.verify(envelopeFor(certUrl)), "InvalidCertificate")
  })

  it("reports CertificateExpired outside the certificate's validity", async () => {
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl], now: () => new Date("2200-01-01T00:00:00Z") })
    await expectReason(verifier.verify(envelopeFor(certUrl)), "CertificateExpired")
  })

  it("checks the Timestamp only when maxAgeMs is set", async () => {
    const now = () => new Date("2027-01-01T00:05:00.000Z")
    const strict = new SnsVerifier({ trustedSandboxCertUrls: [certUrl], now, maxAgeMs: 60_000 })
    await expectReason(strict.verify(envelopeFor(certUrl)), "StaleTimestamp")
    await expectReason(strict.verify(envelopeFor(certUrl, "2", { Timestamp: "yesterday-ish" })), "InvalidTimestamp")
    await expect(strict.verify(envelopeFor(certUrl, "2", { Timestamp: "2027-01-01T00:04:30.000Z" }))).resolves.toBeUndefined()
    const lenient = new SnsVerifier({ trustedSandboxCertUrls: [certUrl], now })
    await expect(lenient.verify(envelopeFor(certUrl))).resolves.toBeUndefined()
  })
})

describe("SnsVerifier certificate cache", () => {
  it("keeps at most cacheSize certificates, evicting the least recently used", async () => {
    const [a, b, c] = ["/a.pem", "/b.pem", "/c.pem"].map((path) => `${server.url}${path}`)
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [a, b, c], cacheSize: 2 })
    for (const url of [a, b, a, c]) {
      await verifier.verify(envelopeFor(url))
    }
    // a was used after b, so c evicted b.
    expect(verifier.cachedCertificates).toBe(2)
    await verifier.verify(envelopeFor(a))
    await verifier.verify(envelopeFor(c))
    expect([certRequests("/a.pem"), certRequests("/b.pem"), certRequests("/c.pem")]).toEqual([1, 1, 1])
    await verifier.verify(envelopeFor(b))
    expect(certRequests("/b.pem")).toBe(2)
    expect(verifier.cachedCertificates).toBe(2)
  })

  it("shares one download among concurrent verifies of a cold URL", async () => {
    server.setHandler(() => ({ status: 200, body: TEST_SNS_CERTIFICATE_PEM, delayMs: 100 }))
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
    const envelopes = Array.from({ length: 25 }, (_, i) => envelopeFor(certUrl, i % 2 ? "1" : "2", { MessageId: `m-${i}` }))
    await Promise.all(envelopes.map((envelope) => verifier.verify(envelope)))
    expect(certRequests()).toBe(1)
    await Promise.all(envelopes.map((envelope) => verifier.verify(envelope)))
    expect(certRequests()).toBe(1)
  })

  it("shares a failed cold download too, then retries on the next verify", async () => {
    server.setHandler(() => ({ status: 503, delayMs: 50 }))
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
    const results = await Promise.allSettled([1, 2, 3].map(() => verifier.verify(envelopeFor(certUrl))))
    expect(results.every((r) => r.status === "rejected")).toBe(true)
    expect(certRequests()).toBe(1)
    await expectReason(verifier.verify(envelopeFor(certUrl)), "CertificateFetchFailed")
    expect(certRequests()).toBe(2)
  })

  it("bounds concurrent downloads of distinct certificates", async () => {
    server.setHandler(() => ({ status: 200, body: TEST_SNS_CERTIFICATE_PEM, delayMs: 100 }))
    const urls = ["/a.pem", "/b.pem", "/c.pem"].map((path) => `${server.url}${path}`)
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: urls, maxConcurrentDownloads: 2 })
    const results = await Promise.allSettled(urls.map((url) => verifier.verify(envelopeFor(url))))
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected"])
    expect(((results[2] as PromiseRejectedResult).reason as SnsVerificationError).reason).toBe("CertificateFetchFailed")
    expect(server.requests.map((r) => r.path).sort()).toEqual(["/a.pem", "/b.pem"])
    await expect(verifier.verify(envelopeFor(urls[2]))).resolves.toBeUndefined()
  })
})

/**
 * Configuration: every invalid field is named without echoing the private key; key ID styles pick
 * the path prefix (checked on the wire); regions pick host and x-amz-pay-region; the retry policy
 * and idempotency keys follow their rules.
 */
import { generateKeyPairSync } from "node:crypto"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { AmazonPayClient, type AmazonPayClientConfig } from "../client"
import { AmazonPayConfigError, resolveClientConfig } from "../config"
import { generateIdempotencyKey, idempotencyKeyProblem, isValidIdempotencyKey } from "../idempotency"
import { verifyButtonSignature } from "../signer"
import { DEFAULT_RETRY_POLICY, mayStartAnotherAttempt, parseRetryAfter, resolveRetryPolicy, retryDelayMs } from "../retry"
import { flatHeaders } from "./support/capture-server"
import { useCaptureServer } from "./support/use-capture-server"
import { IDS } from "./support/endpoints"
import { generateTestKeys, verifyArrived } from "./support/official-sdk"

const keys = generateTestKeys()
const valid: AmazonPayClientConfig = { publicKeyId: "SANDBOX-CONFIGTEST", privateKey: keys.privateKeyPem, region: "na" }
const configError = (config: unknown): AmazonPayConfigError => {
  try {
    new AmazonPayClient(config as AmazonPayClientConfig)
  } catch (error) {
    expect(error).toBeInstanceOf(AmazonPayConfigError)
    return error as AmazonPayConfigError
  }
  throw new Error("expected the configuration to be refused")
}

describe("configuration validation", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["region", { region: "us-east-1" }, "region: expected one of na, us, eu, uk, de, jp"],
    ["publicKeyId", { publicKeyId: "SANDBOX-X\r\nx-evil: 1" }, "publicKeyId: expected 1-128 characters"],
    ["publicKeyId missing", { publicKeyId: undefined }, "publicKeyId: expected a string"],
    ["privateKey type", { privateKey: 42 }, "privateKey: expected PEM text, a file path or a private KeyObject"],
    ["privateKey path", { privateKey: "/nonexistent/amazon-pay.pem" }, "privateKey: is neither PEM text nor a readable file path"],
    ["privateKey public KeyObject", { privateKey: keys.publicKey }, "privateKey: expected a private key, got a public KeyObject"],
    ["algorithm", { algorithm: "RSA-SHA256" }, "algorithm: expected one of AMZN-PAY-RSASSA-PSS-V2, AMZN-PAY-RSASSA-PSS"],
    ["sandbox", { sandbox: "yes" }, "sandbox: expected a boolean"],
    ["baseUrl scheme", { baseUrl: "ftp://127.0.0.1" }, "baseUrl: expected an http or https URL"],
    ["baseUrl relative", { baseUrl: "127.0.0.1:4010" }, "baseUrl: expected an absolute http(s) URL"],
    ["baseUrl garbage", { baseUrl: "not a url" }, "baseUrl: expected an absolute http(s) URL"],
    ["baseUrl path", { baseUrl: "http://127.0.0.1:4010/api" }, "baseUrl: expected an origin only"],
    ["timeoutMs", { timeoutMs: 0 }, "timeoutMs: must be >= 1"],
    ["retry type", { retry: true }, "retry: expected false or an object"],
    ["retry.maxAttempts", { retry: { maxAttempts: 0 } }, "retry.maxAttempts: must be >= 1"],
    ["retry.baseDelayMs", { retry: { baseDelayMs: 1.5 } }, "retry.baseDelayMs: expected an integer"],
    ["retry unknown field", { retry: { maxAttempt: 3 } }, "retry.maxAttempt: unknown field"],
    ["unknown field", { privateKeyPath: "/x" }, "privateKeyPath: unknown field"],
  ])("names %s", (_name, override, expected) => {
    const error = configError({ ...valid, ...override })
    expect(error.message).toContain("Invalid Amazon Pay client configuration: ")
    expect(error.message).toContain(expected)
  })

  it("refuses an unparseable key without echoing any of it", () => {
    const marker = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCSECRETMARKER"
    const error = configError({ ...valid, privateKey: `-----BEGIN PRIVATE KEY-----\n${marker}\n-----END PRIVATE KEY-----\n` })
    expect(error.message).toBe("Invalid Amazon Pay client configuration: privateKey: could not be parsed as an unencrypted PEM private key")
    expect(JSON.stringify(error)).not.toContain("SECRETMARKER")
    // Bare base64 without PEM armour is taken for a path, and the message still does not echo it.
    const bare = configError({ ...valid, privateKey: marker })
    expect(bare.message).toBe("Invalid Amazon Pay client configuration: privateKey: is neither PEM text nor a readable file path")
  })

  it("refuses a non-RSA key", () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" })
    expect(configError({ ...valid, privateKey }).message).toContain("privateKey: expected an RSA key, got ec")
  })

  it("reads the key from a file path once, and accepts a KeyObject", () => {
    const dir = mkdtempSync(join(tmpdir(), "amazon-pay-key-"))
    try {
      const path = join(dir, "private.pem")
      writeFileSync(path, keys.privateKeyPem)
      expect(resolveClientConfig({ ...valid, privateKey: path }).privateKey.equals(keys.privateKey)).toBe(true)
      expect(resolveClientConfig({ ...valid, privateKey: keys.privateKey }).privateKey.equals(keys.privateKey)).toBe(true)
      const client = new AmazonPayClient({ ...valid, privateKey: path })
      rmSync(path)
      // Parsed at construction: the client keeps signing after the file is gone.
      const signed = client.signButtonPayload("{}")
      expect(verifyButtonSignature(keys.publicKey, "AMZN-PAY-RSASSA-PSS-V2", "{}", signed.signature)).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it.each([
    ["na", "pay-api.amazon.com", "na"],
    ["us", "pay-api.amazon.com", "na"],
    ["eu", "pay-api.amazon.eu", "eu"],
    ["uk", "pay-api.amazon.eu", "eu"],
    ["de", "pay-api.amazon.eu", "eu"],
    ["jp", "pay-api.amazon.jp", "jp"],
  ] as const)("region %s -> https://%s, x-amz-pay-region %s", (region, host, signedRegion) => {
    const resolved = resolveClientConfig({ ...valid, region })
    expect(resolved).toMatchObject({ origin: `https://${host}`, host, region: signedRegion })
  })

  it("defaults: V2 algorithm, 10 s timeout, retry policy 4/200/5000/30000", () => {
    const resolved = resolveClientConfig(valid)
    expect(resolved).toMatchObject({ algorithm: "AMZN-PAY-RSASSA-PSS-V2", timeoutMs: 10_000, retry: DEFAULT_RETRY_POLICY })
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5_000, maxTotalMs: 30_000 })
    expect(resolveClientConfig({ ...valid, retry: false }).retry.maxAttempts).toBe(1)
    expect(resolveClientConfig({ ...valid, retry: { maxAttempts: 2 } }).retry).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 })
  })
})

describe("key ID style and region on the wire", () => {
  const server = useCaptureServer()

  it.each<[string, boolean | undefined, string]>([
    ["SANDBOX-AHEGSJCM3L2S637RBGABLAFW", false, "/v2"],
    ["LIVE-AHEGSJCM3L2S637RBGABLAFW", true, "/v2"],
    ["sandbox-ahegsjcm3l2s637rbgablafw", undefined, "/v2"],
    ["AHEGSJCM3L2S637RBGABLAFW", true, "/sandbox/v2"],
    ["AHEGSJCM3L2S637RBGABLAFW", false, "/live/v2"],
    ["AHEGSJCM3L2S637RBGABLAFW", undefined, "/live/v2"],
    ["SANDBOXED1234", true, "/sandbox/v2"],
  ])("%s with sandbox=%s -> %s", async (publicKeyId, sandbox, prefix) => {
    const client = new AmazonPayClient({ publicKeyId, privateKey: keys.privateKey, region: "jp", sandbox, baseUrl: server.httpUrl })
    await client.getRefund(IDS.refund)
    const [request] = server.requests
    expect(request.url).toBe(`${prefix}/refunds/${IDS.refund}`)
    const headers = flatHeaders(request.headers)
    expect(headers["x-amz-pay-region"]).toBe("jp")
    expect(headers["x-amz-pay-host"]).toBe(new URL(server.httpUrl).host)
    expect(verifyArrived(request, keys.publicKey)).toMatchObject({ valid: true, publicKeyId })
  })
})

describe("retry policy (pure)", () => {
  const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1_000, maxTotalMs: 5_000, maxAttempts: 6 })

  it("full jitter: uniform below base * 2^(n-2), capped at maxDelayMs", () => {
    expect(retryDelayMs(policy, 2, undefined, 0)).toBe(0)
    expect(retryDelayMs(policy, 2, undefined, 0.999)).toBe(99)
    expect(retryDelayMs(policy, 3, undefined, 0.999)).toBe(199)
    expect(retryDelayMs(policy, 5, undefined, 0.5)).toBe(400)
    expect(retryDelayMs(policy, 9, undefined, 0.999)).toBe(999)
  })

  it("Retry-After replaces the backoff, capped at maxDelayMs", () => {
    expect(retryDelayMs(policy, 2, 700, 0)).toBe(700)
    expect(retryDelayMs(policy, 2, 60_000, 0)).toBe(1_000)
  })

  it("parses Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("Wed, 21 Oct 2026 07:28:00 GMT")
    expect(parseRetryAfter("2", now)).toBe(2_000)
    expect(parseRetryAfter(" 0 ", now)).toBe(0)
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:28:03 GMT", now)).toBe(3_000)
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:27:00 GMT", now)).toBe(0)
    expect(parseRetryAfter("soon", now)).toBeUndefined()
    expect(parseRetryAfter("-1", now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })

  it("another attempt needs attempts left and a start before maxTotalMs", () => {
    expect(mayStartAnotherAttempt(policy, 5, 0, 0)).toBe(true)
    expect(mayStartAnotherAttempt(policy, 6, 0, 0)).toBe(false)
    expect(mayStartAnotherAttempt(policy, 1, 4_000, 999)).toBe(true)
    expect(mayStartAnotherAttempt(policy, 1, 4_500, 500)).toBe(false)
  })
})

describe("idempotency keys", () => {
  it("generated keys are 32 characters of [A-Za-z0-9_-] and distinct", () => {
    const generated = Array.from({ length: 200 }, generateIdempotencyKey)
    for (const key of generated) {
      expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/)
    }
    expect(new Set(generated).size).toBe(200)
  })

  it("validates caller keys with a reason that does not repeat the key", () => {
    expect(isValidIdempotencyKey("a".repeat(32))).toBe(true)
    expect(isValidIdempotencyKey("a".repeat(33))).toBe(false)
    expect(idempotencyKeyProblem("Order_42-capture")).toBeNull()
    expect(idempotencyKeyProblem("x".repeat(40))).toBe("idempotencyKey must be 1-32 characters long (got 40)")
    expect(idempotencyKeyProblem("secret key!")).toBe("idempotencyKey may contain only A-Z, a-z, 0-9, _ and -")
    expect(idempotencyKeyProblem(7)).toBe("idempotencyKey must be a string")
  })
})

/**
 * Retries against a real local node:http server that fails in scripted ways. Delays are real and
 * small; timing assertions measure arrival times on the server.
 */
import { inspect } from "node:util"
import { AmazonPayClient, type RetryPolicy } from "../client"
import { AmazonPayError } from "../errors"
import { flatHeaders, jsonReply, type Reply } from "./support/capture-server"
import { useCaptureServer } from "./support/use-capture-server"
import { IDS } from "./support/endpoints"
import { generateTestKeys, verifyArrived } from "./support/official-sdk"

const keys = generateTestKeys()
const usd = (amount: string) => ({ amount, currencyCode: "USD" })
const CAPTURE = { captureAmount: usd("10.00") }
const CHARGE = { chargeId: IDS.charge, statusDetails: { state: "Captured" } }
const FAST: RetryPolicy = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxTotalMs: 10_000 }

describe("client retries", () => {
  const server = useCaptureServer()

  const client = (retry: RetryPolicy | false = FAST, timeoutMs = 2_000) =>
    new AmazonPayClient({ publicKeyId: "SANDBOX-RETRYTEST", privateKey: keys.privateKeyPem, region: "na", baseUrl: server.httpUrl, retry, timeoutMs })

  /** Replies in order; the last one repeats. */
  const script = (...replies: Reply[]) => server.setHandler((_req, i) => replies[Math.min(i, replies.length - 1)])
  const keysSent = () => server.requests.map((r) => flatHeaders(r.headers)["x-amz-pay-idempotency-key"])
  const failure = async (promise: Promise<unknown>): Promise<AmazonPayError> => {
    const error = await promise.then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(AmazonPayError)
    return error as AmazonPayError
  }

  it("retries 503 and 500, then succeeds, with the same idempotency key and a valid signature on every attempt", async () => {
    script(jsonReply(503, { reasonCode: "ServiceUnavailable", message: "try later" }), jsonReply(500, {}), jsonReply(200, CHARGE))
    await expect(client().captureCharge(IDS.charge, CAPTURE)).resolves.toEqual(CHARGE)
    expect(server.requests).toHaveLength(3)
    const sent = keysSent()
    expect(new Set(sent).size).toBe(1)
    expect(sent[0]).toMatch(/^[A-Za-z0-9_-]{32}$/)
    for (const request of server.requests) {
      expect(verifyArrived(request, keys.publicKey).valid).toBe(true)
      expect(request.body.toString()).toBe(JSON.stringify(CAPTURE))
    }
  })

  it("keeps the caller's idempotency key across retries", async () => {
    script(jsonReply(429, { reasonCode: "TooManyRequests", message: "slow down" }), jsonReply(200, CHARGE))
    await client().captureCharge(IDS.charge, CAPTURE, { idempotencyKey: "capture-order-42" })
    expect(keysSent()).toEqual(["capture-order-42", "capture-order-42"])
  })

  it.each([
    [400, "InvalidParameterValue"],
    [401, "InvalidRequestSignature"],
    [404, "ResourceNotFound"],
    [422, "InvalidCheckoutSessionStatus"],
  ])("does not retry HTTP %s and reports Amazon's reasonCode", async (status, reasonCode) => {
    script(jsonReply(status, { reasonCode, message: `Amazon says ${reasonCode}` }, { "x-amz-pay-request-id": "req-123" }))
    const error = await failure(client().captureCharge(IDS.charge, CAPTURE))
    expect(server.requests).toHaveLength(1)
    expect(error).toMatchObject({ status, reasonCode, retryable: false, attempts: 1, operation: "captureCharge", requestId: "req-123" })
    expect(error.message).toContain(`Amazon says ${reasonCode}`)
  })

  it("honours Retry-After in seconds on 429 (measured between arrivals)", async () => {
    script(jsonReply(429, { reasonCode: "TooManyRequests", message: "" }, { "retry-after": "1" }), jsonReply(200, CHARGE))
    await client({ maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5_000 }).getCharge(IDS.charge)
    expect(server.requests).toHaveLength(2)
    expect(server.requests[1].receivedAt - server.requests[0].receivedAt).toBeGreaterThanOrEqual(995)
    // A second apart, so each attempt was signed with its own x-amz-pay-date.
    const dates = server.requests.map((r) => flatHeaders(r.headers)["x-amz-pay-date"])
    expect(dates[0]).not.toBe(dates[1])
    expect(server.requests.every((r) => verifyArrived(r, keys.publicKey).valid)).toBe(true)
  })

  it("caps a long Retry-After at maxDelayMs", async () => {
    script(jsonReply(503, {}, { "retry-after": "120" }), jsonReply(200, CHARGE))
    const started = performance.now()
    await client({ maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 50 }).getCharge(IDS.charge)
    expect(server.requests).toHaveLength(2)
    const gap = server.requests[1].receivedAt - server.requests[0].receivedAt
    expect(gap).toBeGreaterThanOrEqual(45)
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it("aborts an attempt at the timeout and retries it", async () => {
    script({ ...jsonReply(200, CHARGE), delayMs: 3_000 }, jsonReply(200, CHARGE))
    const started = performance.now()
    await expect(client(FAST, 150).captureCharge(IDS.charge, CAPTURE)).resolves.toEqual(CHARGE)
    expect(performance.now() - started).toBeLessThan(1_500)
    expect(server.requests).toHaveLength(2)
    expect(new Set(keysSent()).size).toBe(1)
  })

  it("reports RequestTimeout after maxAttempts timeouts", async () => {
    script({ ...jsonReply(200, CHARGE), delayMs: 2_000 })
    const error = await failure(client({ ...FAST, maxAttempts: 2 }, 100).getCharge(IDS.charge))
    expect(error).toMatchObject({ reasonCode: "RequestTimeout", retryable: true, attempts: 2, status: undefined })
    expect(server.requests).toHaveLength(2)
  })

  it("retries a dropped connection (network failure)", async () => {
    script({ status: 0, destroy: true }, jsonReply(200, CHARGE))
    await expect(client().getCharge(IDS.charge)).resolves.toEqual(CHARGE)
    expect(server.requests).toHaveLength(2)
  })

  it("stops after maxAttempts", async () => {
    script(jsonReply(503, { reasonCode: "ServiceUnavailable", message: "down" }))
    const error = await failure(client({ ...FAST, maxAttempts: 3 }).captureCharge(IDS.charge, CAPTURE))
    expect(server.requests).toHaveLength(3)
    expect(error).toMatchObject({ status: 503, reasonCode: "ServiceUnavailable", retryable: true, attempts: 3 })
  })

  it("never starts an attempt after maxTotalMs", async () => {
    // Every wait is exactly maxDelayMs (Retry-After capped): attempts at ~0, 200, 400 ms; the next
    // would start at ~600 ms, past the 500 ms budget.
    script(jsonReply(503, {}, { "retry-after": "1" }))
    const error = await failure(client({ maxAttempts: 20, baseDelayMs: 1, maxDelayMs: 200, maxTotalMs: 500 }).getCharge(IDS.charge))
    const first = server.requests[0].receivedAt
    expect(error.attempts).toBe(server.requests.length)
    expect(server.requests.length).toBeGreaterThanOrEqual(2)
    expect(server.requests.length).toBeLessThan(20)
    for (const request of server.requests) {
      expect(request.receivedAt - first).toBeLessThan(500)
    }
  })

  it("retry: false makes exactly one attempt", async () => {
    script(jsonReply(503, { reasonCode: "ServiceUnavailable", message: "down" }), jsonReply(200, CHARGE))
    const error = await failure(client(false).getCharge(IDS.charge))
    expect(server.requests).toHaveLength(1)
    expect(error).toMatchObject({ status: 503, retryable: true, attempts: 1 })
  })

  it("a caller's abort ends the call without further attempts", async () => {
    script({ ...jsonReply(200, CHARGE), delayMs: 3_000 })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const error = await failure(client(FAST, 2_000).getCharge(IDS.charge, { signal: controller.signal }))
    expect(error).toMatchObject({ reasonCode: "RequestAborted", retryable: false })
    expect(server.requests).toHaveLength(1)
  })
})

describe("client answers and errors", () => {
  const server = useCaptureServer()
  const client = () =>
    new AmazonPayClient({ publicKeyId: "SANDBOX-ERRORTEST", privateKey: keys.privateKeyPem, region: "na", baseUrl: server.httpUrl, retry: FAST })
  const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a failure") }, (e: AmazonPayError) => e)

  it("Complete Checkout Session resolves on 202 (authorization pending)", async () => {
    const session = { checkoutSessionId: IDS.checkoutSession, statusDetails: { state: "Open" }, chargeId: IDS.charge }
    server.setHandler(() => jsonReply(202, session))
    await expect(client().completeCheckoutSession(IDS.checkoutSession, { chargeAmount: usd("5.00") })).resolves.toEqual(session)
  })

  it("a 5xx with an HTML body gets a generic reasonCode", async () => {
    server.setHandler(() => ({ status: 502, body: "<html><h1>502 Bad Gateway</h1></html>", headers: { "content-type": "text/html" } }))
    const error = await failure(client().getCharge(IDS.charge))
    expect(error).toMatchObject({ status: 502, reasonCode: "BadGateway", retryable: true, attempts: 4 })
    expect(error.message).not.toContain("<html>")
  })

  it("a 5xx whose reasonCode is not a code falls back to a generic one", async () => {
    server.setHandler(() => jsonReply(500, { reasonCode: "<script>alert(1)</script>", message: "oops" }))
    const error = await failure(client().getCharge(IDS.charge))
    expect(error.reasonCode).toBe("InternalServerError")
  })

  it("a success that is not JSON is InvalidResponse and is not retried", async () => {
    server.setHandler(() => ({ status: 200, body: "OK", headers: { "x-amz-pay-request-id": "req-9" } }))
    const error = await failure(client().getCharge(IDS.charge))
    expect(error).toMatchObject({ status: 200, reasonCode: "InvalidResponse", retryable: false, attempts: 1, requestId: "req-9" })
    expect(server.requests).toHaveLength(1)
  })

  it.each([
    ["too long", "a".repeat(33)],
    ["bad characters", "key with spaces"],
    ["empty", ""],
  ])("refuses a caller idempotency key (%s) before sending anything", async (_why, idempotencyKey) => {
    const error = await failure(client().createCharge({ chargePermissionId: IDS.chargePermission, chargeAmount: usd("1.00") }, { idempotencyKey }))
    expect(error).toMatchObject({ reasonCode: "InvalidParameterValue", attempts: 0, retryable: false })
    expect(error.message).toContain("idempotencyKey")
    expect(server.requests).toHaveLength(0)
  })

  it.each(["S01/../refunds", "..", "a?b=c", ""])("refuses the resource id %j before sending anything", async (id) => {
    const error = await failure(client().getCharge(id))
    expect(error).toMatchObject({ reasonCode: "InvalidParameterValue", attempts: 0 })
    expect(server.requests).toHaveLength(0)
  })

  it("never carries the signature, the Authorization header or key material, even when the server echoes them", async () => {
    server.setHandler((request) =>
      jsonReply(401, {
        reasonCode: "InvalidRequestSignature",
        message: `Signature mismatch for ${flatHeaders(request.headers).authorization} with ${keys.privateKeyPem}`,
      })
    )
    const error = await failure(client().captureCharge(IDS.charge, CAPTURE))
    const authorization = flatHeaders(server.requests[0].headers).authorization
    const signature = verifyArrived(server.requests[0], keys.publicKey).signature
    const keyBody = keys.privateKeyPem.split("\n")[1]
    for (const text of [error.message, JSON.stringify(error), String(error.stack), inspect(error, { depth: 5 })]) {
      expect(text).not.toContain(signature)
      expect(text).not.toContain(authorization)
      expect(text).not.toContain(keyBody)
      expect(text).not.toContain("PRIVATE KEY")
    }
    expect(error).toMatchObject({ status: 401, reasonCode: "InvalidRequestSignature", retryable: false })
    expect(error.message).toContain("Signature mismatch for [redacted authorization]")
  })
})

/**
 * handleWebhook against real signed IPNs: the sandbox POSTs them to a local receiver, and each body
 * is handed to handleWebhook the way Medusa's route + event bus deliver it.
 */
import { readerDeps, type WebhookDeps } from "../../ipn/ipn-deps"
import { handleWebhook } from "../handle-webhook"
import { readIpn } from "../../ipn/read-ipn"
import { checkout, collectingLogger, startIpnTestEnv, type IpnTestEnv } from "../../ipn/__tests__/ipn-support"

let env: IpnTestEnv

beforeAll(async () => {
  env = await startIpnTestEnv()
})
afterAll(async () => {
  await env?.close()
})

function deps(extra: Record<string, unknown> = {}, logger = collectingLogger().logger): WebhookDeps {
  return {
    client: env.client,
    options: { merchantId: "SANDBOX-MERCHANT", ipnTrustedCertUrls: [env.certUrl], ...extra },
    logger,
    cradle: env.harness.cradle,
  }
}

/** As the event bus delivers it: rawData serialised to {type: "Buffer", data}. */
const viaEventBus = (body: Buffer) => JSON.parse(JSON.stringify({ data: {}, rawData: body, headers: {} }))

describe("handleWebhook with the sandbox's signed IPNs", () => {
  it("maps an authorized charge to `authorized` with the session id and the exact amount (SignatureVersion 2 and 1)", async () => {
    const data = await checkout(env, "payses_AUTH1", "19.99")
    const chargeId = data.charges[0].chargeId
    const ipn = await env.waitFor((m) => m.ObjectType === "CHARGE" && m.ObjectId === chargeId)
    expect(await handleWebhook(deps(), viaEventBus(ipn.body))).toEqual({
      action: "authorized",
      data: { session_id: "payses_AUTH1", amount: "19.99" },
    })
    expect(await handleWebhook(deps(), { rawData: ipn.body })).toEqual(await handleWebhook(deps(), viaEventBus(ipn.body)))

    env.sandbox.ipn.configure({ signatureVersion: "1" })
    try {
      const v1 = await checkout(env, "payses_AUTHV1", "1400", "success", {}, "jpy")
      const ipnV1 = await env.waitFor((m) => m.ObjectType === "CHARGE" && m.ObjectId === v1.charges[0].chargeId)
      expect(JSON.parse(ipnV1.body.toString()).SignatureVersion).toBe("1")
      expect(await handleWebhook(deps(), viaEventBus(ipnV1.body))).toEqual({
        action: "authorized",
        data: { session_id: "payses_AUTHV1", amount: "1400" },
      })
    } finally {
      env.sandbox.ipn.configure({ signatureVersion: "2" })
    }
  })

  it("reads Amazon once for the two readers of a notification (core's subscriber and ours) and its SNS duplicate", async () => {
    const data = await checkout(env, "payses_SHARED1", "12.00")
    const chargeId = data.charges[0].chargeId
    const ipn = await env.waitFor((m) => m.ObjectType === "CHARGE" && m.ObjectId === chargeId)
    env.sandbox.clearRequestCounts()
    const readers = await Promise.all([handleWebhook(deps(), viaEventBus(ipn.body)), readIpn(readerDeps(deps()), ipn.body), readIpn(readerDeps(deps()), ipn.body)])
    expect(readers[0]).toEqual({ action: "authorized", data: { session_id: "payses_SHARED1", amount: "12.00" } })
    expect(readers[1]).toEqual(readers[2])
    expect(readers[1]).not.toBe(readers[2]) // each reader gets its own copy
    const counts = env.sandbox.requestCounts()
    expect([counts.getCharge?.requests, counts.getChargePermission?.requests]).toEqual([1, 1])
  })

  it("acts on Amazon's state, not on when the IPN was sent: a stale IPN for a canceled charge says canceled", async () => {
    const data = await checkout(env, "payses_STALE1", "10.00")
    const chargeId = data.charges[0].chargeId
    const ipn = await env.waitFor((m) => m.ObjectType === "CHARGE" && m.ObjectId === chargeId)
    await env.client.cancelCharge(chargeId, { cancellationReason: "test" })
    expect(await handleWebhook(deps(), viaEventBus(ipn.body))).toEqual({
      action: "canceled",
      data: { session_id: "payses_STALE1", amount: "10.00" },
    })
  })

  it("does not trust the sandbox certificate without the explicit option", async () => {
    const data = await checkout(env, "payses_UNTRUST", "5.00")
    const ipn = await env.waitFor((m) => m.ObjectType === "CHARGE" && m.ObjectId === data.charges[0].chargeId)
    const { lines, logger } = collectingLogger()
    const result = await handleWebhook({ client: env.client, options: { merchantId: "SANDBOX-MERCHANT" }, logger }, viaEventBus(ipn.body))
    expect(result).toEqual({ action: "not_supported" })
    expect(lines.join("\n")).toMatch(/refused: UntrustedCertUrl/)
  })

  it("ignores IPNs for another MerchantID and for charge permissions this store did not create", async () => {
    const data = await checkout(env, "payses_OTHERM", "5.00")
    const ipn = await env.waitFor((m) => m.ObjectType === "CHARGE" && m.ObjectId === data.charges[0].chargeId)
    const other = collectingLogger()
    expect(await handleWebhook({ ...deps({}, other.logger), options: { merchantId: "A2OTHER", ipnTrustedCertUrls: [env.certUrl] } }, viaEventBus(ipn.body))).toEqual({
      action: "not_supported",
    })
    expect(other.lines.join("\n")).toMatch(/^warn .*merchant account SANDBOX-MERCHANT.*set the provider option merchantId/m)

    // A checkout another integration on the same account created (its own merchantReferenceId).
    const payload = {
      webCheckoutDetails: { checkoutReviewReturnUrl: "https://other.example/review", checkoutResultReturnUrl: "https://other.example/result", checkoutMode: "ProcessOrder" },
      storeId: "amzn1.application-oa2-client.other",
      paymentDetails: { paymentIntent: "Authorize", chargeAmount: { amount: "5.00", currencyCode: "USD" } },
      merchantMetadata: { merchantReferenceId: "order-7781" },
      addressDetails: { name: "A B", addressLine1: "1 St", city: "Seattle", postalCode: "98101", countryCode: "US", phoneNumber: "1" },
    }
    const { checkoutSessionId } = env.sandbox.createCheckoutSessionFromButton(env.client.signButtonPayload(payload))
    env.sandbox.approveCheckoutSession(checkoutSessionId)
    const foreign = await env.client.completeCheckoutSession(checkoutSessionId, { chargeAmount: { amount: "5.00", currencyCode: "USD" } })
    const foreignIpn = await env.waitFor((m) => m.ObjectType === "CHARGE" && m.ObjectId === foreign.chargeId)
    const log = collectingLogger()
    expect(await handleWebhook(deps({}, log.logger), viaEventBus(foreignIpn.body))).toEqual({ action: "not_supported" })
    expect(log.lines.join("\n")).toMatch(/was not created by this store/)
  })

  it("refuses forged envelopes (bad signature, altered message, look-alike certificate host)", async () => {
    for (const forge of ["badSignature", "alteredMessage", "untrustedCertUrl"] as const) {
      env.sandbox.ipn.configure({ forge })
      const before = env.received.length
      const sessionId = `payses_FORGE${forge}`
      try {
        await checkout(env, sessionId, "3.00")
      } finally {
        env.sandbox.ipn.configure({ forge: null })
      }
      await env.sandbox.ipn.drain()
      const forged = env.received.slice(before)
      expect(forged.length).toBeGreaterThan(0)
      for (const ipn of forged) {
        const { lines, logger } = collectingLogger()
        expect(await handleWebhook(deps({}, logger), viaEventBus(ipn.body))).toEqual({ action: "not_supported" })
        expect(lines).toHaveLength(1)
        expect(lines[0]).toMatch(/^warn Amazon Pay IPN refused: (BadSignature|UntrustedCertUrl)/)
        expect(lines[0]).not.toContain(JSON.parse(ipn.body.toString()).Signature)
      }
    }
  })

  it("answers not_supported with one log line for empty, non-JSON, ill-typed and oversized bodies", async () => {
    const bodies: unknown[] = [
      undefined,
      {},
      { rawData: "" },
      { rawData: Buffer.from("not json") },
      { rawData: Buffer.from(JSON.stringify({ Type: 1, Message: {} })) },
      { rawData: Buffer.from("[]") },
      { rawData: Buffer.alloc(70 * 1024, 0x20) },
      { rawData: { type: "Buffer", data: "abc" } },
    ]
    for (const payload of bodies) {
      const { lines, logger } = collectingLogger()
      expect(await handleWebhook(deps({}, logger), payload)).toEqual({ action: "not_supported" })
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^warn Amazon Pay IPN refused: (EmptyBody|InvalidJson|InvalidEnvelope|BodyTooLarge)/)
    }
  })

  it("reads refund and charge permission IPNs for the plugin subscriber, and leaves them to it (not_supported)", async () => {
    const data = await checkout(env, "payses_REFUND1", "30.00", "success", { capture: "on_authorize" })
    const chargeId = data.charges[0].chargeId
    const refund = await env.client.createRefund({ chargeId, refundAmount: { amount: "12.34", currencyCode: "USD" } }, { idempotencyKey: "ref-unit-1" })
    const ipn = await env.waitFor((m) => m.ObjectType === "REFUND" && m.ObjectId === refund.refundId)
    expect(await handleWebhook(deps(), viaEventBus(ipn.body))).toEqual({ action: "not_supported" })
    const reading = await readIpn(readerDeps(deps()), ipn.body)
    expect(reading).toMatchObject({
      kind: "refund",
      paymentCollectionId: "pay_col_REFUND1",
      refund: { refundId: refund.refundId, refundAmount: { amount: "12.34", currencyCode: "USD" } },
      charge: { chargeId },
    })

    const permissionIpn = await env.waitFor((m) => m.ObjectType === "CHARGE_PERMISSION" && m.ObjectId === data.chargePermissionId)
    const permissionReading = await readIpn(readerDeps(deps()), permissionIpn.body)
    expect(permissionReading).toMatchObject({ kind: "charge_permission", paymentCollectionId: "pay_col_REFUND1" })
  })

  it("throws when Amazon cannot be read, so the Redis event bus retries; the retry reads Amazon again", async () => {
    const data = await checkout(env, "payses_DOWN1", "8.00")
    const ipn = await env.waitFor((m) => m.ObjectType === "CHARGE" && m.ObjectId === data.charges[0].chargeId)
    env.sandbox.addFault({ operation: "*", kind: "status", status: 503, times: 50 })
    try {
      const { lines, logger } = collectingLogger()
      await expect(handleWebhook(deps({}, logger), viaEventBus(ipn.body))).rejects.toMatchObject({
        name: "IpnRetryLater",
        message: expect.stringMatching(/could not be read \(ServiceUnavailable\)/),
      })
      expect(lines.join("\n")).toMatch(/not applied: Amazon Pay could not be read/)
    } finally {
      env.sandbox.clearFaults()
    }
    // The unavailable reading was not kept: the retry asks Amazon and gets the answer.
    expect(await handleWebhook(deps(), viaEventBus(ipn.body))).toEqual({ action: "authorized", data: { session_id: "payses_DOWN1", amount: "8.00" } })
  })
})

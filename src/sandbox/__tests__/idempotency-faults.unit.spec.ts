import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../index"
import { SignedApi, checkout, control, createSessionBody, usd } from "./support/signed-api"

describe("sandbox idempotency and injected faults", () => {
  const credentials = generateSandboxCredentials()
  const sameMerchant = generateSandboxCredentials()
  const otherMerchant = generateSandboxCredentials()
  let sandbox: AmazonPaySandbox
  let api: SignedApi
  let sameMerchantApi: SignedApi
  let otherMerchantApi: SignedApi

  beforeAll(async () => {
    sandbox = await startAmazonPaySandbox({
      publicKeys: {
        [credentials.publicKeyId]: credentials.publicKeyPem,
        [sameMerchant.publicKeyId]: sameMerchant.publicKeyPem,
        [otherMerchant.publicKeyId]: otherMerchant.publicKeyPem,
      },
      publicKeyMerchants: { [otherMerchant.publicKeyId]: "OTHER-MERCHANT" },
      pendingDelayMs: 20,
    })
    api = new SignedApi(sandbox.url, credentials.publicKeyId, credentials.privateKeyPem)
    sameMerchantApi = new SignedApi(sandbox.url, sameMerchant.publicKeyId, sameMerchant.privateKeyPem)
    otherMerchantApi = new SignedApi(sandbox.url, otherMerchant.publicKeyId, otherMerchant.privateKeyPem)
  })
  afterEach(() => sandbox.reset())
  afterAll(() => sandbox.close())

  /** A Confirm checkout: a Chargeable permission of 100.00 and no charge yet. */
  async function permission(): Promise<string> {
    const { completed } = await checkout(api, { paymentIntent: "Confirm", amount: "100.00" })
    return completed.body.chargePermissionId
  }
  const chargesOn = (permissionId: string) => sandbox.ledger().chargePermissions[permissionId].charges

  describe("idempotency", () => {
    it("replays the stored answer for the same key and body, without a second charge", async () => {
      const permissionId = await permission()
      const body = { chargePermissionId: permissionId, chargeAmount: usd("10.00"), captureNow: true }
      const first = await api.post("charges", body, { idempotencyKey: "order-1-capture" })
      const again = await api.post("charges", body, { idempotencyKey: "order-1-capture" })
      expect(first.status).toBe(201)
      expect(again.status).toBe(201)
      expect(again.body).toEqual(first.body)
      expect(chargesOn(permissionId)).toHaveLength(1)
      expect(sandbox.ledger().chargePermissions[permissionId].captured).toBe("10.00")
    })

    it("refuses the same key with another body or path; keys belong to the merchant account, not the key id", async () => {
      const permissionId = await permission()
      const body = { chargePermissionId: permissionId, chargeAmount: usd("10.00") }
      const first = await api.post("charges", body, { idempotencyKey: "k1" })
      expect(first.status).toBe(201)
      const conflict = await api.post("charges", { ...body, chargeAmount: usd("11.00") }, { idempotencyKey: "k1" })
      expect([conflict.status, conflict.body.reasonCode]).toEqual([400, "DuplicateIdempotencyKey"])
      const otherPath = await api.post("checkoutSessions", body, { idempotencyKey: "k1" })
      expect(otherPath.body.reasonCode).toBe("DuplicateIdempotencyKey")
      // Another key id of the same merchant shares the key space ("unique per merchant account").
      const sameMerchantReplay = await sameMerchantApi.post("charges", body, { idempotencyKey: "k1" })
      expect([sameMerchantReplay.status, sameMerchantReplay.body.chargeId]).toEqual([201, first.body.chargeId])
      // Another merchant has its own key space (the same request is not a replay of the 201 above)
      // and does not see this merchant's objects.
      const otherMerchantCall = await otherMerchantApi.post("charges", body, { idempotencyKey: "k1" })
      expect([otherMerchantCall.status, otherMerchantCall.body.reasonCode]).toEqual([404, "ResourceNotFound"])
      expect((await otherMerchantApi.get(`chargePermissions/${permissionId}`)).status).toBe(404)
      expect(chargesOn(permissionId)).toHaveLength(1)
    })

    it("keeps a key for as long as the sandbox runs: a replay 25 hours later answers the first response", async () => {
      const permissionId = await permission()
      const body = { chargePermissionId: permissionId, chargeAmount: usd("10.00") }
      const first = await api.post("charges", body, { idempotencyKey: "daily" })
      sandbox.advanceClock(25 * 3600_000)
      const replay = await api.post("charges", body, { idempotencyKey: "daily", date: sandbox.now() })
      expect([replay.status, replay.body.chargeId]).toEqual([201, first.body.chargeId])
      const reused = await api.post("charges", { ...body, chargeAmount: usd("11.00") }, { idempotencyKey: "daily", date: sandbox.now() })
      expect(reused.body.reasonCode).toBe("DuplicateIdempotencyKey")
      expect(chargesOn(permissionId)).toHaveLength(1)
    })

    it("stores a definite failure: the replay gets it again, a corrected request needs a new key", async () => {
      const permissionId = await permission()
      const tooMuch = { chargePermissionId: permissionId, chargeAmount: usd("500.00") }
      const first = await api.post("charges", tooMuch, { idempotencyKey: "k2" })
      expect([first.status, first.body.reasonCode]).toEqual([400, "TransactionAmountExceeded"])
      expect(await api.post("charges", tooMuch, { idempotencyKey: "k2" })).toMatchObject({ status: 400, body: first.body })
      const corrected = { chargePermissionId: permissionId, chargeAmount: usd("50.00") }
      const sameKey = await api.post("charges", corrected, { idempotencyKey: "k2" })
      expect([sameKey.status, sameKey.body.reasonCode]).toEqual([400, "DuplicateIdempotencyKey"])
      expect((await api.post("charges", corrected, { idempotencyKey: "k3" })).status).toBe(201)
    })
  })

  describe("faults", () => {
    it("answers 429 with Retry-After, then 500 and 503, applying nothing; then runs normally", async () => {
      const permissionId = await permission()
      await control(sandbox.url, "POST", "/sandbox/faults", { operation: "createCharge", kind: "status", status: 429, retryAfterSeconds: 2 })
      await control(sandbox.url, "POST", "/sandbox/faults", { operation: "createCharge", kind: "status", status: 500 })
      sandbox.addFault({ operation: "createCharge", kind: "status", status: 503 })
      expect((await control(sandbox.url, "GET", "/sandbox/faults")).body.faults).toHaveLength(3)
      const body = { chargePermissionId: permissionId, chargeAmount: usd("10.00"), captureNow: true }
      const throttled = await api.post("charges", body, { idempotencyKey: "retry-me" })
      expect([throttled.status, throttled.body.reasonCode, throttled.headers.get("retry-after")]).toEqual([429, "TooManyRequests", "2"])
      const broken = await api.post("charges", body, { idempotencyKey: "retry-me" })
      expect([broken.status, broken.body.reasonCode]).toEqual([500, "InternalServerError"])
      const unavailable = await api.post("charges", body, { idempotencyKey: "retry-me" })
      expect([unavailable.status, unavailable.body.reasonCode]).toEqual([503, "ServiceUnavailable"])
      expect(chargesOn(permissionId)).toHaveLength(0)
      const ok = await api.post("charges", body, { idempotencyKey: "retry-me" })
      expect(ok.status).toBe(201)
      expect(sandbox.ledger().totals.USD.captured).toBe("10.00")
      // The request counter saw four Create Charge round trips, three of them answered by a fault.
      const { requests } = (await control(sandbox.url, "GET", "/sandbox/requests")).body
      expect(requests.createCharge).toEqual({ requests: 4, faults: { "status:429": 1, "status:500": 1, "status:503": 1 } })
      expect(sandbox.requestCounts().completeCheckoutSession).toEqual({ requests: 1, faults: {} })
      expect((await control(sandbox.url, "DELETE", "/sandbox/requests")).body.requests).toEqual({})
      expect(sandbox.requestCounts()).toEqual({})
    })

    it("simulate runs the next call as if it carried a simulation code; refuses codes the operation lacks", async () => {
      const permissionId = await permission()
      const added = await control(sandbox.url, "POST", "/sandbox/faults", { operation: "createCharge", kind: "simulate", simulationCode: "HardDeclined" })
      expect(added.status).toBe(201)
      const body = { chargePermissionId: permissionId, chargeAmount: usd("10.00"), captureNow: true }
      const declined = await api.post("charges", body, { idempotencyKey: "simulated" })
      expect([declined.status, declined.body.reasonCode]).toEqual([422, "HardDeclined"])
      expect(sandbox.requestCounts().createCharge.faults).toEqual({ "simulate:HardDeclined": 1 })
      // The replay of that call answers the stored decline; a simulation no longer in effect is not counted.
      sandbox.addFault({ operation: "createCharge", kind: "simulate", simulationCode: "SoftDeclined" })
      const replayed = await api.post("charges", body, { idempotencyKey: "simulated" })
      expect([replayed.status, replayed.body.reasonCode]).toEqual([422, "HardDeclined"])
      expect(sandbox.requestCounts().createCharge).toEqual({ requests: 2, faults: { "simulate:HardDeclined": 1 } })
      sandbox.clearFaults()
      expect(sandbox.ledger().chargePermissions[permissionId]).toMatchObject({
        captured: "0.00",
        charges: [],
        declinedAttempts: [{ chargeAmount: "10.00", reasonCode: "HardDeclined" }],
      })
      for (const bad of [
        { operation: "createCharge", kind: "simulate", simulationCode: "RefundDeclined" },
        { operation: "*", kind: "simulate", simulationCode: "HardDeclined" },
        { operation: "createRefund", kind: "simulate" },
      ]) {
        const refused = await control(sandbox.url, "POST", "/sandbox/faults", bad)
        expect([refused.status, refused.body.message]).toEqual([400, expect.stringContaining("simulationCode")])
      }
      expect(sandbox.faults()).toEqual([])
    })

    it("applies '*' faults to any operation and probability rules as configured", async () => {
      sandbox.addFault({ operation: "*", kind: "status", status: 503, times: 2 })
      expect((await api.get("charges/x")).status).toBe(503)
      expect((await api.post("checkoutSessions", createSessionBody())).status).toBe(503)
      expect((await api.get("charges/x")).status).toBe(404)
      sandbox.addFault({ operation: "getCharge", kind: "status", status: 500, probability: 0 })
      expect((await api.get("charges/x")).status).toBe(404)
      sandbox.clearFaults()
      sandbox.addFault({ operation: "getCharge", kind: "status", status: 500, probability: 1 })
      for (let i = 0; i < 3; i++) {
        expect((await api.get("charges/x")).status).toBe(500)
      }
      expect((await control(sandbox.url, "DELETE", "/sandbox/faults")).body).toEqual({ faults: [] })
      expect((await api.get("charges/x")).status).toBe(404)
      const invalid = await control(sandbox.url, "POST", "/sandbox/faults", { operation: "chargeEverything", kind: "status", status: 500 })
      expect(invalid.status).toBe(400)
    })

    it("delays answers with latency faults and the global latency", async () => {
      sandbox.addFault({ operation: "getCharge", kind: "latency", latencyMs: 150 })
      let started = Date.now()
      expect((await api.get("charges/x")).status).toBe(404)
      expect(Date.now() - started).toBeGreaterThanOrEqual(140)
      sandbox.setLatency(100)
      started = Date.now()
      expect((await api.get("refunds/x")).status).toBe(404)
      expect(Date.now() - started).toBeGreaterThanOrEqual(90)
      sandbox.setLatency(0)
    })

    it("hangs without applying anything: no answer, the socket is dropped after latencyMs", async () => {
      const permissionId = await permission()
      sandbox.addFault({ operation: "createCharge", kind: "hang", latencyMs: 300 })
      const body = { chargePermissionId: permissionId, chargeAmount: usd("10.00"), captureNow: true }
      const started = Date.now()
      await expect(api.post("charges", body, { idempotencyKey: "hung" })).rejects.toThrow()
      expect(Date.now() - started).toBeGreaterThanOrEqual(290)
      expect(chargesOn(permissionId)).toHaveLength(0)
      const retried = await api.post("charges", body, { idempotencyKey: "hung" })
      expect(retried.status).toBe(201)
      expect(chargesOn(permissionId)).toHaveLength(1)
    })

    it("commitThenDrop applies the operation, resets the connection, and the idempotent replay returns the committed result", async () => {
      const permissionId = await permission()
      sandbox.addFault({ operation: "createCharge", kind: "commitThenDrop" })
      const body = { chargePermissionId: permissionId, chargeAmount: usd("25.00"), captureNow: true }
      await expect(api.post("charges", body, { idempotencyKey: "dropped" })).rejects.toThrow()
      const truth = sandbox.ledger().chargePermissions[permissionId]
      expect(truth.captured).toBe("25.00")
      expect(truth.charges).toHaveLength(1)
      const replay = await api.post("charges", body, { idempotencyKey: "dropped" })
      expect(replay.status).toBe(201)
      expect(replay.body.chargeId).toBe(truth.charges[0].chargeId)
      expect(sandbox.ledger().chargePermissions[permissionId].charges).toHaveLength(1)
      expect(sandbox.ledger().totals.USD.captured).toBe("25.00")
    })
  })
})

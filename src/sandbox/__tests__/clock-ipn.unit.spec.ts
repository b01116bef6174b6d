import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../index"
import { SignedApi, checkout, control, createSessionBody, usd, waitFor } from "./support/signed-api"

const DAY = 24 * 3600_000

describe("sandbox clock expiries and IPNs", () => {
  const credentials = generateSandboxCredentials()
  let sandbox: AmazonPaySandbox
  let api: SignedApi
  let receiver: Server
  let received: Array<{ ObjectType: string; ObjectId: string; ChargePermissionId: string; MerchantID: string }> = []

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on("data", (c: Buffer) => chunks.push(c))
      req.on("end", () => {
        received.push(JSON.parse(JSON.parse(Buffer.concat(chunks).toString()).Message))
        res.end("ok")
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve))
    sandbox = await startAmazonPaySandbox({
      publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem },
      pendingDelayMs: 30,
      merchantId: "MERCHANT-1",
      ipnUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ipn`,
    })
    api = new SignedApi(sandbox.url, credentials.publicKeyId, credentials.privateKeyPem)
  })
  afterEach(async () => {
    // Let deliveries already on the wire land first: one arriving after `received = []` would be
    // counted in the next test.
    await sandbox.ipn.drain(5_000)
    sandbox.reset()
    received = []
  })
  afterAll(async () => {
    await sandbox.close()
    await new Promise((resolve) => receiver.close(resolve))
  })

  /** Requests signed on the sandbox clock (it runs ahead after advancing). */
  const at = () => ({ date: sandbox.now() })

  it("cancels an Open Checkout Session after 24 h and deletes it after 30 days", async () => {
    const created = await api.post("checkoutSessions", createSessionBody())
    const id = created.body.checkoutSessionId
    sandbox.advanceClock(23 * 3600_000)
    expect((await api.send("GET", `checkoutSessions/${id}`, undefined, at())).body.statusDetails.state).toBe("Open")
    const advanced = await control(sandbox.url, "POST", "/sandbox/clock", { advanceMs: 3600_000 + 1 })
    expect(new Date(advanced.body.now).getTime()).toBeGreaterThan(Date.now() + 24 * 3600_000 - 5_000)
    const expired = await api.send("GET", `checkoutSessions/${id}`, undefined, at())
    expect(expired.body.statusDetails).toMatchObject({ state: "Canceled", reasonCode: "Expired" })
    sandbox.advanceClock(29 * DAY)
    const gone = await api.send("GET", `checkoutSessions/${id}`, undefined, at())
    expect([gone.status, gone.body.reasonCode]).toEqual([404, "ResourceNotFound"])
  })

  it("expires an authorization unused for 30 days (ExpiredUnused) and renews by a new captureNow charge", async () => {
    const { completed } = await checkout(api, { amount: "30.00" })
    const chargeId = completed.body.chargeId
    sandbox.advanceClock(29 * DAY)
    expect((await api.send("GET", `charges/${chargeId}`, undefined, at())).body.statusDetails.state).toBe("Authorized")
    sandbox.advanceClock(DAY + 1)
    expect((await api.send("GET", `charges/${chargeId}`, undefined, at())).body.statusDetails).toMatchObject({
      state: "Canceled",
      reasonCode: "ExpiredUnused",
    })
    const renewed = await api.post(
      "charges",
      { chargePermissionId: completed.body.chargePermissionId, chargeAmount: usd("30.00"), captureNow: true },
      at()
    )
    expect(renewed.body.statusDetails.state).toBe("Captured")
  })

  it("closes a one-time Charge Permission after 180 days and hides buyer details after 30", async () => {
    const { completed } = await checkout(api, { paymentIntent: "Confirm" })
    const permissionId = completed.body.chargePermissionId
    expect((await api.get(`chargePermissions/${permissionId}`)).body.buyer).not.toBeNull()
    sandbox.advanceClock(31 * DAY)
    const later = await api.send("GET", `chargePermissions/${permissionId}`, undefined, at())
    expect(later.body.buyer).toBeNull()
    expect(later.body.statusDetails.state).toBe("Chargeable")
    sandbox.advanceClock(150 * DAY)
    const closed = await api.send("GET", `chargePermissions/${permissionId}`, undefined, at())
    expect(closed.body.statusDetails).toMatchObject({ state: "Closed", reasons: [{ reasonCode: "Expired" }] })
  })

  it("sends an IPN for every state change of charge permission, charge and refund", async () => {
    const { completed } = await checkout(api, { amount: "20.00" })
    const { chargeId, chargePermissionId } = completed.body
    await api.post(`charges/${chargeId}/capture`, { captureAmount: usd("20.00") })
    const refund = await api.post("refunds", { chargeId, refundAmount: usd("5.00") })
    await waitFor(() => api.get(`refunds/${refund.body.refundId}`), (r) => r.body.statusDetails.state === "Refunded")
    await sandbox.ipn.drain(5_000)
    const seen = received.map((m) => `${m.ObjectType}:${m.ObjectId}`)
    expect(seen).toEqual([
      `CHARGE_PERMISSION:${chargePermissionId}`,
      `CHARGE:${chargeId}`, // Authorized
      `CHARGE:${chargeId}`, // Captured
      `CHARGE_PERMISSION:${chargePermissionId}`, // Closed: fully captured
      `REFUND:${refund.body.refundId}`, // RefundInitiated
      `REFUND:${refund.body.refundId}`, // Refunded
    ])
    expect(new Set(received.map((m) => m.ChargePermissionId))).toEqual(new Set([chargePermissionId]))
    expect(received[0].MerchantID).toBe("MERCHANT-1")
    const log = await control(sandbox.url, "GET", "/sandbox/ipn/deliveries")
    expect(log.body.deliveries).toHaveLength(6)
    const cert = await fetch(`${sandbox.url}/sandbox/ipn/cert.pem`)
    expect(await cert.text()).toContain("BEGIN CERTIFICATE")
  })

  it("settles pending states in real time on its own tick, without further requests", async () => {
    const { completed } = await checkout(api, { paymentIntent: "AuthorizeWithCapture" })
    await api.post("refunds", { chargeId: completed.body.chargeId, refundAmount: usd("1.00") })
    // Only the programmatic ledger is read here: no HTTP request triggers the transition.
    const refunded = await waitFor(
      async () => sandbox.ledger().totals.USD.refunded,
      (value) => value === "1.00",
      2_000
    )
    expect(refunded).toBe("1.00")
  })

  it("sends IPNs for transitions applied by the clock", async () => {
    const { completed } = await checkout(api)
    await sandbox.ipn.drain(5_000)
    received = []
    sandbox.advanceClock(30 * DAY + 1)
    await sandbox.ipn.drain(5_000)
    expect(received.map((m) => `${m.ObjectType}:${m.ObjectId}`)).toEqual([`CHARGE:${completed.body.chargeId}`])
  })
})

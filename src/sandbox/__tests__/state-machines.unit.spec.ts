import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../index"
import { SignedApi, checkout, usd, waitFor } from "./support/signed-api"

describe("sandbox state machines and simulation codes", () => {
  const credentials = generateSandboxCredentials()
  let sandbox: AmazonPaySandbox
  let api: SignedApi

  beforeAll(async () => {
    sandbox = await startAmazonPaySandbox({ publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem }, pendingDelayMs: 40 })
    api = new SignedApi(sandbox.url, credentials.publicKeyId, credentials.privateKeyPem)
  })
  afterEach(() => sandbox.reset())
  afterAll(() => sandbox.close())

  const state = async (resource: string) => (await api.get(resource)).body.statusDetails
  const settled = (resource: string, from: string) =>
    waitFor(() => state(resource), (s) => s.state !== from)

  describe("Complete Checkout Session", () => {
    it.each([
      ["buyerCanceled", undefined, "BuyerCanceled"],
      ["declined", undefined, "Declined"],
      ["success", "BuyerCanceled", "BuyerCanceled"],
      ["success", "AmazonCanceled", "AmazonCanceled"],
      ["success", "Declined", "Declined"],
    ])("outcome %s with simulation %s cancels the session (%s)", async (outcome, simulationCode, reasonCode) => {
      const { checkoutSessionId, completed } = await checkout(api, { outcome, simulationCode })
      expect([completed.status, completed.body.reasonCode]).toEqual([422, "CheckoutSessionCanceled"])
      expect(await state(`checkoutSessions/${checkoutSessionId}`)).toMatchObject({ state: "Canceled", reasonCode })
      expect(sandbox.ledger().chargePermissions).toEqual({})
    })

    it("pendingThenAuthorized answers 202 and the charge settles Authorized", async () => {
      const { completed } = await checkout(api, { outcome: "pendingThenAuthorized", canHandlePendingAuthorization: true })
      expect(completed.status).toBe(202)
      const chargeId = completed.body.chargeId
      expect((await state(`charges/${chargeId}`)).state).toBe("AuthorizationInitiated")
      expect((await settled(`charges/${chargeId}`, "AuthorizationInitiated")).state).toBe("Authorized")
    })

    it("pendingThenDeclined settles HardDeclined and makes the permission NonChargeable", async () => {
      const { completed } = await checkout(api, { outcome: "pendingThenDeclined", canHandlePendingAuthorization: true })
      expect(completed.status).toBe(202)
      expect(await settled(`charges/${completed.body.chargeId}`, "AuthorizationInitiated")).toMatchObject({
        state: "Declined",
        reasonCode: "HardDeclined",
      })
      const permission = await state(`chargePermissions/${completed.body.chargePermissionId}`)
      expect(permission).toMatchObject({
        state: "NonChargeable",
        reasons: [{ reasonCode: "PaymentMethodInvalid", reasonDescription: "The last charge was HardDeclined" }],
      })
    })

    it("without canHandlePendingAuthorization pending outcomes resolve at once (success / decline)", async () => {
      const authorized = await checkout(api, { outcome: "pendingThenAuthorized" })
      expect(authorized.completed.status).toBe(200)
      expect((await state(`charges/${authorized.completed.body.chargeId}`)).state).toBe("Authorized")
      const declined = await checkout(api, { outcome: "pendingThenDeclined" })
      expect(declined.completed.body.reasonCode).toBe("CheckoutSessionCanceled")
    })

    it("simulation AuthorizationInitiated needs canHandlePendingAuthorization", async () => {
      const refused = await checkout(api, { simulationCode: "AuthorizationInitiated" })
      expect(refused.completed.body.reasonCode).toBe("InvalidSandboxSimulationSpecified")
      const pending = await checkout(api, { simulationCode: "AuthorizationInitiated", canHandlePendingAuthorization: true })
      expect(pending.completed.status).toBe(202)
    })
  })

  describe("Charge", () => {
    async function confirmPermission(amount = "100.00"): Promise<string> {
      return (await checkout(api, { paymentIntent: "Confirm", amount })).completed.body.chargePermissionId
    }

    it.each([
      ["HardDeclined", 422, "NonChargeable"],
      ["AmazonRejected", 422, "NonChargeable"],
      ["SoftDeclined", 422, "Chargeable"],
      ["TransactionTimedOut", 408, "Chargeable"],
    ])("Create Charge simulation %s is an HTTP %i error without a charge id; permission %s", async (code, status, permissionState) => {
      const permissionId = await confirmPermission()
      const charge = await api.post("charges", { chargePermissionId: permissionId, chargeAmount: usd("10.00") }, { simulationCode: code })
      expect(charge.status).toBe(status)
      expect(Object.keys(charge.body).sort()).toEqual(["message", "reasonCode"])
      expect(charge.body.reasonCode).toBe(code)
      expect((await state(`chargePermissions/${permissionId}`)).state).toBe(permissionState)
      expect(sandbox.ledger().chargePermissions[permissionId]).toMatchObject({
        authorized: "0.00",
        charges: [],
        declinedAttempts: [{ chargeAmount: "10.00", reasonCode: code }],
      })
    })

    it("chargeDeclineStyle declined-charge keeps the older shape: 201 with a Declined charge", async () => {
      sandbox.configure({ chargeDeclineStyle: "declined-charge" })
      const permissionId = await confirmPermission()
      const charge = await api.post("charges", { chargePermissionId: permissionId, chargeAmount: usd("10.00") }, { simulationCode: "HardDeclined" })
      expect(charge.status).toBe(201)
      expect(charge.body.statusDetails).toMatchObject({ state: "Declined", reasonCode: "HardDeclined" })
      expect((await state(`charges/${charge.body.chargeId}`)).state).toBe("Declined")
      expect((await state(`chargePermissions/${permissionId}`)).state).toBe("NonChargeable")
    })

    it("Create Charge CaptureInitiated settles Captured; canHandlePendingAuthorization goes AuthorizationInitiated first", async () => {
      const permissionId = await confirmPermission()
      const refused = await api.post("charges", { chargePermissionId: permissionId, chargeAmount: usd("5.00") }, { simulationCode: "CaptureInitiated" })
      expect(refused.body.reasonCode).toBe("InvalidSandboxSimulationSpecified")
      const pendingCapture = await api.post(
        "charges",
        { chargePermissionId: permissionId, chargeAmount: usd("10.00"), captureNow: true },
        { simulationCode: "CaptureInitiated" }
      )
      expect(pendingCapture.body.statusDetails.state).toBe("CaptureInitiated")
      expect(sandbox.ledger().totals.USD.captured).toBe("0.00")
      expect((await settled(`charges/${pendingCapture.body.chargeId}`, "CaptureInitiated")).state).toBe("Captured")
      expect(sandbox.ledger().totals.USD.captured).toBe("10.00")

      const pendingAuth = await api.post("charges", {
        chargePermissionId: permissionId,
        chargeAmount: usd("10.00"),
        canHandlePendingAuthorization: true,
      })
      expect(pendingAuth.body.statusDetails.state).toBe("AuthorizationInitiated")
      expect((await settled(`charges/${pendingAuth.body.chargeId}`, "AuthorizationInitiated")).state).toBe("Authorized")
    })

    it("a pending-capable charge with a decline simulation goes AuthorizationInitiated, then Declined", async () => {
      const permissionId = await confirmPermission()
      const charge = await api.post(
        "charges",
        { chargePermissionId: permissionId, chargeAmount: usd("10.00"), canHandlePendingAuthorization: true },
        { simulationCode: "HardDeclined" }
      )
      expect(charge.body.statusDetails.state).toBe("AuthorizationInitiated")
      expect(await settled(`charges/${charge.body.chargeId}`, "AuthorizationInitiated")).toMatchObject({
        state: "Declined",
        reasonCode: "HardDeclined",
      })
      expect((await state(`chargePermissions/${permissionId}`)).state).toBe("NonChargeable")
    })

    it("canceling an AuthorizationInitiated charge wins over the pending result", async () => {
      const permissionId = await confirmPermission()
      const charge = await api.post("charges", { chargePermissionId: permissionId, chargeAmount: usd("10.00"), canHandlePendingAuthorization: true })
      const canceled = await api.delete(`charges/${charge.body.chargeId}/cancel`, {})
      expect(canceled.body.statusDetails).toMatchObject({ state: "Canceled", reasonCode: "MerchantCanceled" })
      sandbox.advanceClock(60_000)
      expect((await state(`charges/${charge.body.chargeId}`)).state).toBe("Canceled")
      expect(sandbox.ledger().chargePermissions[permissionId].authorized).toBe("0.00")
    })

    it("Capture Charge simulations CaptureInitiated and AmazonRejected; Cancel Charge", async () => {
      const permissionId = await confirmPermission()
      const create = () => api.post("charges", { chargePermissionId: permissionId, chargeAmount: usd("10.00") })
      const a = (await create()).body.chargeId
      const pending = await api.post(`charges/${a}/capture`, { captureAmount: usd("8.00") }, { simulationCode: "CaptureInitiated" })
      expect(pending.body.statusDetails.state).toBe("CaptureInitiated")
      expect((await settled(`charges/${a}`, "CaptureInitiated")).state).toBe("Captured")
      expect((await api.get(`charges/${a}`)).body.captureAmount).toEqual(usd("8.00"))

      const c = (await create()).body.chargeId
      const canceled = await api.delete(`charges/${c}/cancel`, { cancellationReason: "customer asked" })
      expect(canceled.body.statusDetails).toMatchObject({ state: "Canceled", reasonCode: "MerchantCanceled", reasonDescription: "customer asked" })

      // A rejected capture is an HTTP error too; the charge (whose id the merchant has) reads Declined
      // and, as for an AmazonRejected authorization, the permission becomes NonChargeable.
      const b = (await create()).body.chargeId
      const rejected = await api.post(`charges/${b}/capture`, { captureAmount: usd("10.00") }, { simulationCode: "AmazonRejected" })
      expect([rejected.status, rejected.body.reasonCode]).toEqual([422, "AmazonRejected"])
      expect(await state(`charges/${b}`)).toMatchObject({ state: "Declined", reasonCode: "AmazonRejected" })
      expect((await state(`chargePermissions/${permissionId}`)).state).toBe("NonChargeable")
      expect(sandbox.ledger().chargePermissions[permissionId]).toMatchObject({ authorized: "30.00", captured: "8.00" })
    })

    it("a capture more than 7 days after authorization goes CaptureInitiated", async () => {
      const { completed } = await checkout(api)
      sandbox.advanceClock(8 * 24 * 3600_000)
      const captured = await api.post(`charges/${completed.body.chargeId}/capture`, { captureAmount: usd("14.00") }, { date: sandbox.now() })
      expect(captured.body.statusDetails.state).toBe("CaptureInitiated")
      sandbox.advanceClock(1_000)
      expect(sandbox.ledger().totals.USD.captured).toBe("14.00")
    })
  })

  describe("Close Charge Permission", () => {
    it("cancelPendingCharges cancels open authorizations with ChargePermissionCanceled", async () => {
      const { completed } = await checkout(api)
      const closed = await api.delete(`chargePermissions/${completed.body.chargePermissionId}/close`, {
        closureReason: "order canceled",
        cancelPendingCharges: true,
      })
      expect(closed.body.statusDetails).toMatchObject({
        state: "Closed",
        reasons: [{ reasonCode: "MerchantClosed", reasonDescription: "order canceled" }],
      })
      expect(await state(`charges/${completed.body.chargeId}`)).toMatchObject({ state: "Canceled", reasonCode: "ChargePermissionCanceled" })
      const update = await api.patch(`chargePermissions/${completed.body.chargePermissionId}`, { merchantMetadata: { noteToBuyer: "x" } })
      expect(update.body.reasonCode).toBe("InvalidChargePermissionStatus")
    })

    it("without cancelPendingCharges the authorization stays capturable; AmazonClosed simulation", async () => {
      const { completed } = await checkout(api)
      await api.delete(`chargePermissions/${completed.body.chargePermissionId}/close`, { closureReason: "done" })
      expect((await api.post(`charges/${completed.body.chargeId}/capture`, { captureAmount: usd("14.00") })).status).toBe(200)
      const other = await checkout(api)
      const closed = await api.delete(`chargePermissions/${other.completed.body.chargePermissionId}/close`, {}, { simulationCode: "AmazonClosed" })
      expect(closed.body.statusDetails.reasons[0].reasonCode).toBe("AmazonClosed")
    })
  })

  describe("Refund", () => {
    it("several refunds per charge; RefundDeclined (sandbox-only) ends Declined and moves no money", async () => {
      const { completed } = await checkout(api, { paymentIntent: "AuthorizeWithCapture", amount: "50.00" })
      const chargeId = completed.body.chargeId
      const r1 = await api.post("refunds", { chargeId, refundAmount: usd("10.00") })
      const r2 = await api.post("refunds", { chargeId, refundAmount: usd("5.00") }, { simulationCode: "RefundDeclined" })
      const r3 = await api.post("refunds", { chargeId, refundAmount: usd("20.00") })
      expect((await settled(`refunds/${r1.body.refundId}`, "RefundInitiated")).state).toBe("Refunded")
      expect(await settled(`refunds/${r2.body.refundId}`, "RefundInitiated")).toMatchObject({ state: "Declined", reasonCode: "AmazonRejected" })
      expect((await settled(`refunds/${r3.body.refundId}`, "RefundInitiated")).state).toBe("Refunded")
      expect((await api.get(`charges/${chargeId}`)).body.refundedAmount).toEqual(usd("30.00"))
      expect(sandbox.ledger().totals.USD).toEqual({ authorized: "50.00", captured: "50.00", refunded: "30.00", chargebacks: "0.00" })
    })
  })
})

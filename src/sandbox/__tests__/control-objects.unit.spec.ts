import type { AmazonPaySandbox } from "../index"
import { SignedApi, checkout, control, startSignedSandbox } from "./support/signed-api"

describe("sandbox control endpoints for chargebacks and settings", () => {
  let sandbox: AmazonPaySandbox
  let api: SignedApi

  beforeAll(async () => {
    ;({ sandbox, api } = await startSignedSandbox({ pendingDelayMs: 20, updateAfterRedirect: "reconfirm" }))
  })
  afterEach(() => sandbox.reset())
  afterAll(() => sandbox.close())

  it("opens, lists and resolves chargebacks over HTTP; bad input changes nothing", async () => {
    const { completed } = await checkout(api, { amount: "30.00", paymentIntent: "AuthorizeWithCapture" })
    const chargeId = completed.body.chargeId
    for (const bad of [{ chargeId, amount: "30.01" }, { chargeId, amount: "-1" }, { chargeId, surprise: true }, { chargeId, filingReason: "Bored" }]) {
      const refused = await control(sandbox.url, "POST", "/sandbox/chargebacks", bad)
      expect(refused.status).toBe(400)
    }
    expect((await control(sandbox.url, "GET", "/sandbox/chargebacks")).body.chargebacks).toEqual([])
    const opened = await control(sandbox.url, "POST", "/sandbox/chargebacks", { chargeId, amount: "12.50" })
    expect(opened.status).toBe(201)
    expect(opened.body).toMatchObject({ chargeId, disputeAmount: { amount: "12.50", currencyCode: "USD" }, statusDetails: { state: "ActionRequired" } })
    const disputeId = opened.body.disputeId
    expect((await api.get(`disputes/${disputeId}`)).body).toEqual(opened.body)
    expect((await control(sandbox.url, "GET", "/sandbox/chargebacks")).body.chargebacks).toEqual([opened.body])

    const badResolution = await control(sandbox.url, "POST", `/sandbox/chargebacks/${disputeId}/resolve`, { resolution: "Nobody" })
    expect(badResolution.status).toBe(400)
    const resolved = await control(sandbox.url, "POST", `/sandbox/chargebacks/${disputeId}/resolve`, { resolution: "BuyerWon" })
    expect(resolved.body.statusDetails).toMatchObject({ state: "Resolved", resolution: "BuyerWon", reasonCode: "BuyerWon" })
    const again = await control(sandbox.url, "POST", `/sandbox/chargebacks/${disputeId}/resolve`, { resolution: "MerchantWon" })
    expect([again.status, again.body.reasonCode]).toEqual([422, "InvalidDisputeStatus"])
    const ledger = sandbox.ledger().chargePermissions[completed.body.chargePermissionId]
    expect(ledger).toMatchObject({ chargebacks: "12.50", disputes: [{ disputeId, state: "Resolved", resolution: "BuyerWon", disputeAmount: "12.50" }] })
  })

  it("reads and changes the readings; a bad change changes nothing; reset restores the start options", async () => {
    expect((await control(sandbox.url, "GET", "/sandbox/settings")).body).toEqual({
      chargeDeclineStyle: "error",
      updateAfterRedirect: "reconfirm",
      pendingWithCapture: "refuse",
    })
    const bad = await control(sandbox.url, "POST", "/sandbox/settings", { chargeDeclineStyle: "declined-charge", pendingWithCapture: "maybe" })
    expect([bad.status, bad.body.reasonCode]).toEqual([400, "InvalidParameterValue"])
    expect(sandbox.settings().chargeDeclineStyle).toBe("error")
    const changed = await control(sandbox.url, "POST", "/sandbox/settings", { pendingWithCapture: "allow", updateAfterRedirect: "refuse" })
    expect(changed.body).toEqual({ chargeDeclineStyle: "error", updateAfterRedirect: "refuse", pendingWithCapture: "allow" })
    // "allow": a pending-capable AuthorizeWithCapture checkout is accepted and answered synchronously.
    const { completed } = await checkout(api, { paymentIntent: "AuthorizeWithCapture", canHandlePendingAuthorization: true })
    expect(completed.status).toBe(200)
    sandbox.reset()
    expect(sandbox.settings()).toEqual({ chargeDeclineStyle: "error", updateAfterRedirect: "reconfirm", pendingWithCapture: "refuse" })
  })
})

import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../index"
import { SignedApi, checkout, control } from "./support/signed-api"

describe("sandbox Delivery Trackers", () => {
  const credentials = generateSandboxCredentials()
  const otherMerchant = generateSandboxCredentials()
  let sandbox: AmazonPaySandbox
  let api: SignedApi
  let otherApi: SignedApi

  beforeAll(async () => {
    sandbox = await startAmazonPaySandbox({
      publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem, [otherMerchant.publicKeyId]: otherMerchant.publicKeyPem },
      publicKeyMerchants: { [otherMerchant.publicKeyId]: "OTHER-MERCHANT" },
      carrierCodes: ["ACME_FREIGHT"],
    })
    api = new SignedApi(sandbox.url, credentials.publicKeyId, credentials.privateKeyPem)
    otherApi = new SignedApi(sandbox.url, otherMerchant.publicKeyId, otherMerchant.privateKeyPem)
  })
  afterEach(() => sandbox.reset())
  afterAll(() => sandbox.close())

  const permission = async () => (await checkout(api, { paymentIntent: "AuthorizeWithCapture" })).completed.body.chargePermissionId as string
  const expectRefused = (response: { status: number; body: any }, reasonCode: string) =>
    expect([response.status, response.body.reasonCode]).toEqual([400, reasonCode])

  it("takes the documented body, echoes it with 200 and records every tracking number", async () => {
    const chargePermissionId = await permission()
    const body = { chargePermissionId, deliveryDetails: [{ trackingNumber: "1Z999AA10123456784", carrierCode: "UPS" }] }
    const created = await api.post("deliveryTrackers", body, { idempotencyKey: null })
    expect([created.status, created.body]).toEqual([200, body])
    // amazonOrderReferenceId may carry a Charge Permission id (official Node SDK docs); the permission
    // is Closed here (fully captured), which does not stop shipping notifications.
    const viaReference = { amazonOrderReferenceId: chargePermissionId, deliveryDetails: [{ trackingNumber: "9400100000000000000000", carrierCode: "USPS" }] }
    expect((await api.post("deliveryTrackers", viaReference)).body).toEqual(viaReference)
    const listed = await control(sandbox.url, "GET", "/sandbox/delivery-trackers")
    expect(listed.body.deliveryTrackers).toEqual([
      expect.objectContaining({ chargePermissionId, trackingNumber: "1Z999AA10123456784", carrierCode: "UPS", merchantId: "SANDBOX-MERCHANT" }),
      expect.objectContaining({ amazonOrderReferenceId: chargePermissionId, trackingNumber: "9400100000000000000000", carrierCode: "USPS" }),
    ])
    expect(sandbox.deliveryTrackers()).toEqual(listed.body.deliveryTrackers)
  })

  it("uses a tracking number once, across permissions and within one request", async () => {
    const first = await permission()
    const second = await permission()
    const tracker = (chargePermissionId: string, ...numbers: string[]) => ({
      chargePermissionId,
      deliveryDetails: numbers.map((trackingNumber) => ({ trackingNumber, carrierCode: "FEDEX" })),
    })
    expect((await api.post("deliveryTrackers", tracker(first, "777"))).status).toBe(200)
    expectRefused(await api.post("deliveryTrackers", tracker(first, "777")), "InvalidParameterValue")
    expectRefused(await api.post("deliveryTrackers", tracker(second, "777")), "InvalidParameterValue")
    expectRefused(await api.post("deliveryTrackers", tracker(second, "888", "888")), "InvalidParameterValue")
    // A refused request records nothing: 888 is still free.
    expect((await api.post("deliveryTrackers", tracker(second, "888"))).status).toBe(200)
    expect(sandbox.deliveryTrackers().map((t) => t.trackingNumber)).toEqual(["777", "888"])
  })

  it("refuses unknown carriers, other merchants' permissions and malformed bodies", async () => {
    const chargePermissionId = await permission()
    const details = (carrierCode: string, trackingNumber = "T-1") => [{ trackingNumber, carrierCode }]
    expectRefused(await api.post("deliveryTrackers", { chargePermissionId, deliveryDetails: details("PIGEON") }), "InvalidParameterValue")
    expect((await api.post("deliveryTrackers", { chargePermissionId, deliveryDetails: details("ACME_FREIGHT") })).status).toBe(200)
    expectRefused(await otherApi.post("deliveryTrackers", { chargePermissionId, deliveryDetails: details("UPS", "T-2") }), "InvalidParameterValue")
    expectRefused(
      await api.post("deliveryTrackers", { chargePermissionId: "S01-0000000-0000000", deliveryDetails: details("UPS", "T-2") }),
      "InvalidParameterValue"
    )
    expectRefused(
      await api.post("deliveryTrackers", { chargePermissionId, amazonOrderReferenceId: chargePermissionId, deliveryDetails: details("UPS", "T-2") }),
      "InvalidParameterValue"
    )
    expectRefused(await api.post("deliveryTrackers", { deliveryDetails: details("UPS", "T-2") }), "MissingParameterValue")
    expectRefused(await api.post("deliveryTrackers", { chargePermissionId, deliveryDetails: [] }), "InvalidParameterValue")
    expect(sandbox.deliveryTrackers().map((t) => t.trackingNumber)).toEqual(["T-1"])
  })
})

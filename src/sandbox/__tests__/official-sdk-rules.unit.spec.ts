/**
 * Conformance with the official Node SDK (2.3.4): idempotent replays of first answers (a failure
 * included, 25 hours later, from another key id of the merchant), the refusals where Amazon allows
 * a parameter only in one combination, updates after the buyer was redirected, and Delivery Trackers
 * with the documented body.
 */
import { randomUUID } from "node:crypto"
import { generateSandboxCredentials, type AmazonPaySandbox } from "../index"
import { STORE_ID, failure, keyed, openPage, sdkCheckout, sdkFor, startHttpsSandbox, usd } from "./support/official-sdk-sandbox"

describe("official Node SDK: idempotency, refusals, Delivery Trackers", () => {
  const credentials = generateSandboxCredentials()
  const secondKey = generateSandboxCredentials()
  let sandbox: AmazonPaySandbox
  let close: () => Promise<void>
  const client = () => sdkFor(sandbox, credentials)

  beforeAll(async () => {
    ;({ sandbox, close } = await startHttpsSandbox({
      publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem, [secondKey.publicKeyId]: secondKey.publicKeyPem },
      pendingDelayMs: 20,
    }))
  })
  afterEach(() => sandbox.reset())
  afterAll(() => close())

  const session = (paymentDetails: Record<string, unknown>) => ({
    webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" },
    storeId: STORE_ID,
    paymentDetails,
  })

  it("replays a key's first answer, a decline included, 25 hours later and from another key id of the merchant", async () => {
    const sdk = client()
    const { completed } = await sdkCheckout(sdk, sandbox, { paymentIntent: "Confirm" })
    const body = { chargePermissionId: completed.data.chargePermissionId, chargeAmount: usd("5.00"), captureNow: true }
    const declinedKey = keyed()
    const declined = await failure(sdk.createCharge(body, { ...declinedKey, "x-amz-pay-simulation-code": "SoftDeclined" }))
    expect([declined.status, declined.data.reasonCode]).toEqual([422, "SoftDeclined"])
    const capturedKey = keyed()
    const captured = await sdk.createCharge(body, capturedKey)
    sandbox.advanceClock(25 * 3600_000)
    // The simulation header is not part of the request's identity: the replay is the stored decline.
    expect(await failure(sdk.createCharge(body, declinedKey))).toEqual(declined)
    const replay = await sdkFor(sandbox, secondKey).createCharge(body, capturedKey)
    expect([replay.status, replay.data]).toEqual([201, captured.data])
    expect(sandbox.ledger().chargePermissions[body.chargePermissionId]).toMatchObject({
      captured: "5.00",
      declinedAttempts: [{ chargeAmount: "5.00", reasonCode: "SoftDeclined" }],
    })
  })

  it("refuses softDescriptor and canHandlePendingAuthorization unless paymentIntent allows them", async () => {
    const sdk = client()
    for (const paymentIntent of ["Authorize", "Confirm"]) {
      const refused = await failure(sdk.createCheckoutSession(session({ paymentIntent, chargeAmount: usd("9.00"), softDescriptor: "SHOP" }), keyed()))
      expect([refused.status, refused.data.reasonCode]).toEqual([400, "InvalidParameterValue"])
    }
    const accepted = await sdk.createCheckoutSession(session({ paymentIntent: "AuthorizeWithCapture", chargeAmount: usd("9.00"), softDescriptor: "SHOP" }), keyed())
    expect(accepted.data.paymentDetails.softDescriptor).toBe("SHOP")
    const id = accepted.data.checkoutSessionId
    const toAuthorize = await failure(sdk.updateCheckoutSession(id, { paymentDetails: { paymentIntent: "Authorize" } }))
    expect([toAuthorize.status, toAuthorize.data.reasonCode]).toEqual([400, "InvalidParameterValue"])
    const pending = await failure(sdk.updateCheckoutSession(id, { paymentDetails: { canHandlePendingAuthorization: true } }))
    expect([pending.status, pending.data.reasonCode]).toEqual([400, "InvalidParameterValue"])
    // Nothing changed.
    expect((await sdk.getCheckoutSession(id)).data.paymentDetails).toMatchObject({ paymentIntent: "AuthorizeWithCapture", softDescriptor: "SHOP" })
    const withPending = await sdk.createCheckoutSession(session({ paymentIntent: "Authorize", canHandlePendingAuthorization: true }), keyed())
    expect(withPending.status).toBe(201)

    const { completed } = await sdkCheckout(sdk, sandbox, { paymentIntent: "Confirm" })
    const pendingCapture = await failure(
      sdk.createCharge({ chargePermissionId: completed.data.chargePermissionId, chargeAmount: usd("5.00"), captureNow: true, canHandlePendingAuthorization: true }, keyed())
    )
    expect([pendingCapture.status, pendingCapture.data.reasonCode]).toEqual([400, "InvalidParameterValue"])
  })

  it("refuses Update Checkout Session once the buyer was redirected to amazonPayRedirectUrl", async () => {
    const sdk = client()
    const created = await sdk.createCheckoutSession(session({}), keyed())
    const id = created.data.checkoutSessionId
    sandbox.approveCheckoutSession(id)
    const updated = await sdk.updateCheckoutSession(id, {
      webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/result" },
      paymentDetails: { paymentIntent: "Authorize", chargeAmount: usd("10.00") },
    })
    // The buyer's browser opens amazonPayRedirectUrl: from now on the details are fixed.
    expect(await openPage(updated.data.webCheckoutDetails.amazonPayRedirectUrl)).toBe(200)
    for (const change of [
      { paymentDetails: { chargeAmount: usd("12.00") } },
      { webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/other" } },
      { merchantMetadata: { merchantReferenceId: "late" } },
    ]) {
      const refused = await failure(sdk.updateCheckoutSession(id, change))
      expect([refused.status, refused.data.reasonCode]).toEqual([422, "InvalidCheckoutSessionStatus"])
    }
    expect((await sdk.getCheckoutSession(id)).data.paymentDetails.chargeAmount).toEqual(usd("10.00"))
  })

  it("creates Delivery Trackers with the documented body, echoed with 200; a tracking number is used once", async () => {
    const sdk = client()
    const { completed } = await sdkCheckout(sdk, sandbox, { paymentIntent: "AuthorizeWithCapture" })
    const body = {
      chargePermissionId: completed.data.chargePermissionId,
      deliveryDetails: [{ trackingNumber: `1Z${randomUUID().slice(0, 12)}`, carrierCode: "UPS" }],
    }
    const created = await sdk.deliveryTrackers(body)
    expect([created.status, created.data]).toEqual([200, body])
    const again = await failure(sdk.deliveryTrackers(body))
    expect([again.status, again.data.reasonCode]).toEqual([400, "InvalidParameterValue"])
    const unknownCarrier = await failure(sdk.deliveryTrackers({ ...body, deliveryDetails: [{ trackingNumber: "X-1", carrierCode: "CARRIER_PIGEON" }] }))
    expect([unknownCarrier.status, unknownCarrier.data.reasonCode]).toEqual([400, "InvalidParameterValue"])
    expect(sandbox.deliveryTrackers()).toEqual([expect.objectContaining({ ...body.deliveryDetails[0], chargePermissionId: body.chargePermissionId })])
  })
})

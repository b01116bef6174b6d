/**
 * Conformance with the official Node SDK (2.3.4) against the sandbox: the response keys the SDK's own
 * integration tests expect from Amazon (support/sdk-response-keys.ts), the Completed-session nulls
 * of "Verify & complete checkout", and a declined Create Charge answered as an HTTP error.
 */
import { generateSandboxCredentials, type AmazonPaySandbox } from "../index"
import {
  CHARGE_KEYS,
  CHARGE_PERMISSION_KEYS,
  CHECKOUT_SESSION_KEYS,
  FINALIZED_CHECKOUT_SESSION_KEYS,
  REFUND_KEYS,
} from "./support/sdk-response-keys"
import { STORE_ID, failure, keyed, sdkCheckout, sdkFor, startHttpsSandbox, usd } from "./support/official-sdk-sandbox"

describe("official Node SDK: response shapes and declines", () => {
  const credentials = generateSandboxCredentials()
  let sandbox: AmazonPaySandbox
  let close: () => Promise<void>
  const client = () => sdkFor(sandbox, credentials)

  beforeAll(async () => {
    ;({ sandbox, close } = await startHttpsSandbox({ publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem }, pendingDelayMs: 20 }))
  })
  afterEach(() => sandbox.reset())
  afterAll(() => close())

  it("answers Checkout Session, Charge Permission, Charge and Refund with the keys the SDK's integration tests expect", async () => {
    const sdk = client()
    const { created, fetched, updated, completed } = await sdkCheckout(sdk, sandbox, { paymentIntent: "Authorize" })
    for (const session of [created, fetched, updated, completed]) {
      expect(Object.keys(session.data)).toEqual(CHECKOUT_SESSION_KEYS)
    }
    expect(updated.data).toMatchObject({ chargePermissionType: "OneTime", orderType: null, tokens: null, checkoutButtonText: null })
    const { chargePermissionId, chargeId } = completed.data
    const permission = await sdk.getChargePermission(chargePermissionId)
    expect(Object.keys(permission.data)).toEqual(CHARGE_PERMISSION_KEYS)
    expect(permission.data).toMatchObject({
      presentmentCurrency: "USD",
      recurringMetadata: null,
      paymentPreferences: [{ paymentDescriptor: expect.any(String) }],
    })
    const charge = await sdk.getCharge(chargeId)
    expect(Object.keys(charge.data)).toEqual(CHARGE_KEYS)
    const captured = await sdk.captureCharge(chargeId, { captureAmount: usd("20.00") }, keyed())
    expect(Object.keys(captured.data)).toEqual(CHARGE_KEYS)
    const created2 = await sdk.createRefund({ chargeId, refundAmount: usd("5.00") }, keyed())
    expect(Object.keys(created2.data)).toEqual(REFUND_KEYS)
    expect(Object.keys((await sdk.getRefund(created2.data.refundId)).data)).toEqual(REFUND_KEYS)
  })

  it("answers a Completed session with only its ids, state and creation time; Finalize adds cartDetails", async () => {
    const sdk = client()
    const { id, completed } = await sdkCheckout(sdk, sandbox)
    const read = await sdk.getCheckoutSession(id)
    for (const session of [completed.data, read.data]) {
      const present = Object.entries(session).filter(([, value]) => value !== null).map(([key]) => key)
      expect(present).toEqual(["checkoutSessionId", "statusDetails", "chargePermissionId", "chargeId", "creationTimestamp"])
      expect(session).toMatchObject({ productType: null, constraints: null, expirationTimestamp: null, statusDetails: { state: "Completed" } })
    }
    const buyNow = await sdk.createCheckoutSession(
      { webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" }, storeId: STORE_ID },
      keyed()
    )
    sandbox.approveCheckoutSession(buyNow.data.checkoutSessionId)
    const finalized = await sdk.finalizeCheckoutSession(buyNow.data.checkoutSessionId, { chargeAmount: usd("7.00"), paymentIntent: "Confirm" })
    expect(Object.keys(finalized.data)).toEqual(FINALIZED_CHECKOUT_SESSION_KEYS)
  })

  it.each([
    ["SoftDeclined", 422, "Chargeable"],
    ["HardDeclined", 422, "NonChargeable"],
    ["AmazonRejected", 422, "NonChargeable"],
    ["TransactionTimedOut", 408, "Chargeable"],
  ])("answers a %s Create Charge with HTTP %i and the reasonCode, leaving no charge id; permission %s", async (code, status, permissionState) => {
    const sdk = client()
    const { completed } = await sdkCheckout(sdk, sandbox, { paymentIntent: "Confirm" })
    const { chargePermissionId } = completed.data
    const declined = await failure(
      sdk.createCharge({ chargePermissionId, chargeAmount: usd("5.00"), captureNow: true }, keyed({ "x-amz-pay-simulation-code": code }))
    )
    expect(declined.status).toBe(status)
    expect(declined.data).toEqual({ reasonCode: code, message: expect.any(String) })
    expect((await sdk.getChargePermission(chargePermissionId)).data.statusDetails.state).toBe(permissionState)
    expect(sandbox.ledger().chargePermissions[chargePermissionId].charges).toEqual([])
  })

  it("answers a rejected capture with 422 AmazonRejected; the charge the merchant knows reads Declined", async () => {
    const sdk = client()
    const { completed } = await sdkCheckout(sdk, sandbox)
    const rejected = await failure(
      sdk.captureCharge(completed.data.chargeId, { captureAmount: usd("20.00") }, keyed({ "x-amz-pay-simulation-code": "AmazonRejected" }))
    )
    expect([rejected.status, rejected.data.reasonCode]).toEqual([422, "AmazonRejected"])
    expect((await sdk.getCharge(completed.data.chargeId)).data.statusDetails).toMatchObject({ state: "Declined", reasonCode: "AmazonRejected" })
  })
})

/**
 * Chargebacks end to end: the buyer's bank files one (control endpoint), Amazon Pay sends a
 * CHARGEBACK IPN (SNS SignatureVersion 1, verified with the client's SnsVerifier) whose ObjectId is the
 * Dispute id, and the merchant reads the Dispute with a signed GET through the official Node SDK
 * ("Manage disputes", API v2 "Dispute").
 */
import { SnsVerifier } from "../../lib/amazon-pay/sns-verifier"
import type { SnsEnvelope } from "../../lib/amazon-pay/types"
import { startTestServer, type TestServer } from "../../lib/amazon-pay/__tests__/sns-test-server"
import { generateSandboxCredentials, type AmazonPaySandbox } from "../index"
import { DISPUTE_KEYS } from "./support/sdk-response-keys"
import { failure, keyed, sdkCheckout, sdkFor, startHttpsSandbox, usd } from "./support/official-sdk-sandbox"

describe("official Node SDK: chargebacks", () => {
  const credentials = generateSandboxCredentials()
  const otherMerchant = generateSandboxCredentials()
  let sandbox: AmazonPaySandbox
  let close: () => Promise<void>
  let receiver: TestServer

  beforeAll(async () => {
    receiver = await startTestServer()
    ;({ sandbox, close } = await startHttpsSandbox({
      publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem, [otherMerchant.publicKeyId]: otherMerchant.publicKeyPem },
      publicKeyMerchants: { [otherMerchant.publicKeyId]: "OTHER-MERCHANT" },
      merchantId: "A1MERCHANT",
      ipnUrl: `${receiver.url}/ipn`,
      pendingDelayMs: 20,
    }))
  })
  afterAll(async () => {
    await close()
    await receiver.close()
  })

  /** The verified IPN messages of one object type, in arrival order. */
  async function messages(objectType: string) {
    await sandbox.ipn.drain(5_000)
    const verifier = new SnsVerifier({
      fetchCertificate: async () => sandbox.ipn.certificatePem,
      trustedSandboxCertUrls: [`${sandbox.url}/sandbox/ipn/cert.pem`],
    })
    const verified = await Promise.all(receiver.requests.map((r) => verifier.verifyIpn(r.body)))
    return verified.map((v) => v.message).filter((m) => m.ObjectType === objectType)
  }

  it("sends a CHARGEBACK IPN for the Dispute, which Get Dispute reads; the ledger counts the chargeback", async () => {
    const sdk = sdkFor(sandbox, credentials)
    const { completed } = await sdkCheckout(sdk, sandbox, { amount: "40.00", paymentIntent: "AuthorizeWithCapture" })
    const { chargeId, chargePermissionId } = completed.data
    const dispute = sandbox.openChargeback({ chargeId, amount: "25.00", filingReason: "Fraudulent" })
    expect(dispute.disputeId).toMatch(new RegExp(`^${chargePermissionId}-B\\d{7}$`))

    const [ipn] = await messages("CHARGEBACK")
    expect(ipn).toMatchObject({ MerchantID: "A1MERCHANT", ObjectId: dispute.disputeId, ChargePermissionId: chargePermissionId, NotificationType: "STATE_CHANGE" })
    expect(JSON.parse(receiver.requests.at(-1)!.body) as SnsEnvelope).toMatchObject({ SignatureVersion: "1" })

    const read = await sdk.apiCall({ method: "GET", urlFragment: `disputes/${ipn.ObjectId}` })
    expect(read.status).toBe(200)
    for (const key of DISPUTE_KEYS) {
      expect(read.data).toHaveProperty(key)
    }
    expect(read.data).toMatchObject({
      chargeId,
      disputeType: "Chargeback",
      disputeAmount: usd("25.00"),
      filingReason: "Fraudulent",
      statusDetails: { state: "ActionRequired", resolution: null },
      releaseEnvironment: "Sandbox",
    })
    // The Charge keeps its amounts; the money is taken from the merchant's account (ledger).
    expect((await sdk.getCharge(chargeId)).data).toMatchObject({ captureAmount: usd("40.00"), refundedAmount: usd("0.00") })
    expect(sandbox.ledger().chargePermissions[chargePermissionId]).toMatchObject({ captured: "40.00", chargebacks: "25.00" })
    const otherRead = await failure(sdkFor(sandbox, otherMerchant).apiCall({ method: "GET", urlFragment: `disputes/${dispute.disputeId}` }))
    expect([otherRead.status, otherRead.data.reasonCode]).toEqual([404, "ResourceNotFound"])

    sandbox.resolveChargeback(dispute.disputeId, "MerchantWon")
    expect(await messages("CHARGEBACK")).toHaveLength(2)
    expect((await sdk.apiCall({ method: "GET", urlFragment: `disputes/${dispute.disputeId}` })).data.statusDetails).toMatchObject({
      state: "Resolved",
      resolution: "MerchantWon",
    })
    expect(sandbox.ledger().totals.USD.chargebacks).toBe("0.00")
  })

  it("opens chargebacks only on Captured charges and for at most what is captured and not yet disputed", async () => {
    const sdk = sdkFor(sandbox, credentials)
    const authorized = await sdkCheckout(sdk, sandbox, { amount: "10.00", paymentIntent: "Authorize" })
    expect(() => sandbox.openChargeback({ chargeId: authorized.completed.data.chargeId })).toThrow(/only a Captured charge/)
    await sdk.captureCharge(authorized.completed.data.chargeId, { captureAmount: usd("10.00") }, keyed())
    const whole = sandbox.openChargeback({ chargeId: authorized.completed.data.chargeId })
    expect(whole.disputeAmount).toEqual(usd("10.00"))
    expect(() => sandbox.openChargeback({ chargeId: authorized.completed.data.chargeId, amount: "0.01" })).toThrow(/at most 0.00/)
    expect(() => sandbox.openChargeback({ chargeId: "S01-0000000-0000000-C0000000" })).toThrow(/not found/)
    expect(sandbox.ledger().totals.USD.chargebacks).toBe("10.00")
  })
})

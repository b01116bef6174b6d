/**
 * Conformance: Amazon's official Node SDK (2.3.4) drives every endpoint against the sandbox over
 * HTTPS, with both signature algorithms and both key id styles; requests whose body, path or a
 * signed header changed after signing are refused with 401.
 */
import { request } from "node:https"
import { randomUUID } from "node:crypto"
import type { SignatureAlgorithm } from "../../lib/amazon-pay/signer"
import { generateSandboxCredentials, type AmazonPaySandbox } from "../index"
import { keyed as key, sdkFor, startHttpsSandbox, tls, usd } from "./support/official-sdk-sandbox"

const modern = generateSandboxCredentials()
const legacy = generateSandboxCredentials({ publicKeyId: "AHEGSJCM3L2S637RBGABLAFW" })

const setups = [
  { name: "SANDBOX- key id, V2 algorithm (/v2)", credentials: modern, algorithm: "AMZN-PAY-RSASSA-PSS-V2" as SignatureAlgorithm },
  { name: "legacy key id, legacy algorithm (/sandbox/v2)", credentials: legacy, algorithm: "AMZN-PAY-RSASSA-PSS" as SignatureAlgorithm },
  { name: "SANDBOX- key id, legacy algorithm (/v2)", credentials: modern, algorithm: "AMZN-PAY-RSASSA-PSS" as SignatureAlgorithm },
  { name: "legacy key id, V2 algorithm (/sandbox/v2)", credentials: legacy, algorithm: "AMZN-PAY-RSASSA-PSS-V2" as SignatureAlgorithm },
] as const

/** Sends exactly what we give it (node:https, trusting the fixture certificate only). */
function rawHttps(sandbox: AmazonPaySandbox, method: string, path: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: sandbox.port, method, path, headers, ca: tls.cert },
      (res) => {
        const chunks: Buffer[] = []
        res.on("data", (c: Buffer) => chunks.push(c))
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || "null") }))
      }
    )
    req.on("error", reject)
    req.end(body)
  })
}

describe("official Amazon Pay Node SDK against the sandbox", () => {
  let sandbox: AmazonPaySandbox
  let close: () => Promise<void>

  beforeAll(async () => {
    ;({ sandbox, close } = await startHttpsSandbox({
      publicKeys: { [modern.publicKeyId]: modern.publicKeyPem, [legacy.publicKeyId]: legacy.publicKeyPem },
      pendingDelayMs: 20,
    }))
  })
  afterAll(() => close())

  const sdk = (credentials: typeof modern, algorithm: SignatureAlgorithm) => sdkFor(sandbox, credentials, algorithm)

  it.each(setups)("drives every endpoint: $name", async ({ credentials, algorithm }) => {
    const client = sdk(credentials, algorithm)
    const created = await client.createCheckoutSession(
      { webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" }, storeId: "amzn1.application-oa2-client.x" },
      key()
    )
    expect(created.status).toBe(201)
    const id = created.data.checkoutSessionId
    sandbox.approveCheckoutSession(id)
    expect((await client.getCheckoutSession(id)).data.buyer.email).toBe("susie.smith@example.com")
    const updated = await client.updateCheckoutSession(id, {
      webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/result" },
      paymentDetails: { paymentIntent: "Authorize", chargeAmount: usd("10.00"), totalOrderAmount: usd("20.00") },
    })
    expect(updated.data.webCheckoutDetails.amazonPayRedirectUrl).toBe(`${sandbox.url}/checkout/${id}`)
    sandbox.approveCheckoutSession(id, { outcome: "success" })
    const completed = await client.completeCheckoutSession(id, { chargeAmount: usd("10.00"), totalOrderAmount: usd("20.00") })
    expect(completed.status).toBe(200)
    const { chargePermissionId, chargeId } = completed.data

    expect((await client.getChargePermission(chargePermissionId)).data.limits.amountBalance).toEqual(usd("10.00"))
    const renamed = await client.updateChargePermission(chargePermissionId, { merchantMetadata: { merchantReferenceId: "order-9" } })
    expect(renamed.data.merchantMetadata.merchantReferenceId).toBe("order-9")

    expect((await client.getCharge(chargeId)).data.statusDetails.state).toBe("Authorized")
    const captured = await client.captureCharge(chargeId, { captureAmount: usd("10.00") }, key())
    expect(captured.data.statusDetails.state).toBe("Captured")

    const second = await client.createCharge({ chargePermissionId, chargeAmount: usd("5.00"), captureNow: true }, key())
    expect(second.status).toBe(201)
    expect(second.data.statusDetails.state).toBe("Captured")
    const third = await client.createCharge({ chargePermissionId, chargeAmount: usd("5.00") }, key())
    const canceled = await client.cancelCharge(third.data.chargeId, { cancellationReason: "not needed" })
    expect(canceled.data.statusDetails).toMatchObject({ state: "Canceled", reasonCode: "MerchantCanceled" })

    const refund = await client.createRefund({ chargeId, refundAmount: usd("3.00") }, key())
    expect(refund.status).toBe(201)
    expect((await client.getRefund(refund.data.refundId)).data.refundAmount).toEqual(usd("3.00"))

    const tracker = await client.deliveryTrackers({
      chargePermissionId,
      deliveryDetails: [{ trackingNumber: `1Z${randomUUID().slice(0, 8)}`, carrierCode: "UPS" }],
    })
    expect(tracker.data.chargePermissionId).toBe(chargePermissionId)

    const closed = await client.closeChargePermission(chargePermissionId, { closureReason: "done", cancelPendingCharges: true })
    expect(closed.data.statusDetails.state).toBe("Closed")

    // Buy Now: the buyer confirmed in Amazon's popup, the merchant finalizes with the amount.
    const buyNow = await client.createCheckoutSession(
      { webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" }, storeId: "amzn1.application-oa2-client.x" },
      key()
    )
    sandbox.approveCheckoutSession(buyNow.data.checkoutSessionId)
    const finalized = await client.finalizeCheckoutSession(buyNow.data.checkoutSessionId, {
      chargeAmount: usd("7.00"),
      paymentIntent: "AuthorizeWithCapture",
    })
    expect(finalized.data.statusDetails.state).toBe("Completed")
    expect((await client.getCharge(finalized.data.chargeId)).data.captureAmount).toEqual(usd("7.00"))
  })

  it.each(setups)("refuses tampered requests with 401: $name", async ({ credentials, algorithm }) => {
    const client = sdk(credentials, algorithm)
    const body = JSON.stringify({ webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/r" }, storeId: "store-1" })
    const sign = () => {
      const options = { method: "POST", urlFragment: "checkoutSessions", payload: body, headers: key() }
      const headers = client.getSignedHeaders(options)
      return { headers, path: `/${options.urlFragment}` }
    }
    const untouched = sign()
    expect((await rawHttps(sandbox, "POST", untouched.path, untouched.headers, body)).status).toBe(201)

    const alteredBody = sign()
    const bodyResult = await rawHttps(sandbox, "POST", alteredBody.path, alteredBody.headers, body.replace("store-1", "store-2"))
    expect(bodyResult).toEqual({ status: 401, body: expect.objectContaining({ reasonCode: "InvalidRequestSignature" }) })

    const alteredPath = sign()
    const pathResult = await rawHttps(sandbox, "POST", `${alteredPath.path.replace("checkoutSessions", "charges")}`, alteredPath.headers, body)
    expect(pathResult.status).toBe(401)
    expect(pathResult.body.reasonCode).toBe("InvalidRequestSignature")

    const alteredHeader = sign()
    const headerResult = await rawHttps(
      sandbox,
      "POST",
      alteredHeader.path,
      { ...alteredHeader.headers, "x-amz-pay-region": "eu" },
      body
    )
    expect(headerResult.status).toBe(401)
    expect(headerResult.body.reasonCode).toBe("InvalidRequestSignature")

    const replacedKey = sign()
    const keyResult = await rawHttps(sandbox, "POST", replacedKey.path, { ...replacedKey.headers, ...key() }, body)
    expect(keyResult.status).toBe(401)
  })
})

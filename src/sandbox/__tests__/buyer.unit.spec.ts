import { createPrivateKey } from "node:crypto"
import { signButtonPayload } from "../../lib/amazon-pay/signer"
import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../index"
import { SignedApi, control, createSessionBody } from "./support/signed-api"

describe("sandbox buyer side", () => {
  const credentials = generateSandboxCredentials()
  let sandbox: AmazonPaySandbox
  let api: SignedApi

  beforeAll(async () => {
    sandbox = await startAmazonPaySandbox({ publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem } })
    api = new SignedApi(sandbox.url, credentials.publicKeyId, credentials.privateKeyPem)
  })
  afterEach(() => sandbox.reset())
  afterAll(() => sandbox.close())

  const button = (payload: unknown, algorithm?: "AMZN-PAY-RSASSA-PSS" | "AMZN-PAY-RSASSA-PSS-V2") => {
    const payloadJSON = typeof payload === "string" ? payload : JSON.stringify(payload)
    const signature = signButtonPayload(createPrivateKey(credentials.privateKeyPem), algorithm ?? "AMZN-PAY-RSASSA-PSS", payloadJSON)
    return { payloadJSON, signature, publicKeyId: credentials.publicKeyId, ...(algorithm ? { algorithm } : {}) }
  }

  it("accepts a legacy-signed button payload without algorithm (checkout.js default) and refuses bad ones", async () => {
    const created = await control(sandbox.url, "POST", "/sandbox/buyer/checkoutSessions", button(createSessionBody()))
    expect(created.status).toBe(201)
    const session = await api.get(`checkoutSessions/${created.body.checkoutSessionId}`)
    expect(session.body.statusDetails.state).toBe("Open")

    const v2AsLegacy = { ...button(createSessionBody(), "AMZN-PAY-RSASSA-PSS-V2"), algorithm: undefined }
    expect((await control(sandbox.url, "POST", "/sandbox/buyer/checkoutSessions", v2AsLegacy)).status).toBe(401)
    const unknownKey = { ...button(createSessionBody()), publicKeyId: "SANDBOX-NOBODY" }
    expect((await control(sandbox.url, "POST", "/sandbox/buyer/checkoutSessions", unknownKey)).body.reasonCode).toBe("UnauthorizedAccess")
    const notJson = await control(sandbox.url, "POST", "/sandbox/buyer/checkoutSessions", button("{oops"))
    expect([notJson.status, notJson.body.reasonCode]).toEqual([400, "InvalidRequestFormat"])
    const invalid = await control(sandbox.url, "POST", "/sandbox/buyer/checkoutSessions", button({ storeId: "x" }))
    expect([invalid.status, invalid.body.reasonCode]).toEqual([400, "MissingParameterValue"])
    const processOrderWithoutAmount = button(
      createSessionBody({ webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/r", checkoutMode: "ProcessOrder" } })
    )
    expect((await control(sandbox.url, "POST", "/sandbox/buyer/checkoutSessions", processOrderWithoutAmount)).body.reasonCode).toBe(
      "MissingParameterValue"
    )
  })

  it("refuses a button payload with softDescriptor or pending authorization outside the paymentIntent that allows them", async () => {
    const processOrder = (paymentDetails: Record<string, unknown>) =>
      button(
        createSessionBody({
          webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/r", checkoutMode: "ProcessOrder" },
          paymentDetails: { chargeAmount: { amount: "9.00", currencyCode: "USD" }, ...paymentDetails },
        })
      )
    for (const paymentDetails of [
      { paymentIntent: "Authorize", softDescriptor: "SHOP" },
      { paymentIntent: "Confirm", softDescriptor: "SHOP" },
      { paymentIntent: "AuthorizeWithCapture", canHandlePendingAuthorization: true },
    ]) {
      const refused = await control(sandbox.url, "POST", "/sandbox/buyer/checkoutSessions", processOrder(paymentDetails))
      expect([refused.status, refused.body.reasonCode]).toEqual([400, "InvalidParameterValue"])
    }
    const accepted = await control(sandbox.url, "POST", "/sandbox/buyer/checkoutSessions", processOrder({ paymentIntent: "AuthorizeWithCapture", softDescriptor: "SHOP" }))
    expect(accepted.status).toBe(201)
    // A ProcessOrder session is ready at once: opening its page is the redirect, and fixes it.
    expect((await fetch(accepted.body.buyerPageUrl)).status).toBe(200)
    const update = await api.patch(`checkoutSessions/${accepted.body.checkoutSessionId}`, { merchantMetadata: { noteToBuyer: "late" } })
    expect([update.status, update.body.reasonCode]).toEqual([422, "InvalidCheckoutSessionStatus"])
  })

  it("cancel returns to checkoutCancelUrl and leaves the session Open; the HTML page offers the same", async () => {
    const created = await api.post(
      "checkoutSessions",
      createSessionBody({
        webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review", checkoutCancelUrl: "https://shop.example/cart" },
      })
    )
    const id = created.body.checkoutSessionId
    const canceled = await control(sandbox.url, "POST", `/sandbox/buyer/checkoutSessions/${id}/cancel`, {})
    expect(canceled.body).toEqual({ checkoutSessionId: id, redirectUrl: "https://shop.example/cart" })
    const viaPage = await fetch(`${sandbox.url}/checkout/${id}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "action=cancel",
      redirect: "manual",
    })
    expect([viaPage.status, viaPage.headers.get("location")]).toEqual([303, "https://shop.example/cart"])
    expect((await api.get(`checkoutSessions/${id}`)).body.statusDetails.state).toBe("Open")
    const review = await fetch(`${sandbox.url}/checkout/${id}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "action=approve",
      redirect: "manual",
    })
    expect(review.headers.get("location")).toBe(`https://shop.example/review?amazonCheckoutSessionId=${id}`)
  })

  it("refuses buyer actions on unknown or finished sessions and bad outcomes", async () => {
    expect((await control(sandbox.url, "POST", "/sandbox/buyer/checkoutSessions/nope/approve", {})).status).toBe(404)
    const page = await fetch(`${sandbox.url}/checkout/nope`)
    expect(page.status).toBe(404)
    expect(await page.text()).toContain("was not found")
    const created = await api.post("checkoutSessions", createSessionBody())
    const id = created.body.checkoutSessionId
    const bad = await control(sandbox.url, "POST", `/sandbox/buyer/checkoutSessions/${id}/approve`, { outcome: "maybe" })
    expect([bad.status, bad.body.reasonCode]).toEqual([400, "InvalidParameterValue"])
    sandbox.advanceClock(25 * 3600_000)
    const late = await control(sandbox.url, "POST", `/sandbox/buyer/checkoutSessions/${id}/approve`, {})
    expect([late.status, late.body.reasonCode]).toEqual([422, "InvalidCheckoutSessionStatus"])
    expect(await (await fetch(`${sandbox.url}/checkout/${id}`)).text()).toContain("This Checkout Session is Canceled")
  })
})

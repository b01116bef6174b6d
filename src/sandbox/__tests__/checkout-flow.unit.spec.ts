import { createPrivateKey } from "node:crypto"
import { signButtonPayload } from "../../lib/amazon-pay/signer"
import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../index"
import { SignedApi, checkout, control, createSessionBody, usd, waitFor } from "./support/signed-api"

describe("sandbox checkout flows over HTTP", () => {
  const credentials = generateSandboxCredentials()
  let sandbox: AmazonPaySandbox
  let api: SignedApi

  beforeAll(async () => {
    sandbox = await startAmazonPaySandbox({
      publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem },
      pendingDelayMs: 50,
    })
    api = new SignedApi(sandbox.url, credentials.publicKeyId, credentials.privateKeyPem)
  })
  afterEach(() => sandbox.reset())
  afterAll(() => sandbox.close())

  it("runs the express flow: review leg attaches buyer and address, Complete authorizes", async () => {
    const created = await api.post("checkoutSessions", createSessionBody())
    expect(created.status).toBe(201)
    const id = created.body.checkoutSessionId
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(created.body.statusDetails.state).toBe("Open")
    expect(created.body.creationTimestamp).toMatch(/^\d{8}T\d{6}Z$/)
    expect(created.body.buyer).toBeNull()
    expect(created.body.webCheckoutDetails.amazonPayRedirectUrl).toBeNull()

    const review = await control(sandbox.url, "POST", `/sandbox/buyer/checkoutSessions/${id}/approve`, {
      buyer: { name: "Jane Doe", email: "jane@example.com" },
    })
    expect(review.body).toEqual({ checkoutSessionId: id, step: "review", redirectUrl: `https://shop.example/review?amazonCheckoutSessionId=${id}` })
    const afterReview = await api.get(`checkoutSessions/${id}`)
    expect(afterReview.body.buyer).toMatchObject({ name: "Jane Doe", email: "jane@example.com" })
    expect(afterReview.body.shippingAddress.city).toBe("Chicago")

    const updated = await api.patch(`checkoutSessions/${id}`, {
      webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/result" },
      paymentDetails: { paymentIntent: "Authorize", chargeAmount: usd("14.00") },
      merchantMetadata: { merchantReferenceId: "order_1" },
    })
    expect(updated.status).toBe(200)
    expect(updated.body.webCheckoutDetails.amazonPayRedirectUrl).toBe(`${sandbox.url}/checkout/${id}`)

    const result = await control(sandbox.url, "POST", `/sandbox/buyer/checkoutSessions/${id}/approve`, { outcome: "success" })
    expect(result.body.redirectUrl).toBe(`https://shop.example/result?amazonCheckoutSessionId=${id}`)

    const completed = await api.post(`checkoutSessions/${id}/complete`, { chargeAmount: usd("14.00") })
    expect(completed.status).toBe(200)
    expect(completed.body.statusDetails.state).toBe("Completed")
    expect(completed.body.chargePermissionId).toMatch(/^S01-\d{7}-\d{7}$/)
    expect(completed.body.chargeId).toMatch(/^S01-\d{7}-\d{7}-C\d{7}$/)
    // "null in Completed state, Get Charge Permission to retrieve transaction details"
    expect(completed.body.buyer).toBeNull()

    const permission = await api.get(`chargePermissions/${completed.body.chargePermissionId}`)
    expect(permission.body.buyer.name).toBe("Jane Doe")
    expect(permission.body.merchantMetadata.merchantReferenceId).toBe("order_1")
    expect(permission.body.limits).toEqual({ amountLimit: usd("14.00"), amountBalance: usd("0.00") })
    const charge = await api.get(`charges/${completed.body.chargeId}`)
    expect(charge.body.statusDetails.state).toBe("Authorized")
    expect(charge.body.chargeAmount).toEqual(usd("14.00"))
  })

  it("captures, refunds asynchronously and closes the fully captured permission; the ledger agrees", async () => {
    const { completed } = await checkout(api, { amount: "100.00" })
    const chargeId = completed.body.chargeId
    const permissionId = completed.body.chargePermissionId
    const captured = await api.post(`charges/${chargeId}/capture`, { captureAmount: usd("100.00"), softDescriptor: "SHOP" })
    expect(captured.status).toBe(200)
    expect(captured.body.statusDetails.state).toBe("Captured")
    expect(captured.body.captureAmount).toEqual(usd("100.00"))
    const permission = await api.get(`chargePermissions/${permissionId}`)
    expect(permission.body.statusDetails.state).toBe("Closed")

    const refund = await api.post("refunds", { chargeId, refundAmount: usd("30.00") })
    expect(refund.status).toBe(201)
    expect(refund.body.refundId).toMatch(/^S01-\d{7}-\d{7}-R\d{7}$/)
    expect(refund.body.statusDetails.state).toBe("RefundInitiated")
    const settled = await waitFor(() => api.get(`refunds/${refund.body.refundId}`), (r) => r.body.statusDetails.state !== "RefundInitiated")
    expect(settled.body.statusDetails.state).toBe("Refunded")
    const afterRefund = await api.get(`charges/${chargeId}`)
    expect(afterRefund.body.refundedAmount).toEqual(usd("30.00"))

    const ledger = await control(sandbox.url, "GET", "/sandbox/ledger")
    expect(ledger.body.totals.USD).toEqual({ authorized: "100.00", captured: "100.00", refunded: "30.00", chargebacks: "0.00" })
    expect(ledger.body.chargePermissions[permissionId].charges).toEqual([
      { chargeId, state: "Captured", chargeAmount: "100.00", captureAmount: "100.00" },
    ])
    expect(sandbox.ledger()).toEqual(ledger.body)
  })

  const resultDetails = (amount: string) => ({
    webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/result" },
    paymentDetails: { paymentIntent: "Authorize", chargeAmount: usd(amount) },
  })

  it("refuses every update once the buyer was sent to amazonPayRedirectUrl; Complete takes what the buyer saw", async () => {
    const created = await api.post("checkoutSessions", createSessionBody())
    const id = created.body.checkoutSessionId
    // The review leg's page does not fix anything yet.
    expect((await fetch(`${sandbox.url}/checkout/${id}`)).status).toBe(200)
    await control(sandbox.url, "POST", `/sandbox/buyer/checkoutSessions/${id}/approve`, {})
    expect((await api.patch(`checkoutSessions/${id}`, resultDetails("14.00"))).status).toBe(200)
    // Opening amazonPayRedirectUrl for the final leg is the redirect.
    expect((await fetch(`${sandbox.url}/checkout/${id}`)).status).toBe(200)
    for (const update of [resultDetails("15.00"), resultDetails("14.00"), { merchantMetadata: { merchantReferenceId: "order-2" } }]) {
      const refused = await api.patch(`checkoutSessions/${id}`, update)
      expect([refused.status, refused.body.reasonCode]).toEqual([422, "InvalidCheckoutSessionStatus"])
    }
    await control(sandbox.url, "POST", `/sandbox/buyer/checkoutSessions/${id}/approve`, { outcome: "success" })
    expect((await api.patch(`checkoutSessions/${id}`, resultDetails("15.00"))).body.reasonCode).toBe("InvalidCheckoutSessionStatus")
    const session = await api.get(`checkoutSessions/${id}`)
    expect([session.body.statusDetails.state, session.body.paymentDetails.chargeAmount]).toEqual(["Open", usd("14.00")])
    const completed = await api.post(`checkoutSessions/${id}/complete`, { chargeAmount: usd("14.00") })
    expect(completed.status).toBe(200)
  })

  it("updateAfterRedirect reconfirm: a changed chargeAmount needs the buyer again; the same amount does not", async () => {
    sandbox.configure({ updateAfterRedirect: "reconfirm" })
    const created = await api.post("checkoutSessions", createSessionBody())
    const id = created.body.checkoutSessionId
    await control(sandbox.url, "POST", `/sandbox/buyer/checkoutSessions/${id}/approve`, {})
    await api.patch(`checkoutSessions/${id}`, resultDetails("14.00"))
    await control(sandbox.url, "POST", `/sandbox/buyer/checkoutSessions/${id}/approve`, { outcome: "success" })
    // Re-sending the amount the buyer confirmed keeps the confirmation.
    expect((await api.patch(`checkoutSessions/${id}`, resultDetails("14.00"))).status).toBe(200)
    const changed = await api.patch(`checkoutSessions/${id}`, resultDetails("15.00"))
    expect(changed.body.webCheckoutDetails.amazonPayRedirectUrl).toBe(`${sandbox.url}/checkout/${id}`)
    const refused = await api.post(`checkoutSessions/${id}/complete`, { chargeAmount: usd("15.00") })
    expect([refused.status, refused.body.reasonCode]).toEqual([422, "InvalidCheckoutSessionStatus"])
    await control(sandbox.url, "POST", `/sandbox/buyer/checkoutSessions/${id}/approve`, { outcome: "success" })
    const completed = await api.post(`checkoutSessions/${id}/complete`, { chargeAmount: usd("15.00") })
    expect(completed.status).toBe(200)
    expect((await api.get(`charges/${completed.body.chargeId}`)).body.chargeAmount).toEqual(usd("15.00"))
  })

  it("AuthorizeWithCapture captures on Complete; Confirm only creates the permission and later charges capture now", async () => {
    const withCapture = await checkout(api, { paymentIntent: "AuthorizeWithCapture", amount: "20.00" })
    const charge = await api.get(`charges/${withCapture.completed.body.chargeId}`)
    expect(charge.body.statusDetails.state).toBe("Captured")

    const confirm = await checkout(api, { paymentIntent: "Confirm", amount: "50.00" })
    expect(confirm.completed.status).toBe(200)
    expect(confirm.completed.body.chargeId).toBeNull()
    const permissionId = confirm.completed.body.chargePermissionId
    const first = await api.post("charges", { chargePermissionId: permissionId, chargeAmount: usd("20.00"), captureNow: true })
    expect(first.status).toBe(201)
    expect(first.body.statusDetails.state).toBe("Captured")
    const permission = await api.get(`chargePermissions/${permissionId}`)
    expect(permission.body.limits.amountBalance).toEqual(usd("30.00"))
    expect(permission.body.statusDetails.state).toBe("Chargeable")
    const second = await api.post("charges", { chargePermissionId: permissionId, chargeAmount: usd("30.00"), captureNow: true })
    expect(second.body.statusDetails.state).toBe("Captured")
    expect((await api.get(`chargePermissions/${permissionId}`)).body.statusDetails.state).toBe("Closed")
    expect(sandbox.ledger().chargePermissions[permissionId].captured).toBe("50.00")
  })

  it("keeps a Recurring permission Chargeable without a limit; setPendingDelay changes how fast refunds settle", async () => {
    const created = await api.post("checkoutSessions", createSessionBody({ chargePermissionType: "Recurring" }))
    const id = created.body.checkoutSessionId
    sandbox.approveCheckoutSession(id)
    await api.patch(`checkoutSessions/${id}`, {
      webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/result" },
      paymentDetails: { paymentIntent: "AuthorizeWithCapture", chargeAmount: usd("9.99") },
    })
    sandbox.approveCheckoutSession(id)
    const completed = await api.post(`checkoutSessions/${id}/complete`, { chargeAmount: usd("9.99") })
    const permissionId = completed.body.chargePermissionId
    const permission = await api.get(`chargePermissions/${permissionId}`)
    expect(permission.body).toMatchObject({ chargePermissionType: "Recurring", limits: null, expirationTimestamp: null })
    expect(permission.body.statusDetails.state).toBe("Chargeable")
    const renewal = await api.post("charges", { chargePermissionId: permissionId, chargeAmount: usd("9.99"), captureNow: true })
    expect(renewal.body.statusDetails.state).toBe("Captured")

    sandbox.setPendingDelay(60_000)
    const slow = await api.post("refunds", { chargeId: renewal.body.chargeId, refundAmount: usd("1.00") })
    sandbox.setPendingDelay(0)
    const fast = await api.post("refunds", { chargeId: renewal.body.chargeId, refundAmount: usd("1.00") })
    await waitFor(() => api.get(`refunds/${fast.body.refundId}`), (r) => r.body.statusDetails.state === "Refunded")
    expect((await api.get(`refunds/${slow.body.refundId}`)).body.statusDetails.state).toBe("RefundInitiated")
    sandbox.setPendingDelay(50)
  })

  it("creates a ProcessOrder session from a signed button payload and drives the HTML buyer page", async () => {
    const payloadJSON = JSON.stringify(
      createSessionBody({
        webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/result", checkoutMode: "ProcessOrder" },
        paymentDetails: { paymentIntent: "AuthorizeWithCapture", chargeAmount: { amount: "1500", currencyCode: "JPY" } },
      })
    )
    const signature = signButtonPayload(createPrivateKey(credentials.privateKeyPem), "AMZN-PAY-RSASSA-PSS-V2", payloadJSON)
    const forged = await control(sandbox.url, "POST", "/sandbox/buyer/checkoutSessions", {
      payloadJSON: payloadJSON.replace("1500", "15"),
      signature,
      publicKeyId: credentials.publicKeyId,
      algorithm: "AMZN-PAY-RSASSA-PSS-V2",
    })
    expect(forged.status).toBe(401)
    expect(forged.body.reasonCode).toBe("InvalidRequestSignature")

    const created = await control(sandbox.url, "POST", "/sandbox/buyer/checkoutSessions", {
      payloadJSON,
      signature,
      publicKeyId: credentials.publicKeyId,
      algorithm: "AMZN-PAY-RSASSA-PSS-V2",
    })
    expect(created.status).toBe(201)
    const id = created.body.checkoutSessionId
    expect(created.body.buyerPageUrl).toBe(`${sandbox.url}/checkout/${id}`)
    const page = await fetch(created.body.buyerPageUrl)
    const html = await page.text()
    expect(html).toContain("1500 JPY")
    expect(html).toContain("pending, then authorized")

    const posted = await fetch(created.body.buyerPageUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "action=approve&outcome=success",
      redirect: "manual",
    })
    expect(posted.status).toBe(303)
    expect(posted.headers.get("location")).toBe(`https://shop.example/result?amazonCheckoutSessionId=${id}`)
    const completed = await api.post(`checkoutSessions/${id}/complete`, { chargeAmount: { amount: "1500", currencyCode: "JPY" } })
    expect(completed.status).toBe(200)
    const charge = await api.get(`charges/${completed.body.chargeId}`)
    expect(charge.body.captureAmount).toEqual({ amount: "1500", currencyCode: "JPY" })
    expect(sandbox.ledger().totals.JPY.captured).toBe("1500")
  })
})

import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../index"
import { SignedApi, checkout, createSessionBody, usd } from "./support/signed-api"

describe("sandbox validation with Amazon reason codes", () => {
  const credentials = generateSandboxCredentials()
  let sandbox: AmazonPaySandbox
  let api: SignedApi

  beforeAll(async () => {
    sandbox = await startAmazonPaySandbox({ publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem }, pendingDelayMs: 20 })
    api = new SignedApi(sandbox.url, credentials.publicKeyId, credentials.privateKeyPem)
  })
  afterEach(() => sandbox.reset())
  afterAll(() => sandbox.close())

  const expectError = (response: { status: number; body: any }, status: number, reasonCode: string) => {
    expect({ status: response.status, reasonCode: response.body?.reasonCode }).toEqual({ status, reasonCode })
    expect(typeof response.body.message).toBe("string")
  }

  it("reports body format problems", async () => {
    expectError(await api.post("checkoutSessions", undefined, { rawBody: "{not json" }), 400, "InvalidRequestFormat")
    expectError(await api.post("checkoutSessions", undefined, { rawBody: "[1,2]" }), 400, "InvalidRequestFormat")
    expectError(await api.post("checkoutSessions", createSessionBody({ surprise: 1 })), 400, "UnrecognizedField")
    expectError(await api.post("checkoutSessions", { webCheckoutDetails: {} }), 400, "MissingParameterValue")
    expectError(await api.post("checkoutSessions", createSessionBody({ storeId: 42 })), 400, "InvalidParameterValue")
    expectError(
      await api.post("checkoutSessions", createSessionBody({ webCheckoutDetails: { checkoutReviewReturnUrl: "javascript:alert(1)" } })),
      400,
      "InvalidParameterValue"
    )
  })

  it("takes addressDetails in Amazon's request spelling (districtOrCounty) and answers with response fields", async () => {
    const addressDetails = {
      name: "Jane Doe", addressLine1: "1 Main St", city: "Seattle", districtOrCounty: "King County",
      stateOrRegion: "WA", postalCode: "98101", countryCode: "US", phoneNumber: "2065550100",
    }
    const body = (address: unknown) =>
      createSessionBody({
        webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/result", checkoutMode: "ProcessOrder" },
        paymentDetails: { paymentIntent: "Authorize", chargeAmount: usd("10.00") },
        addressDetails: address,
      })
    const created = await api.post("checkoutSessions", body(addressDetails))
    expect(created.status).toBe(201)
    const { districtOrCounty: _, ...rest } = addressDetails
    expect(created.body.addressDetails).toMatchObject({ ...rest, county: "King County" })
    expect(created.body.addressDetails).not.toHaveProperty("districtOrCounty")
    // Response-only fields are not part of the request.
    expectError(await api.post("checkoutSessions", body({ ...rest, county: "King County" })), 400, "UnrecognizedField")
  })

  it("checks prices: format, decimals per currency, maximum, currency", async () => {
    const session = (chargeAmount: unknown) =>
      api.post("checkoutSessions", createSessionBody({ paymentDetails: { paymentIntent: "Authorize", chargeAmount } }))
    expectError(await session(usd("14.001")), 400, "InvalidParameterValue")
    expectError(await session(usd("1e3")), 400, "InvalidParameterValue")
    expectError(await session(usd("-1.00")), 400, "InvalidParameterValue")
    expectError(await session(usd("150000.01")), 400, "InvalidParameterValue")
    expect((await session(usd("150000.00"))).status).toBe(201)
    expectError(await session({ amount: "100.5", currencyCode: "JPY" }), 400, "InvalidParameterValue")
    expectError(await session({ amount: "10000001", currencyCode: "JPY" }), 400, "InvalidParameterValue")
    expect((await session({ amount: "10000000", currencyCode: "JPY" })).status).toBe(201)
    expectError(await session({ amount: "1.00", currencyCode: "XXX" }), 400, "InvalidParameterValue")
    expectError(
      await api.post(
        "checkoutSessions",
        createSessionBody({ paymentDetails: { chargeAmount: usd("5.00"), totalOrderAmount: { amount: "5.00", currencyCode: "EUR" } } })
      ),
      400,
      "CurrencyMismatch"
    )
    expectError(
      await api.post(
        "checkoutSessions",
        createSessionBody({ paymentDetails: { paymentIntent: "AuthorizeWithCapture", chargeAmount: usd("5.00"), softDescriptor: "x".repeat(17) } })
      ),
      400,
      "InvalidParameterValue"
    )
  })

  it("refuses Complete with another amount or currency, and on a session that is not Open", async () => {
    const created = await api.post("checkoutSessions", createSessionBody())
    const id = created.body.checkoutSessionId
    expectError(await api.post(`checkoutSessions/${id}/complete`, { chargeAmount: usd("1.00") }), 422, "InvalidCheckoutSessionStatus")
    sandbox.approveCheckoutSession(id)
    await api.patch(`checkoutSessions/${id}`, {
      webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/result" },
      paymentDetails: { paymentIntent: "Authorize", chargeAmount: usd("14.00") },
    })
    sandbox.approveCheckoutSession(id)
    expectError(await api.post(`checkoutSessions/${id}/complete`, { chargeAmount: usd("14.01") }), 400, "AmountMismatch")
    expectError(await api.post(`checkoutSessions/${id}/complete`, { chargeAmount: { amount: "14.00", currencyCode: "EUR" } }), 400, "CurrencyMismatch")
    expectError(await api.post(`checkoutSessions/${id}/complete`, {}), 400, "MissingParameterValue")
    expect((await api.post(`checkoutSessions/${id}/complete`, { chargeAmount: usd("14.00") })).status).toBe(200)
    expectError(await api.post(`checkoutSessions/${id}/complete`, { chargeAmount: usd("14.00") }), 422, "InvalidCheckoutSessionStatus")
    expectError(await api.patch(`checkoutSessions/${id}`, { merchantMetadata: { noteToBuyer: "late" } }), 422, "InvalidCheckoutSessionStatus")
  })

  it("enforces charge, capture and refund limits", async () => {
    const { completed } = await checkout(api, { amount: "100.00" })
    const chargeId = completed.body.chargeId
    const permissionId = completed.body.chargePermissionId
    expectError(await api.post(`charges/${chargeId}/capture`, { captureAmount: usd("100.01") }), 400, "TransactionAmountExceeded")
    expectError(await api.post(`charges/${chargeId}/capture`, { captureAmount: { amount: "100.00", currencyCode: "EUR" } }), 400, "CurrencyMismatch")
    expectError(
      await api.post(`charges/${chargeId}/capture`, { captureAmount: usd("10.00"), softDescriptor: "seventeen chars!!" }),
      400,
      "InvalidParameterValue"
    )
    expectError(await api.post("charges", { chargePermissionId: permissionId, chargeAmount: usd("0.01") }), 400, "TransactionAmountExceeded")
    expectError(await api.post("refunds", { chargeId, refundAmount: usd("1.00") }), 422, "InvalidChargeStatus")
    expect((await api.post(`charges/${chargeId}/capture`, { captureAmount: usd("100.00") })).status).toBe(200)
    expectError(await api.post(`charges/${chargeId}/capture`, { captureAmount: usd("1.00") }), 422, "InvalidChargeStatus")
    expectError(await api.delete(`charges/${chargeId}/cancel`, {}), 422, "InvalidChargeStatus")
    // 15% of 100.00 = 15.00 tolerance: 115.00 in total is the most refunds may reach.
    expect((await api.post("refunds", { chargeId, refundAmount: usd("100.00") })).status).toBe(201)
    expect((await api.post("refunds", { chargeId, refundAmount: usd("15.00") })).status).toBe(201)
    expectError(await api.post("refunds", { chargeId, refundAmount: usd("0.01") }), 400, "TransactionAmountExceeded")
    expectError(await api.post("charges", { chargePermissionId: permissionId, chargeAmount: usd("1.00") }), 422, "InvalidChargePermissionStatus")
  })

  it("caps the refund tolerance at 75 USD and 8,400 JPY", async () => {
    const big = await checkout(api, { amount: "1000.00", paymentIntent: "AuthorizeWithCapture" })
    const chargeId = big.completed.body.chargeId
    expectError(await api.post("refunds", { chargeId, refundAmount: usd("1075.01") }), 400, "TransactionAmountExceeded")
    expect((await api.post("refunds", { chargeId, refundAmount: usd("1075.00") })).status).toBe(201)
    const yen = await checkout(api, { amount: "100000", currencyCode: "JPY", paymentIntent: "AuthorizeWithCapture" })
    const yenCharge = yen.completed.body.chargeId
    expectError(await api.post("refunds", { chargeId: yenCharge, refundAmount: { amount: "108401", currencyCode: "JPY" } }), 400, "TransactionAmountExceeded")
    expect((await api.post("refunds", { chargeId: yenCharge, refundAmount: { amount: "108400", currencyCode: "JPY" } })).status).toBe(201)
  })

  it("allows at most 25 charges on a one-time permission, declined attempts included", async () => {
    const { completed } = await checkout(api, { amount: "1.00", totalOrderAmount: "100.00", paymentIntent: "Confirm" })
    const permissionId = completed.body.chargePermissionId
    for (let i = 0; i < 25; i++) {
      const charge = await api.post("charges", { chargePermissionId: permissionId, chargeAmount: usd("1.00") }, { simulationCode: "SoftDeclined" })
      expectError(charge, 422, "SoftDeclined")
    }
    expectError(await api.post("charges", { chargePermissionId: permissionId, chargeAmount: usd("1.00") }), 400, "TransactionCountExceeded")
  })

  it("requires and checks idempotency keys and simulation codes", async () => {
    expectError(await api.post("checkoutSessions", createSessionBody(), { idempotencyKey: null }), 400, "MissingHeader")
    expectError(await api.post("checkoutSessions", createSessionBody(), { idempotencyKey: "x".repeat(33) }), 400, "InvalidParameterValue")
    expectError(await api.post("checkoutSessions", createSessionBody(), { idempotencyKey: "bad key!" }), 400, "InvalidParameterValue")
    expectError(await api.post("checkoutSessions", createSessionBody(), { simulationCode: "HardDeclined" }), 400, "InvalidSandboxSimulationSpecified")
    expectError(await api.post("checkoutSessions", createSessionBody(), { simulationCode: "Nonsense" }), 400, "InvalidSandboxSimulationSpecified")
  })

  it("refuses oversized bodies with 413 and keeps serving", async () => {
    const response = await api.post("checkoutSessions", createSessionBody({ platformId: "x".repeat(300_000) }))
    expectError(response, 413, "RequestEntityTooLarge")
    expect((await api.post("checkoutSessions", createSessionBody())).status).toBe(201)
  })
})

/**
 * The provider's session and authorization hooks against the real sandbox over HTTP: button
 * signing (the sandbox verifies the signature), express and ProcessOrder flows, declines,
 * reconciliation of a repeated authorize, and the stale-amount guard.
 */
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type { AmazonPayPaymentData } from "../payment-data"
import { AmazonPayProviderService } from "../service"
import { clickButton, expressCheckout, REVIEW_URL, RESULT_URL, startSandboxProvider, type SandboxProvider } from "./support/sandbox-provider"

jest.setTimeout(30_000)

describe("Amazon Pay provider: sessions and authorization (sandbox over HTTP)", () => {
  let env: SandboxProvider

  beforeAll(async () => {
    env = await startSandboxProvider()
  })
  afterEach(() => env.sandbox.reset())
  afterAll(() => env.close())

  it("initiates with a signed button for the exact amount, tied to the Medusa session", async () => {
    const provider = env.provider()
    const result = await provider.initiatePayment({ amount: "59.97", currency_code: "usd", data: { session_id: "payses_1" } })
    const data = result.data as AmazonPayPaymentData
    expect(data).toMatchObject({ session_id: "payses_1", currencyCode: "USD", amazonPayMode: "manual", chargeAmount: { amount: "59.97" } })
    const payload = JSON.parse(data.button!.payloadJSON)
    expect(payload).toMatchObject({
      webCheckoutDetails: { checkoutReviewReturnUrl: REVIEW_URL },
      storeId: env.options.storeId,
      paymentDetails: { paymentIntent: "Authorize", canHandlePendingAuthorization: false, chargeAmount: { amount: "59.97", currencyCode: "USD" } },
      merchantMetadata: { merchantReferenceId: "payses_1", merchantStoreName: "Test Shop" },
    })
    expect(data.button).toMatchObject({ placement: "Checkout", productType: "PayAndShip", sandbox: true, ledgerCurrency: "USD" })
    // The sandbox verifies the signature like Amazon's button script and opens the session.
    expect(clickButton(env, data.button!).checkoutSessionId).toBeTruthy()
    const tampered = { ...data.button!, payloadJSON: data.button!.payloadJSON.replace("59.97", "0.01") }
    expect(() => clickButton(env, tampered)).toThrow(/signature/i)
    expect(JSON.stringify(data)).not.toContain("PRIVATE KEY")
  })

  it("rounds a Medusa amount with tax fractions to the currency's precision, and says so in the log", async () => {
    const warnings: string[] = []
    const provider = new AmazonPayProviderService({ logger: { warn: (m: string) => warnings.push(m) } }, env.options)
    const result = await provider.initiatePayment({ amount: { value: "11.8881", precision: 20 }, currency_code: "usd", data: { session_id: "s" } })
    expect((result.data as AmazonPayPaymentData).chargeAmount).toEqual({ amount: "11.89", currencyCode: "USD" })
    expect(warnings).toEqual([expect.stringContaining("11.8881 USD rounded to 11.89")])
    await provider.initiatePayment({ amount: 11.89, currency_code: "usd", data: { session_id: "s" } })
    expect(warnings).toHaveLength(1)
  })

  it("uses ProcessOrder with the result URL when the storefront supplies the address", async () => {
    const provider = env.provider({ capture: "on_authorize" })
    const addressDetails = {
      name: "Jane Doe", addressLine1: "1 Main St", city: "Seattle", postalCode: "98101", countryCode: "US", phoneNumber: "2065550100",
    }
    const result = await provider.initiatePayment({ amount: 1400, currency_code: "jpy", data: { session_id: "payses_2", addressDetails } })
    const data = result.data as AmazonPayPaymentData
    const payload = JSON.parse(data.button!.payloadJSON)
    expect(payload.webCheckoutDetails).toEqual({ checkoutResultReturnUrl: RESULT_URL, checkoutMode: "ProcessOrder" })
    expect(payload.paymentDetails).toMatchObject({ paymentIntent: "AuthorizeWithCapture", chargeAmount: { amount: "1400", currencyCode: "JPY" } })
    const { checkoutSessionId } = clickButton(env, data.button!)
    env.sandbox.approveCheckoutSession(checkoutSessionId)
    const authorized = await provider.authorizePayment({
      data: { ...data, amazonCheckoutSessionId: checkoutSessionId },
      context: { idempotency_key: "payses_2" },
    })
    expect(authorized.status).toBe(PaymentSessionStatus.CAPTURED)
    expect(env.sandbox.ledger().totals.JPY).toMatchObject({ captured: "1400" })
  })

  it("passes the storefront's address to Amazon as addressDetails with Amazon's districtOrCounty", async () => {
    const provider = env.provider()
    const addressDetails = {
      name: "Jane Doe", addressLine1: "1 Main St", city: "Seattle", districtOrCounty: "King County",
      stateOrRegion: "WA", postalCode: "98101", countryCode: "US", phoneNumber: "2065550100",
    }
    const data = (await provider.initiatePayment({ amount: 10, currency_code: "usd", data: { session_id: "s", addressDetails } }))
      .data as AmazonPayPaymentData
    expect(JSON.parse(data.button!.payloadJSON).addressDetails).toEqual(addressDetails)
    const { checkoutSessionId } = clickButton(env, data.button!)
    const session = await env.deps().client.getCheckoutSession(checkoutSessionId)
    expect(session.addressDetails).toMatchObject({ city: "Seattle", county: "King County" })
    const county = { ...addressDetails, districtOrCounty: undefined, county: "King County" }
    await expect(provider.initiatePayment({ amount: 10, currency_code: "usd", data: { session_id: "s", addressDetails: county } }))
      .rejects.toThrow(/addressDetails.*county/)
  })

  it("refuses bad storefront data, naming the field, and a missing return URL", async () => {
    const provider = env.provider()
    await expect(
      provider.initiatePayment({ amount: 10, currency_code: "usd", data: { session_id: "s", checkoutResultReturnUrl: "javascript:x" } })
    ).rejects.toThrow(/checkoutResultReturnUrl/)
    const noUrls = env.provider({ checkoutReviewReturnUrl: undefined })
    await expect(noUrls.initiatePayment({ amount: 10, currency_code: "usd", data: { session_id: "s" } })).rejects.toThrow(
      /checkoutReviewReturnUrl/
    )
  })

  it("runs the express flow: the review return sets the current amount and returns amazonPayRedirectUrl", async () => {
    const provider = env.provider()
    const data = await expressCheckout(env, provider, "19.99")
    expect(data.checkoutSessionId).toBeTruthy()
    expect(data.amazonPayRedirectUrl).toContain(`/checkout/${data.checkoutSessionId}`)
    expect((await provider.getPaymentStatus({ data })).status).toBe(PaymentSessionStatus.PENDING)
    const result = await provider.authorizePayment({ data, context: { idempotency_key: "payses_second" } })
    expect(result.status).toBe(PaymentSessionStatus.AUTHORIZED)
    const authorized = result.data as AmazonPayPaymentData
    expect(authorized.chargePermissionState).toBe("Chargeable")
    expect(authorized.charges).toEqual([
      expect.objectContaining({ state: "Authorized", amount: { amount: "19.99", currencyCode: "USD" } }),
    ])
    expect(env.sandbox.ledger().totals.USD).toMatchObject({ authorized: "19.99", captured: "0.00" })
  })

  it("ties the checkout to the Medusa session that is authorized, when the storefront initiated again (e.g. after an error)", async () => {
    // Medusa replaces a cart's payment session on every initiate. IPNs find the payment through the
    // charge permission's merchantReferenceId, so it must name the last session, not an earlier one.
    const provider = env.provider()
    const first = await provider.initiatePayment({ amount: "19.99", currency_code: "usd", data: { session_id: "payses_first" } })
    const { checkoutSessionId } = clickButton(env, (first.data as AmazonPayPaymentData).button!)
    env.sandbox.approveCheckoutSession(checkoutSessionId)
    // After the buyer's review leg, before the confirmation: a session prepared, then one again.
    let last: Record<string, unknown> | undefined
    for (const sessionId of ["payses_second", "payses_third"]) {
      last = (await provider.initiatePayment({ amount: "19.99", currency_code: "usd", data: { session_id: sessionId, amazonCheckoutSessionId: checkoutSessionId } })).data
    }
    env.sandbox.approveCheckoutSession(checkoutSessionId, { outcome: "success" })
    const result = await provider.authorizePayment({ data: last!, context: { idempotency_key: "payses_third" } })
    expect(result.status).toBe(PaymentSessionStatus.AUTHORIZED)
    const permissionId = (result.data as AmazonPayPaymentData).chargePermissionId as string
    const permission = await env.deps().client.getChargePermission(permissionId)
    expect(permission.merchantMetadata?.merchantReferenceId).toBe("payses_third")
  })

  it("authorizes with Complete Checkout Session first, then reads the charge and permission in parallel: no read before", async () => {
    const provider = env.provider()
    const data = await expressCheckout(env, provider, "20.00")
    env.sandbox.clearRequestCounts()
    const result = await provider.authorizePayment({ data, context: { idempotency_key: "payses_second" } })
    expect(result.status).toBe(PaymentSessionStatus.AUTHORIZED)
    const calls = Object.fromEntries(Object.entries(env.sandbox.requestCounts()).map(([operation, c]) => [operation, c.requests]))
    expect(calls).toEqual({ completeCheckoutSession: 1, getCharge: 1, getChargePermission: 1 })
  })

  it("reconciles a repeated authorize (lost response) instead of completing twice", async () => {
    const provider = env.provider()
    const data = await expressCheckout(env, provider, "25.00")
    const first = await provider.authorizePayment({ data, context: { idempotency_key: "payses_second" } })
    const again = await provider.authorizePayment({ data, context: { idempotency_key: "payses_other" } })
    expect(again.status).toBe(PaymentSessionStatus.AUTHORIZED)
    expect((again.data as AmazonPayPaymentData).charges.map((c) => c.chargeId)).toEqual(
      (first.data as AmazonPayPaymentData).charges.map((c) => c.chargeId)
    )
    const permission = env.sandbox.ledger().chargePermissions[(first.data as AmazonPayPaymentData).chargePermissionId!]
    expect(permission.charges).toHaveLength(1)
  })

  it("never completes a stale amount: a changed amount is put on the session and the buyer sent back", async () => {
    const provider = env.provider()
    const data = await expressCheckout(env, provider, "50.00")
    const changed = { ...data, chargeAmount: { amount: "60.00", currencyCode: "USD" } }
    const result = await provider.authorizePayment({ data: changed, context: { idempotency_key: "payses_second" } })
    expect(result.status).toBe(PaymentSessionStatus.REQUIRES_MORE)
    expect((result.data as AmazonPayPaymentData).amazonPayRedirectUrl).toContain(data.checkoutSessionId!)
    expect(env.sandbox.ledger().chargePermissions).toEqual({})
  })

  it("cart changed after the buyer confirmed: completion asks for the buyer again, then completes the new amount", async () => {
    const provider = env.provider()
    const confirmed = await expressCheckout(env, provider, "50.00")
    const changed = (await provider.updatePayment({ amount: "55.00", currency_code: "usd", data: confirmed })).data
    const refused = await provider.authorizePayment({ data: changed, context: { idempotency_key: "payses_second" } })
    expect(refused.status).toBe(PaymentSessionStatus.REQUIRES_MORE)
    const waiting = refused.data as AmazonPayPaymentData
    expect(waiting.amazonPayRedirectUrl).toBe(`${env.sandbox.url}/checkout/${confirmed.checkoutSessionId}`)
    expect(waiting.buyerActionRequired?.message).toMatch(/confirm 55.00 USD.*amazonPayRedirectUrl/)
    expect(env.sandbox.ledger().chargePermissions).toEqual({})
    env.sandbox.approveCheckoutSession(confirmed.checkoutSessionId!, { outcome: "success" })
    const result = await provider.authorizePayment({ data: waiting, context: { idempotency_key: "payses_second" } })
    expect(result.status).toBe(PaymentSessionStatus.AUTHORIZED)
    expect(result.data).toMatchObject({ amazonPayRedirectUrl: null, buyerActionRequired: null })
    expect(env.sandbox.ledger().totals.USD).toMatchObject({ authorized: "55.00" })
  })

  it("updatePayment re-signs the button for a new amount and puts it on the buyer's checkout session", async () => {
    const provider = env.provider()
    const data = await expressCheckout(env, provider, "10.00")
    const updated = (await provider.updatePayment({ amount: "12.34", currency_code: "usd", data })).data as AmazonPayPaymentData
    expect(JSON.parse(updated.button!.payloadJSON).paymentDetails.chargeAmount).toEqual({ amount: "12.34", currencyCode: "USD" })
    expect(updated.chargeAmount).toEqual({ amount: "12.34", currencyCode: "USD" })
    expect(updated.amazonPayRedirectUrl).toContain(data.checkoutSessionId!)
    env.sandbox.approveCheckoutSession(data.checkoutSessionId!, { outcome: "success" })
    const result = await provider.authorizePayment({ data: updated, context: { idempotency_key: "k" } })
    expect(result.status).toBe(PaymentSessionStatus.AUTHORIZED)
    expect(env.sandbox.ledger().totals.USD).toMatchObject({ authorized: "12.34" })
  })

  it("turns a soft decline into a payment authorization error with Amazon's reason", async () => {
    const provider = env.provider()
    const data = await expressCheckout(env, provider, "10.00", "declined")
    const error = await provider.authorizePayment({ data, context: { idempotency_key: "k" } }).catch((e) => e)
    expect(error).toBeInstanceOf(MedusaError)
    expect(error.type).toBe(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR)
    expect(error.message).toMatch(/Declined/)
  })

  it("refuses a buyer-canceled checkout as not allowed, with the reason", async () => {
    const provider = env.provider()
    const data = await expressCheckout(env, provider, "10.00", "buyerCanceled")
    const error = await provider.authorizePayment({ data, context: { idempotency_key: "k" } }).catch((e) => e)
    expect(error.type).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(error.message).toMatch(/BuyerCanceled/)
    expect((await provider.getPaymentStatus({ data })).status).toBe(PaymentSessionStatus.CANCELED)
  })

  it("places a pending authorization when allowed, and reads the settled state later", async () => {
    const provider = env.provider({ canHandlePendingAuthorization: true })
    const data = await expressCheckout(env, provider, "30.00", "pendingThenAuthorized")
    const result = await provider.authorizePayment({ data, context: { idempotency_key: "k" } })
    expect(result.status).toBe(PaymentSessionStatus.PENDING_AUTHORIZATION)
    env.sandbox.advanceClock(61_000)
    const status = await provider.getPaymentStatus({ data: result.data })
    expect(status.status).toBe(PaymentSessionStatus.AUTHORIZED)
  })

  it("asks for amazonCheckoutSessionId clearly when authorize has none", async () => {
    const provider = env.provider()
    const initiated = await provider.initiatePayment({ amount: 5, currency_code: "usd", data: { session_id: "s" } })
    await expect(provider.authorizePayment({ data: initiated.data })).rejects.toThrow(/amazonCheckoutSessionId/)
  })

  it("deletes an uncompleted session without throwing and reports webhooks as not supported", async () => {
    const provider = env.provider()
    const data = await expressCheckout(env, provider, "5.00")
    await expect(provider.deletePayment({ data })).resolves.toEqual({ data })
    await expect(provider.getWebhookActionAndData({ data: {}, rawData: "", headers: {} })).resolves.toEqual({ action: "not_supported" })
  })
})

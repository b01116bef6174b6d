/**
 * The provider's session and authorization hooks against the real sandbox over HTTP: button
 * signing (the sandbox verifies the signature), the checkout bound to the cart's payment
 * collection, express and ProcessOrder flows, declines, reconciliation of a repeated authorize, and
 * a changed cart after the buyer confirmed (a new Amazon checkout).
 */
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import type { AmazonPayPaymentData } from "../payment-data"
import { AmazonPayProviderService } from "../provider-service"
import {
  clickButton,
  expressCheckout,
  newPaymentCollectionId,
  REVIEW_URL,
  RESULT_URL,
  startSandboxProvider,
  type SandboxProvider,
} from "./support/sandbox-provider"

jest.setTimeout(30_000)

const asData = (data: unknown) => data as AmazonPayPaymentData
const asInput = (data: unknown) => data as Record<string, unknown>

describe("Amazon Pay provider: sessions and authorization (sandbox over HTTP)", () => {
  let env: SandboxProvider

  beforeAll(async () => {
    env = await startSandboxProvider()
  })
  afterEach(() => env.sandbox.reset())
  afterAll(() => env.close())

  /** A Medusa session of a new payment collection. */
  function newSession(): { sessionId: string; paymentCollectionId: string } {
    const paymentCollectionId = newPaymentCollectionId()
    const sessionId = `payses_${paymentCollectionId.slice(8)}`
    env.session(sessionId, paymentCollectionId)
    return { sessionId, paymentCollectionId }
  }

  it("initiates with a signed button for the exact amount, bound to the cart's payment collection", async () => {
    const provider = env.provider()
    const { sessionId, paymentCollectionId } = newSession()
    const result = await provider.initiatePayment({ amount: "59.97", currency_code: "usd", data: { session_id: sessionId } })
    const data = asData(result.data)
    expect(data).toMatchObject({ session_id: sessionId, paymentCollectionId, currencyCode: "USD", amazonPayMode: "manual", chargeAmount: { amount: "59.97" } })
    const payload = JSON.parse(data.button!.payloadJSON)
    expect(payload).toMatchObject({
      webCheckoutDetails: { checkoutReviewReturnUrl: REVIEW_URL },
      storeId: env.options.storeId,
      paymentDetails: { paymentIntent: "Authorize", canHandlePendingAuthorization: false, chargeAmount: { amount: "59.97", currencyCode: "USD" } },
      merchantMetadata: { merchantReferenceId: paymentCollectionId, merchantStoreName: "Test Shop" },
    })
    expect(payload.paymentDetails).not.toHaveProperty("softDescriptor")
    expect(data.button).toMatchObject({ placement: "Checkout", productType: "PayAndShip", sandbox: true, ledgerCurrency: "USD" })
    // The sandbox verifies the signature like Amazon's button script and opens the session.
    expect(clickButton(env, data.button!).checkoutSessionId).toBeTruthy()
    const tampered = { ...data.button!, payloadJSON: data.button!.payloadJSON.replace("59.97", "0.01") }
    expect(() => clickButton(env, tampered)).toThrow(/signature/i)
    expect(JSON.stringify(data)).not.toContain("PRIVATE KEY")
  })

  it("sends softDescriptor only with AuthorizeWithCapture, and canHandlePendingAuthorization only with Authorize", async () => {
    const { sessionId } = newSession()
    const manual = asData((await env.provider({ softDescriptor: "SHOP", canHandlePendingAuthorization: true }).initiatePayment({ amount: 10, currency_code: "usd", data: { session_id: sessionId } })).data)
    expect(JSON.parse(manual.button!.payloadJSON).paymentDetails).toEqual({
      paymentIntent: "Authorize", canHandlePendingAuthorization: true, chargeAmount: { amount: "10.00", currencyCode: "USD" },
    })
    const auto = asData((await env.provider({ softDescriptor: "SHOP", capture: "on_authorize" }).initiatePayment({ amount: 10, currency_code: "usd", data: { session_id: sessionId } })).data)
    expect(JSON.parse(auto.button!.payloadJSON).paymentDetails).toEqual({
      paymentIntent: "AuthorizeWithCapture", softDescriptor: "SHOP", chargeAmount: { amount: "10.00", currencyCode: "USD" },
    })
  })

  it("drops every storefront field it does not take, and never reads internal fields from a storefront", async () => {
    const provider = env.provider()
    const { sessionId, paymentCollectionId } = newSession()
    const injected = {
      session_id: sessionId,
      foo: "bar",
      charges: [{ chargeId: "S01-0000000-0000000-C000001", state: "Captured" }],
      chargePermissionId: "S01-0000000-0000000",
      checkoutSessionId: "attacker-checkout",
      paymentCollectionId: "pay_col_OTHER",
      chargeAmount: { amount: "0.01", currencyCode: "USD" },
      amazonPayMode: "on_authorize",
    }
    const result = await provider.initiatePayment({ amount: 20, currency_code: "usd", data: injected })
    // Medusa stores {...storefront data, ...returned data} as JSON: an undefined value is dropped.
    const stored = JSON.parse(JSON.stringify({ ...injected, ...result.data }))
    expect(stored).not.toHaveProperty("foo")
    expect(stored).toMatchObject({
      session_id: sessionId,
      paymentCollectionId,
      charges: [],
      chargePermissionId: null,
      checkoutSessionId: null,
      chargeAmount: { amount: "20.00", currencyCode: "USD" },
      amazonPayMode: "manual",
    })
  })

  it("refuses another cart's Amazon checkout with a 4xx and leaves that checkout untouched", async () => {
    const provider = env.provider()
    const owner = newSession()
    const button = asData((await provider.initiatePayment({ amount: "60.00", currency_code: "usd", data: { session_id: owner.sessionId } })).data).button!
    const { checkoutSessionId } = clickButton(env, button)
    env.sandbox.approveCheckoutSession(checkoutSessionId)
    const before = await env.deps().client.getCheckoutSession(checkoutSessionId)

    const attacker = newSession()
    for (const amount of ["60.00", "110.00"]) {
      const error = await provider
        .initiatePayment({ amount, currency_code: "usd", data: { session_id: attacker.sessionId, amazonCheckoutSessionId: checkoutSessionId } })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MedusaError)
      expect((error as MedusaError).type).toBe(MedusaError.Types.NOT_ALLOWED)
      expect((error as MedusaError).message).toMatch(/does not belong to this cart/)
    }
    expect(await env.deps().client.getCheckoutSession(checkoutSessionId)).toEqual(before)
    expect(env.journal.objects.filter((o) => o.payment_collection_id === attacker.paymentCollectionId)).toEqual([])

    // The owner goes on as if nothing happened.
    const reviewed = await provider.initiatePayment({ amount: "60.00", currency_code: "usd", data: { session_id: owner.sessionId, amazonCheckoutSessionId: checkoutSessionId } })
    env.sandbox.approveCheckoutSession(checkoutSessionId, { outcome: "success" })
    const authorized = await provider.authorizePayment({ data: asInput(reviewed.data), context: { idempotency_key: owner.sessionId } })
    expect(authorized.status).toBe(PaymentSessionStatus.AUTHORIZED)
  })

  it("refuses another cart's Completed checkout, whatever its amount, and never records it twice", async () => {
    const provider = env.provider()
    const owner = await expressCheckout(env, provider, "60.00")
    const authorized = await provider.authorizePayment({ data: asInput(owner.data), context: { idempotency_key: owner.ref.paymentSessionId as string } })
    expect(authorized.status).toBe(PaymentSessionStatus.AUTHORIZED)
    const attacker = newSession()
    for (const amount of ["60.00", "110.00"]) {
      await expect(
        provider.initiatePayment({ amount, currency_code: "usd", data: { session_id: attacker.sessionId, amazonCheckoutSessionId: owner.checkoutSessionId } })
      ).rejects.toThrow(/does not belong to this cart/)
    }
    // Even with the id smuggled into the stored data, authorization completes nothing foreign.
    const forged = { ...owner.data, session_id: attacker.sessionId, paymentCollectionId: attacker.paymentCollectionId }
    await expect(provider.authorizePayment({ data: asInput(forged), context: { idempotency_key: attacker.sessionId } })).rejects.toThrow(
      /does not belong to this cart/
    )
    expect(Object.keys(env.sandbox.ledger().chargePermissions)).toHaveLength(1)
  })

  it("rounds a Medusa amount with tax fractions to the currency's precision, and says so in the log", async () => {
    const warnings: string[] = []
    const { sessionId } = newSession()
    const base = env.provider()
    const provider = new AmazonPayProviderService({ ...(base as unknown as { container: Record<string, unknown> }).container, logger: { warn: (m: string) => warnings.push(m) } }, env.options)
    const result = await provider.initiatePayment({ amount: { value: "11.8881", precision: 20 }, currency_code: "usd", data: { session_id: sessionId } })
    expect(asData(result.data).chargeAmount).toEqual({ amount: "11.89", currencyCode: "USD" })
    expect(warnings).toEqual([expect.stringContaining("11.8881 USD rounded to 11.89")])
    await provider.initiatePayment({ amount: 11.89, currency_code: "usd", data: { session_id: sessionId } })
    expect(warnings).toHaveLength(1)
  })

  it("uses ProcessOrder with the result URL when the storefront supplies the address", async () => {
    const provider = env.provider({ capture: "on_authorize" })
    const { sessionId } = newSession()
    const addressDetails = {
      name: "Jane Doe", addressLine1: "1 Main St", city: "Seattle", postalCode: "98101", countryCode: "US", phoneNumber: "2065550100",
    }
    const result = await provider.initiatePayment({ amount: 1400, currency_code: "jpy", data: { session_id: sessionId, addressDetails } })
    const data = asData(result.data)
    const payload = JSON.parse(data.button!.payloadJSON)
    expect(payload.webCheckoutDetails).toEqual({ checkoutResultReturnUrl: RESULT_URL, checkoutMode: "ProcessOrder" })
    expect(payload.paymentDetails).toMatchObject({ paymentIntent: "AuthorizeWithCapture", chargeAmount: { amount: "1400", currencyCode: "JPY" } })
    const { checkoutSessionId } = clickButton(env, data.button!)
    env.sandbox.approveCheckoutSession(checkoutSessionId)
    const returned = await provider.initiatePayment({ amount: 1400, currency_code: "jpy", data: { session_id: sessionId, addressDetails, amazonCheckoutSessionId: checkoutSessionId } })
    const authorized = await provider.authorizePayment({ data: asInput(returned.data), context: { idempotency_key: sessionId } })
    expect(authorized.status).toBe(PaymentSessionStatus.CAPTURED)
    expect(env.sandbox.ledger().totals.JPY).toMatchObject({ captured: "1400" })
  })

  it("passes the storefront's address to Amazon as addressDetails with Amazon's districtOrCounty", async () => {
    const provider = env.provider()
    const { sessionId } = newSession()
    const addressDetails = {
      name: "Jane Doe", addressLine1: "1 Main St", city: "Seattle", districtOrCounty: "King County",
      stateOrRegion: "WA", postalCode: "98101", countryCode: "US", phoneNumber: "2065550100",
    }
    const data = asData((await provider.initiatePayment({ amount: 10, currency_code: "usd", data: { session_id: sessionId, addressDetails } })).data)
    expect(JSON.parse(data.button!.payloadJSON).addressDetails).toEqual(addressDetails)
    const { checkoutSessionId } = clickButton(env, data.button!)
    const session = await env.deps().client.getCheckoutSession(checkoutSessionId)
    expect(session.addressDetails).toMatchObject({ city: "Seattle", county: "King County" })
    const county = { ...addressDetails, districtOrCounty: undefined, county: "King County" }
    await expect(provider.initiatePayment({ amount: 10, currency_code: "usd", data: { session_id: sessionId, addressDetails: county } }))
      .rejects.toThrow(/addressDetails.*county/)
  })

  it("refuses bad storefront data, naming the field, an overlong return URL, and a missing return URL", async () => {
    const provider = env.provider()
    const { sessionId } = newSession()
    await expect(
      provider.initiatePayment({ amount: 10, currency_code: "usd", data: { session_id: sessionId, checkoutResultReturnUrl: "javascript:x" } })
    ).rejects.toThrow(/checkoutResultReturnUrl/)
    await expect(
      provider.initiatePayment({ amount: 10, currency_code: "usd", data: { session_id: sessionId, checkoutCancelUrl: `https://shop.example/${"a".repeat(1100)}` } })
    ).rejects.toThrow(/checkoutCancelUrl/)
    const noUrls = env.provider({ checkoutReviewReturnUrl: undefined })
    await expect(noUrls.initiatePayment({ amount: 10, currency_code: "usd", data: { session_id: sessionId } })).rejects.toThrow(
      /checkoutReviewReturnUrl/
    )
  })

  it("runs the express flow: the review return sets the current amount and returns amazonPayRedirectUrl", async () => {
    const provider = env.provider()
    const { data, ref } = await expressCheckout(env, provider, "19.99")
    expect(data.checkoutSessionId).toBeTruthy()
    expect(data.button).toBeNull()
    expect(data.amazonPayRedirectUrl).toContain(`/checkout/${data.checkoutSessionId}`)
    expect((await provider.getPaymentStatus({ data: asInput(data) })).status).toBe(PaymentSessionStatus.PENDING)
    const result = await provider.authorizePayment({ data: asInput(data), context: { idempotency_key: ref.paymentSessionId as string } })
    expect(result.status).toBe(PaymentSessionStatus.AUTHORIZED)
    const authorized = asData(result.data)
    expect(authorized.chargePermissionState).toBe("Chargeable")
    expect(authorized.charges).toEqual([expect.objectContaining({ state: "Authorized", amount: { amount: "19.99", currencyCode: "USD" } })])
    expect(env.sandbox.ledger().totals.USD).toMatchObject({ authorized: "19.99", captured: "0.00" })
    // The journal holds the call and the objects, bound to the cart.
    const [complete] = env.journal.operations.filter((o) => o.payment_collection_id === ref.paymentCollectionId)
    expect(complete).toMatchObject({ kind: "complete_checkout", status: "succeeded", amount: "19.99", target_id: data.checkoutSessionId })
    expect(env.journal.objects.filter((o) => o.payment_collection_id === ref.paymentCollectionId).map((o) => o.object_type).sort()).toEqual([
      "Charge", "ChargePermission", "CheckoutSession",
    ])
  })

  it("authorizes with Complete Checkout Session first, then reads the charge and permission in parallel: no read before", async () => {
    const provider = env.provider()
    const { data, ref } = await expressCheckout(env, provider, "20.00")
    env.sandbox.clearRequestCounts()
    const result = await provider.authorizePayment({ data: asInput(data), context: { idempotency_key: ref.paymentSessionId as string } })
    expect(result.status).toBe(PaymentSessionStatus.AUTHORIZED)
    const calls = Object.fromEntries(Object.entries(env.sandbox.requestCounts()).map(([operation, c]) => [operation, c.requests]))
    expect(calls).toEqual({ completeCheckoutSession: 1, getCharge: 1, getChargePermission: 1 })
  })

  it("reconciles a repeated authorize (a retry, another session of the same cart) instead of completing twice", async () => {
    const provider = env.provider()
    const { data, ref } = await expressCheckout(env, provider, "25.00")
    const first = await provider.authorizePayment({ data: asInput(data), context: { idempotency_key: ref.paymentSessionId as string } })
    const retrySession = `${ref.paymentSessionId}R`
    env.session(retrySession, ref.paymentCollectionId)
    const again = await provider.authorizePayment({ data: asInput({ ...data, session_id: retrySession }), context: { idempotency_key: retrySession } })
    expect(again.status).toBe(PaymentSessionStatus.AUTHORIZED)
    expect(asData(again.data).charges.map((c) => c.chargeId)).toEqual(asData(first.data).charges.map((c) => c.chargeId))
    expect(env.sandbox.ledger().chargePermissions[asData(first.data).chargePermissionId!].charges).toHaveLength(1)
  })

  it("cart changed before the buyer was sent to Amazon's confirmation: the amount is set, the buyer confirms it", async () => {
    const provider = env.provider()
    const { sessionId } = newSession()
    const button = asData((await provider.initiatePayment({ amount: "50.00", currency_code: "usd", data: { session_id: sessionId } })).data).button!
    const { checkoutSessionId } = clickButton(env, button)
    env.sandbox.approveCheckoutSession(checkoutSessionId)
    // Back from the review leg, the storefront applies shipping: the total is 57.50 now.
    const reviewed = asData((await provider.initiatePayment({ amount: "57.50", currency_code: "usd", data: { session_id: sessionId, amazonCheckoutSessionId: checkoutSessionId } })).data)
    expect(reviewed.amazonPayRedirectUrl).toContain(checkoutSessionId)
    expect((await env.deps().client.getCheckoutSession(checkoutSessionId)).paymentDetails?.chargeAmount).toEqual({ amount: "57.50", currencyCode: "USD" })
    env.sandbox.approveCheckoutSession(checkoutSessionId, { outcome: "success" })
    const result = await provider.authorizePayment({ data: asInput(reviewed), context: { idempotency_key: sessionId } })
    expect(result.status).toBe(PaymentSessionStatus.AUTHORIZED)
    expect(env.sandbox.ledger().totals.USD).toMatchObject({ authorized: "57.50" })
  })

  it("cart changed after the buyer may have confirmed: a new Amazon checkout from a fresh button, the old one untouched", async () => {
    const provider = env.provider()
    const confirmed = await expressCheckout(env, provider, "50.00")
    const changed = asData((await provider.initiatePayment({
      amount: "55.00",
      currency_code: "usd",
      data: { session_id: confirmed.ref.paymentSessionId, amazonCheckoutSessionId: confirmed.checkoutSessionId },
    })).data)
    expect(changed.buyerActionRequired).toMatchObject({ reason: "NewCheckoutRequired" })
    expect(changed.checkoutSessionId).toBeNull()
    expect(JSON.parse(changed.button!.payloadJSON).paymentDetails.chargeAmount).toEqual({ amount: "55.00", currencyCode: "USD" })
    expect((await env.deps().client.getCheckoutSession(confirmed.checkoutSessionId)).paymentDetails?.chargeAmount?.amount).toBe("50.00")
    await expect(provider.authorizePayment({ data: asInput(changed), context: { idempotency_key: confirmed.ref.paymentSessionId as string } })).rejects.toThrow(
      /amazonCheckoutSessionId/
    )
    // Authorizing the stale data instead (the storefront kept the old checkout): requires_more with a fresh button.
    const stale = await provider.authorizePayment({
      data: asInput({ ...confirmed.data, chargeAmount: { amount: "55.00", currencyCode: "USD" } }),
      context: { idempotency_key: confirmed.ref.paymentSessionId as string },
    })
    expect(stale.status).toBe(PaymentSessionStatus.REQUIRES_MORE)
    expect(asData(stale.data)).toMatchObject({ checkoutSessionId: null, buyerActionRequired: { reason: "NewCheckoutRequired" } })
    expect(asData(stale.data).button).toBeTruthy()
    expect(env.sandbox.ledger().chargePermissions).toEqual({})
  })

  it("turns a decline into a payment authorization error with Amazon's reason", async () => {
    const provider = env.provider()
    const { data, ref } = await expressCheckout(env, provider, "10.00", "declined")
    const error = await provider.authorizePayment({ data: asInput(data), context: { idempotency_key: ref.paymentSessionId as string } }).catch((e) => e)
    expect(error).toBeInstanceOf(MedusaError)
    expect(error.type).toBe(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR)
    expect(error.message).toMatch(/Declined/)
  })

  it("refuses a buyer-canceled checkout as not allowed, with the reason", async () => {
    const provider = env.provider()
    const { data, ref } = await expressCheckout(env, provider, "10.00", "buyerCanceled")
    const error = await provider.authorizePayment({ data: asInput(data), context: { idempotency_key: ref.paymentSessionId as string } }).catch((e) => e)
    expect(error.type).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(error.message).toMatch(/BuyerCanceled/)
    expect((await provider.getPaymentStatus({ data: asInput(data) })).status).toBe(PaymentSessionStatus.CANCELED)
  })

  it("places a pending authorization when allowed, and reads the settled state later", async () => {
    const provider = env.provider({ canHandlePendingAuthorization: true })
    const { data, ref } = await expressCheckout(env, provider, "30.00", "pendingThenAuthorized")
    const result = await provider.authorizePayment({ data: asInput(data), context: { idempotency_key: ref.paymentSessionId as string } })
    expect(result.status).toBe(PaymentSessionStatus.PENDING_AUTHORIZATION)
    expect(env.journal.objects.find((o) => o.object_type === "Charge" && o.payment_collection_id === ref.paymentCollectionId)?.pending).toBe(true)
    env.sandbox.advanceClock(61_000)
    const status = await provider.getPaymentStatus({ data: result.data })
    expect(status.status).toBe(PaymentSessionStatus.AUTHORIZED)
  })

  it("asks for amazonCheckoutSessionId clearly when authorize has none", async () => {
    const provider = env.provider()
    const { sessionId } = newSession()
    const initiated = await provider.initiatePayment({ amount: 5, currency_code: "usd", data: { session_id: sessionId } })
    await expect(provider.authorizePayment({ data: initiated.data, context: { idempotency_key: sessionId } })).rejects.toThrow(/amazonCheckoutSessionId/)
  })

  it("deletes an uncompleted session without throwing and reports an unreadable webhook as not supported", async () => {
    const provider = env.provider()
    const { data } = await expressCheckout(env, provider, "5.00")
    await expect(provider.deletePayment({ data: asInput(data) })).resolves.toEqual({ data })
    await expect(provider.getWebhookActionAndData({ data: {}, rawData: "", headers: {} })).resolves.toEqual({ action: "not_supported" })
  })
})

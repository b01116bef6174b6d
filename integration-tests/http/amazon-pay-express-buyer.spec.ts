/**
 * Express checkout completing in Medusa: the buyer picks address and payment method on Amazon
 * first, and `POST /store/amazon-pay/carts/:id/buyer` brings the buyer's email, name and addresses
 * into the cart, so shipping options and totals come from them. The route is bound to the cart:
 * another cart's checkout session is refused and nothing changes. The provider signs
 * deliverySpecifications with the region's countries (regionCountriesOnly) and the sandbox's buyer
 * side refuses any other country, as Amazon's page does.
 */
import { AMAZON_PAY_PROVIDER_ID, describeOutcome, isClientError, outcomeOf } from "../../tools/test-kit"
import { amazonPayStoreSuite } from "../../tools/test-kit/amazon-pay-suite"

jest.setTimeout(180_000)

const DELIVERY = { regionCountriesOnly: true, specialRestrictions: ["RestrictPOBoxes"] }

/** What Amazon answers for a UK-style US address without state and a buyer without phone. */
const NO_STATE_NO_PHONE = {
  name: "Mary Anne Jones",
  addressLine1: "500 Pine Street",
  addressLine2: "Floor 3",
  addressLine3: "Back door",
  city: "Seattle",
  stateOrRegion: null,
  postalCode: "98101",
  countryCode: "US",
  phoneNumber: null,
}

amazonPayStoreSuite({ env: { AMAZON_PAY_DELIVERY_SPECIFICATIONS: JSON.stringify(DELIVERY) } }, (suite) => {
  const storefront = () => suite.ctx.storefront

  /** A cart with one item and nothing else: the buyer has told the store nothing yet. */
  async function emptyHandedCart() {
    const cart = await storefront().createCart({ region_id: suite.ctx.store.regions.usd })
    await storefront().addLineItem(cart.id, suite.ctx.store.variantId, 1)
    return cart.id as string
  }

  /** Button -> Amazon's page, where the buyer chooses `approval` -> back on the review URL. */
  async function reviewLeg(cartId: string, approval: Record<string, unknown> = {}) {
    const session = await storefront().initiatePaymentSession(cartId, AMAZON_PAY_PROVIDER_ID)
    const { checkoutSessionId } = await suite.sandbox.clickButton(session.data.button)
    const answer = await fetch(`${suite.sandbox.url}/sandbox/buyer/checkoutSessions/${checkoutSessionId}/approve`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(approval),
    })
    return { checkoutSessionId, button: session.data.button, approval: { status: answer.status, body: await answer.json() } }
  }

  it("signs the region's countries and an estimated amount into the express button; Amazon refuses other countries", async () => {
    const cartId = await emptyHandedCart()
    const { button, approval } = await reviewLeg(cartId, { shippingAddress: { ...NO_STATE_NO_PHONE, countryCode: "JP", postalCode: "153-0064" } })
    expect(JSON.parse(button.payloadJSON).deliverySpecifications).toEqual({
      specialRestrictions: ["RestrictPOBoxes"],
      addressRestrictions: { type: "Allowed", restrictions: { US: {} } },
    })
    expect(button.estimatedOrderAmount).toEqual({ amount: "50.00", currencyCode: "USD" })
    expect([approval.status, approval.body.message]).toEqual([400, expect.stringMatching(/does not ship to this address \(JP\)/)])
  })

  it("applies the Amazon buyer to the cart, then shipping, totals and the order follow from it", async () => {
    const cartId = await emptyHandedCart()
    const { checkoutSessionId, approval } = await reviewLeg(cartId, {
      buyer: { name: "Mary Anne Jones", email: "mary.jones@example.com" },
      shippingAddress: NO_STATE_NO_PHONE,
    })
    expect(approval.status).toBe(200)

    const cart = await storefront().applyAmazonBuyer(cartId, checkoutSessionId)
    expect(cart.email).toBe("mary.jones@example.com")
    expect(cart.shipping_address).toMatchObject({
      first_name: "Mary Anne",
      last_name: "Jones",
      address_1: "500 Pine Street",
      address_2: "Floor 3, Back door",
      city: "Seattle",
      postal_code: "98101",
      country_code: "us",
      province: null,
      phone: null,
    })
    expect(cart.billing_address).toMatchObject({ first_name: "Mary Anne", last_name: "Jones", address_1: "500 Pine Street", country_code: "us" })

    const [option] = await storefront().listShippingOptions(cartId)
    expect(option).toBeDefined()
    const shipped = await storefront().addShippingMethod(cartId, option.id)
    expect(shipped.total).toBe(60)

    const review = await storefront().initiatePaymentSession(cartId, AMAZON_PAY_PROVIDER_ID, { amazonCheckoutSessionId: checkoutSessionId })
    expect(review.data.amazonPayRedirectUrl).toContain(checkoutSessionId)
    await suite.sandbox.approve(checkoutSessionId, "success")
    const result = await storefront().completeCart(cartId)
    expect(result.type).toBe("order")
    if (result.type !== "order") return
    expect(result.order).toMatchObject({ email: "mary.jones@example.com", total: 60 })
    const permissionId = (await suite.sandbox.checkoutSession(checkoutSessionId)).chargePermissionId as string
    expect((await suite.sandbox.ledger()).chargePermissions[permissionId]).toMatchObject({ authorized: "60.00", captured: "0.00" })
  })

  it("refuses another cart's checkout session (and unknown ones) with a 4xx and changes nothing", async () => {
    const victim = await emptyHandedCart()
    const attacker = await emptyHandedCart()
    await reviewLeg(victim)
    const { checkoutSessionId: attackersCheckout } = await reviewLeg(attacker, {
      buyer: { name: "Eve Attacker", email: "eve@example.com" },
      shippingAddress: NO_STATE_NO_PHONE,
    })
    const before = await storefront().getCart(victim)

    const attempts = [
      await outcomeOf(storefront().applyAmazonBuyer(victim, attackersCheckout)),
      await outcomeOf(storefront().applyAmazonBuyer(victim, "S01-0000000-0000000-UNKNOWN")),
      await outcomeOf(storefront().applyAmazonBuyer(victim, "not an id!")),
      await outcomeOf(storefront().applyAmazonBuyer("cart_01NOSUCHCART", attackersCheckout)),
    ]
    expect(attempts.map(describeOutcome)).toEqual([
      expect.stringMatching(/^4\d\d .*does not belong to this cart/),
      expect.stringMatching(/^4\d\d /),
      expect.stringMatching(/^400 .*amazon_checkout_session_id/),
      expect.stringMatching(/^404 /),
    ])
    expect(attempts.every(isClientError)).toBe(true)
    const after = await storefront().getCart(victim)
    expect([after.email, after.shipping_address, after.billing_address, after.updated_at]).toEqual([
      before.email,
      before.shipping_address,
      before.billing_address,
      before.updated_at,
    ])
  })

  it("refuses a cart without an Amazon Pay session and a buyer who has not chosen on Amazon yet", async () => {
    const cartId = await emptyHandedCart()
    const none = await outcomeOf(storefront().applyAmazonBuyer(cartId, "S01-0000000-0000000"))
    expect(describeOutcome(none)).toMatch(/^400 .*no Amazon Pay payment session/)
    const session = await storefront().initiatePaymentSession(cartId, AMAZON_PAY_PROVIDER_ID)
    const { checkoutSessionId } = await suite.sandbox.clickButton(session.data.button)
    const early = await outcomeOf(storefront().applyAmazonBuyer(cartId, checkoutSessionId))
    expect(describeOutcome(early)).toMatch(/^400 .*has not finished/)
  })
})

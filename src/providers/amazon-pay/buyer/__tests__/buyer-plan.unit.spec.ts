import type { Address, CheckoutSession } from "../../../../lib/amazon-pay/types"
import { medusaAddressOf, planBuyerUpdate, splitName } from "../buyer-plan"

const CART = { id: "cart_01A", completedAt: null, paymentCollectionId: "pay_col_01A", regionCountries: ["us", "gb"] }

const address = (fields: Partial<Address> = {}): Address => ({
  name: "Oliver Brown",
  addressLine1: "221B Baker Street",
  addressLine2: null,
  addressLine3: null,
  city: "London",
  county: null,
  district: null,
  stateOrRegion: null,
  postalCode: "NW1 6XE",
  countryCode: "GB",
  phoneNumber: null,
  ...fields,
})

const session = (fields: Partial<CheckoutSession> = {}): CheckoutSession =>
  ({
    checkoutSessionId: "S01-1111111-1111111",
    statusDetails: { state: "Open", reasonCode: null, reasonDescription: null, lastUpdatedTimestamp: "20260101T000000Z" },
    merchantMetadata: { merchantReferenceId: "pay_col_01A" },
    buyer: { buyerId: "B1", name: "Oliver Brown", email: "oliver@example.co.uk", phoneNumber: "020 7946 0000", primeMembershipTypes: null },
    shippingAddress: address(),
    billingAddress: null,
    ...fields,
  }) as CheckoutSession

describe("Amazon buyer -> Medusa cart", () => {
  it("splits Amazon's single name at the last word", () => {
    expect([splitName("Mary Anne Jones"), splitName("Cher"), splitName("  "), splitName(null)]).toEqual([
      { first_name: "Mary Anne", last_name: "Jones" },
      { first_name: "Cher", last_name: "" },
      { first_name: "", last_name: "" },
      { first_name: "", last_name: "" },
    ])
  })

  it("maps an address without state (left out) and phone (the buyer's instead); extra lines join address_2", () => {
    expect(medusaAddressOf(address({ addressLine2: "Flat 2", addressLine3: "Rear" }), "020 7946 0000")).toEqual({
      first_name: "Oliver",
      last_name: "Brown",
      address_1: "221B Baker Street",
      address_2: "Flat 2, Rear",
      city: "London",
      postal_code: "NW1 6XE",
      country_code: "gb",
      phone: "020 7946 0000",
    })
    expect(medusaAddressOf(address(), null)).not.toHaveProperty("phone")
    expect(medusaAddressOf(address({ countryCode: null }), null)).toBeNull()
    expect(medusaAddressOf(null, null)).toBeNull()
  })

  it("plans email, shipping and billing (billing falls back to shipping)", () => {
    const plan = planBuyerUpdate(CART, session())
    expect(plan).toMatchObject({ id: "cart_01A", email: "oliver@example.co.uk", shipping_address: { country_code: "gb" } })
    expect(plan.billing_address).toEqual(plan.shipping_address)
    const payOnly = planBuyerUpdate(CART, session({ shippingAddress: null, billingAddress: address({ countryCode: "FR" }) }))
    expect(payOnly).not.toHaveProperty("shipping_address")
    expect(payOnly.billing_address?.country_code).toBe("fr")
  })

  it.each([
    ["another cart's checkout", CART, session({ merchantMetadata: { merchantReferenceId: "pay_col_01B" } }), /does not belong to this cart/],
    ["a cart without payment collection", { ...CART, paymentCollectionId: null }, session(), /has no Amazon Pay checkout/],
    ["a completed cart", { ...CART, completedAt: "2026-01-01" }, session(), /already completed/],
    ["a canceled checkout", CART, session({ statusDetails: { state: "Canceled", reasonCode: "BuyerCanceled" } as never }), /is Canceled/],
    ["a buyer not back from Amazon", CART, session({ buyer: null, shippingAddress: null }), /has not finished/],
    ["a country outside the region", CART, session({ shippingAddress: address({ countryCode: "JP" }) }), /does not ship to JP/],
  ])("refuses %s", (_case, cart, checkout, message) => {
    expect(() => planBuyerUpdate(cart, checkout)).toThrow(message)
  })
})

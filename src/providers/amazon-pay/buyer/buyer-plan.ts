/**
 * Express checkout, review leg: the buyer chose address and payment method on Amazon and is back on
 * the store's review page. This is the pure half: from the Checkout Session Amazon answered and the
 * cart's facts, either a refusal or the cart update in Medusa's shape (email, shipping and billing
 * address), so the storefront can list shipping options and recompute totals.
 *
 * Amazon returns addresses whose fields may be null, except countryCode ("Checkout Session" >
 * Address): `stateOrRegion` is often absent (UK addresses), `phoneNumber` may be missing. Medusa's
 * cart address has every field optional, so a missing state is left out (never invented), and a
 * missing phone falls back to the buyer's phone, else is left out.
 */
import { MedusaError } from "@medusajs/framework/utils"
import type { Address, CheckoutSession } from "../../../lib/amazon-pay/types"
import { assertCheckoutOwnedBy } from "../binding"

/** The cart as the route reads it. */
export interface BuyerCartFacts {
  id: string
  completedAt: string | null
  paymentCollectionId: string | null
  /** Medusa's lower-case ISO 3166 alpha-2 codes of the cart's region. */
  regionCountries: string[]
}

/** A Medusa cart address (`POST /store/carts/:id` shipping_address / billing_address). */
export interface MedusaCartAddress {
  first_name: string
  last_name: string
  address_1: string
  address_2?: string
  city?: string
  province?: string
  postal_code?: string
  country_code: string
  phone?: string
}

export interface BuyerCartUpdate {
  id: string
  email?: string
  shipping_address?: MedusaCartAddress
  billing_address?: MedusaCartAddress
}

const refuse = (message: string) => new MedusaError(MedusaError.Types.NOT_ALLOWED, message)
const text = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

/** Amazon gives one `name`; Medusa wants first and last: the last word is the last name. */
export function splitName(name: string | null | undefined): { first_name: string; last_name: string } {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean)
  if (words.length < 2) {
    return { first_name: words[0] ?? "", last_name: "" }
  }
  return { first_name: words.slice(0, -1).join(" "), last_name: words[words.length - 1] }
}

/** Amazon's Address -> Medusa's cart address; null when Amazon sent no usable address. */
export function medusaAddressOf(address: Address | null | undefined, buyerPhone: string | null | undefined): MedusaCartAddress | null {
  const country = text(address?.countryCode)
  const line1 = text(address?.addressLine1)
  if (!address || !country || !line1) {
    return null
  }
  const line2 = [address.addressLine2, address.addressLine3].map(text).filter(Boolean).join(", ")
  const optional: Array<[keyof MedusaCartAddress, string | undefined]> = [
    ["address_2", line2 || undefined],
    ["city", text(address.city)],
    ["province", text(address.stateOrRegion)],
    ["postal_code", text(address.postalCode)],
    ["phone", text(address.phoneNumber) ?? text(buyerPhone)],
  ]
  return {
    ...splitName(address.name),
    address_1: line1,
    country_code: country.toLowerCase(),
    ...Object.fromEntries(optional.filter(([, value]) => value !== undefined)),
  }
}

/**
 * Refuses unless the cart can take a buyer and the Checkout Session was started for this cart (its
 * signed merchantReferenceId is the cart's payment collection: binding.ts), is Open and the buyer
 * finished Amazon's review step; then the update. The refusal names no other cart.
 */
export function planBuyerUpdate(cart: BuyerCartFacts, session: CheckoutSession): BuyerCartUpdate {
  if (cart.completedAt) {
    throw refuse(`Cart ${cart.id} is already completed`)
  }
  if (!cart.paymentCollectionId) {
    throw refuse(`Cart ${cart.id} has no Amazon Pay checkout: initiate the Amazon Pay payment session and show its button first`)
  }
  assertCheckoutOwnedBy(session, null, cart.paymentCollectionId)
  if (session.statusDetails.state !== "Open") {
    throw refuse(`Amazon Pay checkout session ${session.checkoutSessionId} is ${session.statusDetails.state}: restart the Amazon Pay checkout`)
  }
  const buyerPhone = session.buyer?.phoneNumber
  const shipping = medusaAddressOf(session.shippingAddress, buyerPhone)
  const billing = medusaAddressOf(session.billingAddress, buyerPhone)
  const email = text(session.buyer?.email)
  if (!email && !shipping && !billing) {
    throw refuse(`The buyer has not finished Amazon Pay's review step for checkout session ${session.checkoutSessionId} yet`)
  }
  if (shipping && !cart.regionCountries.includes(shipping.country_code)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `The store does not ship to ${shipping.country_code.toUpperCase()} from this cart's region: choose another address on Amazon Pay`
    )
  }
  return {
    id: cart.id,
    ...(email ? { email } : {}),
    ...(shipping ? { shipping_address: shipping } : {}),
    // No billing address from Amazon (PayAndShip without one): Medusa's checkout uses the shipping address.
    ...(billing ?? shipping ? { billing_address: (billing ?? shipping) as MedusaCartAddress } : {}),
  }
}

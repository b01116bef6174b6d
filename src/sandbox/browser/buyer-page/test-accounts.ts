/**
 * The sandbox's test Amazon accounts: buyers, an address book and payment methods. Addresses span
 * countries and include one without a phone number and one without a state or region, because
 * Amazon returns both as null when the buyer's address has none ("Checkout Session" > Address:
 * every field but countryCode may be null; UK addresses usually have no stateOrRegion), plus a PO
 * box and a Packstation for the merchant's deliverySpecifications (delivery-restrictions.ts). Payment
 * methods stand for Amazon's simulated buyer cards (Amazon Pay "Testing your integration",
 * sandbox card numbers): each leads to one buyer outcome (records.ts BUYER_OUTCOMES).
 */
import type { Address } from "../../../lib/amazon-pay/types"
import type { BuyerOutcome } from "../../records"

export interface TestBuyer {
  id: string
  name: string
  email: string
  phoneNumber: string | null
}

export interface TestAddress {
  id: string
  /** Short label for the choice, e.g. "United States". */
  country: string
  /** What Amazon would return for this address; missing parts are null as in Amazon's answers. */
  address: Address
}

export interface TestPaymentMethod {
  id: string
  /** The card as Amazon shows it (`paymentPreferences[].paymentDescriptor`). */
  descriptor: string
  outcome: BuyerOutcome
  /** What happens when the merchant completes the checkout. */
  effect: string
}

export const TEST_BUYERS: readonly TestBuyer[] = [
  { id: "susie", name: "Susie Smith", email: "susie.smith@example.com", phoneNumber: "800-000-0000" },
  { id: "oliver", name: "Oliver Brown", email: "oliver.brown@example.co.uk", phoneNumber: null },
  { id: "hanako", name: "Hanako Yamada", email: "hanako.yamada@example.jp", phoneNumber: "03-5555-0100" },
]

const address = (fields: Partial<Address> & Pick<Address, "name" | "addressLine1" | "city" | "postalCode" | "countryCode">): Address => ({
  addressLine2: null,
  addressLine3: null,
  county: null,
  district: null,
  stateOrRegion: null,
  phoneNumber: null,
  ...fields,
})

export const TEST_ADDRESSES: readonly TestAddress[] = [
  {
    id: "us-chicago",
    country: "United States",
    address: address({
      name: "Susie Smith",
      addressLine1: "10 Ditka Ave",
      addressLine2: "Suite 2500",
      city: "Chicago",
      stateOrRegion: "IL",
      postalCode: "60602",
      countryCode: "US",
      phoneNumber: "800-000-0000",
    }),
  },
  {
    id: "gb-london",
    country: "United Kingdom (no state or region)",
    address: address({
      name: "Oliver Brown",
      addressLine1: "221B Baker Street",
      city: "London",
      postalCode: "NW1 6XE",
      countryCode: "GB",
      phoneNumber: "020 7946 0000",
    }),
  },
  {
    id: "de-berlin",
    country: "Germany (no phone number)",
    address: address({
      name: "Erika Mustermann",
      addressLine1: "Heidestraße 17",
      city: "Berlin",
      stateOrRegion: "Berlin",
      postalCode: "10557",
      countryCode: "DE",
    }),
  },
  {
    id: "us-po-box",
    country: "United States (PO box)",
    address: address({
      name: "Susie Smith",
      addressLine1: "PO Box 4120",
      city: "Seattle",
      stateOrRegion: "WA",
      postalCode: "98194",
      countryCode: "US",
      phoneNumber: "800-000-0000",
    }),
  },
  {
    id: "de-packstation",
    country: "Germany (Packstation)",
    address: address({
      name: "Erika Mustermann",
      addressLine1: "Packstation 105",
      addressLine2: "Postnummer 12345678",
      city: "Berlin",
      stateOrRegion: "Berlin",
      postalCode: "10117",
      countryCode: "DE",
    }),
  },
  {
    id: "jp-tokyo",
    country: "Japan",
    address: address({
      name: "Hanako Yamada",
      addressLine1: "1-8-1 Shimomeguro",
      city: "Meguro-ku",
      stateOrRegion: "Tokyo",
      postalCode: "153-0064",
      countryCode: "JP",
      phoneNumber: "03-5555-0100",
    }),
  },
]

export const TEST_PAYMENT_METHODS: readonly TestPaymentMethod[] = [
  { id: "card-1111", descriptor: "Visa ****1111", outcome: "success", effect: "the payment succeeds" },
  { id: "card-3434", descriptor: "Visa ****3434", outcome: "declined", effect: "the payment is declined (Canceled / Declined)" },
  { id: "card-3064", descriptor: "Visa ****3064", outcome: "buyerCanceled", effect: "the buyer abandons the payment (Canceled / BuyerCanceled)" },
  {
    id: "card-0701",
    descriptor: "Visa ****0701",
    outcome: "pendingThenAuthorized",
    effect: "pending, then authorized (needs canHandlePendingAuthorization)",
  },
  {
    id: "card-4354",
    descriptor: "Visa ****4354",
    outcome: "pendingThenDeclined",
    effect: "pending, then declined (needs canHandlePendingAuthorization)",
  },
]

/** One line for a choice or a summary: "Susie Smith, 10 Ditka Ave, Suite 2500, Chicago, IL 60602, US". */
export function formatAddress(value: Address): string {
  const cityLine = [value.city, [value.stateOrRegion, value.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ")
  return [value.name, value.addressLine1, value.addressLine2, value.addressLine3, cityLine, value.countryCode].filter(Boolean).join(", ")
}

/** The test address equal to `value` (same first line, postal code and country), if any. */
export function findTestAddress(value: Address | null | undefined): TestAddress | undefined {
  return value
    ? TEST_ADDRESSES.find(
        (a) => a.address.addressLine1 === value.addressLine1 && a.address.postalCode === value.postalCode && a.address.countryCode === value.countryCode
      )
    : undefined
}

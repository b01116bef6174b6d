/**
 * Binding an Amazon checkout to the Medusa cart that started it.
 *
 * The button payload the provider signs, and every Update Checkout Session it sends, set
 * `merchantMetadata.merchantReferenceId` to the cart's Medusa payment collection id (`pay_col_...`).
 * A storefront cannot change it: the payload is signed, and only the merchant's key can update a
 * checkout session. The payment collection survives Medusa replacing the payment session on every
 * initiate, so the reference still names the right cart when the buyer comes back.
 *
 * Whatever a storefront hands in (`amazonCheckoutSessionId`) is checked against that reference
 * with Amazon before anything is read for the storefront, updated, completed or recorded: a
 * storefront holding another buyer's checkout id gets a 4xx and nothing changes (Amazon Pay
 * "Checkout Session" > merchantMetadata; a Completed session answers merchantMetadata as null on
 * Amazon's "Verify & complete checkout" page, so its Charge Permission's reference is used).
 */
import { MedusaError } from "@medusajs/framework/utils"
import type { ChargePermission, CheckoutSession, Price } from "../../lib/amazon-pay/types"
import { comparePrices } from "./amounts"

/** Medusa payment collection ids: `pay_col_` + a ULID. */
const PAYMENT_COLLECTION_ID = /^pay_col_[A-Za-z0-9]{1,64}$/

export function isPaymentCollectionId(value: unknown): value is string {
  return typeof value === "string" && PAYMENT_COLLECTION_ID.test(value)
}

/** The reference signed into the button and set on the checkout session. */
export function checkoutReferenceFor(paymentCollectionId: string): string {
  if (!isPaymentCollectionId(paymentCollectionId)) {
    throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Amazon Pay needs the cart's payment collection id to bind the checkout")
  }
  return paymentCollectionId
}

/** The payment collection a checkout session or charge permission was created for, or null. */
export function paymentCollectionOf(object: { merchantMetadata?: { merchantReferenceId?: string | null } | null } | null | undefined): string | null {
  const reference = object?.merchantMetadata?.merchantReferenceId
  return isPaymentCollectionId(reference) ? reference : null
}

function refuse(message: string): MedusaError {
  return new MedusaError(MedusaError.Types.NOT_ALLOWED, message)
}

/**
 * Throws unless the checkout (an Open one by its own reference, a Completed one by its charge
 * permission's) was started for `paymentCollectionId`. The message names no other cart.
 */
export function assertCheckoutOwnedBy(
  session: Pick<CheckoutSession, "checkoutSessionId" | "merchantMetadata" | "statusDetails">,
  permission: Pick<ChargePermission, "merchantMetadata"> | null,
  paymentCollectionId: string
): void {
  const owner = paymentCollectionOf(session) ?? paymentCollectionOf(permission)
  if (owner !== paymentCollectionId) {
    throw refuse(
      `Amazon Pay checkout session ${session.checkoutSessionId} does not belong to this cart: start the Amazon Pay ` +
        `checkout from this cart's button`
    )
  }
}

/** Throws unless a Completed checkout authorized exactly this cart's amount. */
export function assertCompletedForAmount(chargeAmount: Price | null | undefined, expected: Price, checkoutSessionId: string): void {
  if (!chargeAmount || chargeAmount.currencyCode !== expected.currencyCode || comparePrices(chargeAmount, expected) !== 0) {
    throw refuse(
      `Amazon Pay checkout session ${checkoutSessionId} was completed for another amount than this cart's ` +
        `${expected.amount} ${expected.currencyCode}: start a new Amazon Pay checkout`
    )
  }
}

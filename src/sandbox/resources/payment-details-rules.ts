/**
 * Rules on a Checkout Session's `paymentDetails` (Create / Update Checkout Session, button payload,
 * Finalize), checked on the details as they would stand after the request:
 * - amounts: format, currency, totalOrderAmount >= chargeAmount (money.ts for the formats);
 * - `softDescriptor` only with paymentIntent AuthorizeWithCapture: "Description shown on the buyer
 *   payment instrument statement, if PaymentIntent is set to AuthorizeWithCapture. Do not use if
 *   PaymentIntent is set to Confirm or Authorize" (official .NET SDK, WebStore/Types/PaymentDetails.cs;
 *   WooCommerce sends it "ONLY FOR AuthorizeWithCapture"). Amazon names no reasonCode for this misuse;
 *   its generic one for a value not allowed is 400 InvalidParameterValue ("Manage errors").
 * - `canHandlePendingAuthorization: true` with AuthorizeWithCapture: undocumented, and Amazon's
 *   plugins send it only with Authorize (WooCommerce: async only for "authorize"; Magento 2 the same).
 *   Refused with 400 InvalidParameterValue unless `pendingWithCapture: "allow"` (behaviour.ts).
 */
import type { PaymentDetails } from "../../lib/amazon-pay/types"
import type { Behaviour } from "../behaviour"
import { badRequest } from "../api-error"
import { requireCurrency, toMinor } from "../money"

export function checkPaymentDetails(details: PaymentDetails | null | undefined, behaviour: Behaviour): void {
  checkAmounts(details)
  if (!details) {
    return
  }
  if (details.softDescriptor && details.paymentIntent !== "AuthorizeWithCapture") {
    throw badRequest(
      "InvalidParameterValue",
      "paymentDetails.softDescriptor can only be used with paymentIntent AuthorizeWithCapture"
    )
  }
  if (details.canHandlePendingAuthorization === true && details.paymentIntent === "AuthorizeWithCapture" && behaviour.pendingWithCapture === "refuse") {
    throw badRequest(
      "InvalidParameterValue",
      "paymentDetails.canHandlePendingAuthorization true can only be used with paymentIntent Authorize"
    )
  }
}

function checkAmounts(details: PaymentDetails | null | undefined): void {
  if (!details?.chargeAmount) {
    if (details?.totalOrderAmount) {
      toMinor(details.totalOrderAmount, "paymentDetails.totalOrderAmount")
    }
    return
  }
  const charge = toMinor(details.chargeAmount, "paymentDetails.chargeAmount", { allowZero: true })
  const currency = details.chargeAmount.currencyCode
  if (details.presentmentCurrency && details.presentmentCurrency !== currency) {
    throw badRequest("CurrencyMismatch", "paymentDetails.presentmentCurrency does not match chargeAmount.currencyCode")
  }
  if (details.totalOrderAmount) {
    requireCurrency(details.totalOrderAmount, currency, "paymentDetails.totalOrderAmount")
    if (toMinor(details.totalOrderAmount, "paymentDetails.totalOrderAmount") < charge) {
      throw badRequest("InvalidParameterValue", "paymentDetails.totalOrderAmount is less than chargeAmount")
    }
  }
}

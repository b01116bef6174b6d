/**
 * The signed `createCheckoutSessionConfig` for Amazon's button (Amazon Pay "Add the Amazon Pay
 * button" and "Set payment info" / "Checkout Session" request body). Two flows:
 * - express: the buyer picks address and payment on Amazon, returns to `checkoutReviewReturnUrl`;
 *   the result URL and the final amount are set later by Update Checkout Session.
 * - ProcessOrder: the store already has the address (`addressDetails` from the storefront), Amazon
 *   skips the review step and returns straight to `checkoutResultReturnUrl`.
 */
import type { AmazonPayClient } from "../../lib/amazon-pay/client"
import type { CreateCheckoutSessionRequest, DeliverySpecifications, PaymentDetails, Price } from "../../lib/amazon-pay/types"
import { checkoutReferenceFor } from "./binding"
import { DEFAULT_LEDGER_CURRENCY, type AmazonPayOptions } from "./options"
import type { AmazonPayButtonConfig } from "./payment-data"
import { requireUrl, returnUrls, type StorefrontInput } from "./storefront-input"

/**
 * paymentDetails for exactly `chargeAmount`, by the configured capture mode. Each field only where
 * Amazon documents it: `softDescriptor` with AuthorizeWithCapture only ("do not use if
 * PaymentIntent is set to Confirm or Authorize", official .NET SDK PaymentDetails; WooCommerce
 * sends it only then; later captures carry their own), `canHandlePendingAuthorization` with
 * Authorize only (Amazon's Magento 2 and WooCommerce plugins send it only then; its meaning with
 * AuthorizeWithCapture is undocumented).
 */
export function paymentDetailsFor(options: AmazonPayOptions, chargeAmount: Price): PaymentDetails {
  if (options.capture === "on_authorize") {
    return {
      paymentIntent: "AuthorizeWithCapture",
      chargeAmount,
      ...(options.softDescriptor ? { softDescriptor: options.softDescriptor } : {}),
    }
  }
  return { paymentIntent: "Authorize", canHandlePendingAuthorization: options.canHandlePendingAuthorization, chargeAmount }
}

/** The reference binds the checkout to the cart's payment collection (binding.ts). */
export function merchantMetadataFor(options: AmazonPayOptions, paymentCollectionId: string) {
  return {
    merchantReferenceId: checkoutReferenceFor(paymentCollectionId),
    ...(options.merchantStoreName ? { merchantStoreName: options.merchantStoreName } : {}),
  }
}

export function buttonPayload(
  options: AmazonPayOptions,
  input: StorefrontInput,
  paymentCollectionId: string,
  chargeAmount: Price,
  deliverySpecifications?: DeliverySpecifications
): CreateCheckoutSessionRequest {
  const urls = returnUrls(input, options)
  const cancel = urls.checkoutCancelUrl ? { checkoutCancelUrl: urls.checkoutCancelUrl } : {}
  const webCheckoutDetails = input.addressDetails
    ? {
        checkoutResultReturnUrl: requireUrl(urls, "checkoutResultReturnUrl"),
        checkoutMode: "ProcessOrder" as const,
        ...cancel,
      }
    : { checkoutReviewReturnUrl: requireUrl(urls, "checkoutReviewReturnUrl"), ...cancel }
  return {
    webCheckoutDetails,
    storeId: options.storeId,
    paymentDetails: paymentDetailsFor(options, chargeAmount),
    merchantMetadata: merchantMetadataFor(options, paymentCollectionId),
    ...(input.addressDetails ? { addressDetails: input.addressDetails } : {}),
    ...(deliverySpecifications ? { deliverySpecifications } : {}),
  }
}

/**
 * The signed configuration for `amazon.Pay.renderButton`. Express buttons (no `addressDetails`)
 * also carry `estimatedOrderAmount`: Amazon uses it to assess risk and to hide payment methods that
 * cannot pay that much, before the final amount is known ("Amazon Pay script" > renderButton); in
 * the ProcessOrder flow the signed `chargeAmount` is final, so it is not needed.
 */
export function signedButton(
  client: AmazonPayClient,
  options: AmazonPayOptions,
  input: StorefrontInput,
  paymentCollectionId: string,
  chargeAmount: Price,
  deliverySpecifications?: DeliverySpecifications
): AmazonPayButtonConfig {
  const signed = client.signButtonPayload(buttonPayload(options, input, paymentCollectionId, chargeAmount, deliverySpecifications))
  return {
    payloadJSON: signed.payloadJSON,
    signature: signed.signature,
    publicKeyId: signed.publicKeyId,
    algorithm: signed.algorithm,
    merchantId: options.merchantId,
    ledgerCurrency: options.ledgerCurrency ?? DEFAULT_LEDGER_CURRENCY[options.region],
    ...(options.checkoutLanguage ? { checkoutLanguage: options.checkoutLanguage } : {}),
    productType: input.productType ?? "PayAndShip",
    placement: "Checkout",
    sandbox: options.sandbox || options.publicKeyId.startsWith("SANDBOX-"),
    chargeAmount,
    ...(input.addressDetails ? {} : { estimatedOrderAmount: chargeAmount }),
  }
}

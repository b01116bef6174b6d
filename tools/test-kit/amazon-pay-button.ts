/**
 * A merchant for browser tests without Medusa: the sandbox with throwaway credentials, the
 * project's Amazon Pay client as the merchant's server (signs button payloads, updates and
 * completes checkouts), and button configurations shaped like the provider's `data.button`.
 */
import { AmazonPayClient, type CreateCheckoutSessionRequest, type Price } from "../../src/lib/amazon-pay"
import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../../src/sandbox"
import type { AmazonPayButtonConfig } from "../../src/storefront"

export const TEST_MERCHANT_ID = "SANDBOX-MERCHANT"
export const TEST_STORE_NAME = "Medusa Test Store"

export interface SandboxMerchant {
  sandbox: AmazonPaySandbox
  client: AmazonPayClient
  close(): Promise<void>
}

export async function startSandboxMerchant(): Promise<SandboxMerchant> {
  const keys = generateSandboxCredentials()
  const sandbox = await startAmazonPaySandbox({ publicKeys: { [keys.publicKeyId]: keys.publicKeyPem }, merchantId: TEST_MERCHANT_ID })
  const client = new AmazonPayClient({ publicKeyId: keys.publicKeyId, privateKey: keys.privateKeyPem, region: "us", baseUrl: sandbox.url, retry: false })
  return { sandbox, client, close: () => sandbox.close() }
}

export interface ButtonPayloadInput {
  reviewUrl?: string
  resultUrl?: string
  cancelUrl?: string
  chargeAmount?: Price
  /** The cart's payment collection the provider binds the checkout to. */
  merchantReferenceId?: string
  addressDetails?: CreateCheckoutSessionRequest["addressDetails"]
}

/** The payload the provider signs: express flow by default, ProcessOrder with `addressDetails`. */
export function buttonPayload(input: ButtonPayloadInput): CreateCheckoutSessionRequest {
  const chargeAmount = input.chargeAmount ?? { amount: "64.00", currencyCode: "USD" }
  const cancel = input.cancelUrl ? { checkoutCancelUrl: input.cancelUrl } : {}
  return {
    webCheckoutDetails: input.addressDetails
      ? { checkoutResultReturnUrl: input.resultUrl, checkoutMode: "ProcessOrder", ...cancel }
      : { checkoutReviewReturnUrl: input.reviewUrl, ...cancel },
    storeId: "amzn1.application-oa2-client.sandbox",
    paymentDetails: { paymentIntent: "Authorize", canHandlePendingAuthorization: false, chargeAmount },
    merchantMetadata: { merchantReferenceId: input.merchantReferenceId ?? "pay_col_01TESTBROWSER", merchantStoreName: TEST_STORE_NAME },
    ...(input.addressDetails ? { addressDetails: input.addressDetails } : {}),
  }
}

/** A button configuration as the provider returns it in `payment_session.data.button`. */
export function signedButtonConfig(client: AmazonPayClient, input: ButtonPayloadInput): AmazonPayButtonConfig {
  const payload = buttonPayload(input)
  const signed = client.signButtonPayload(payload)
  return {
    payloadJSON: signed.payloadJSON,
    signature: signed.signature,
    publicKeyId: signed.publicKeyId,
    algorithm: signed.algorithm,
    merchantId: TEST_MERCHANT_ID,
    ledgerCurrency: "USD",
    productType: "PayAndShip",
    placement: "Checkout",
    sandbox: true,
    chargeAmount: payload.paymentDetails?.chargeAmount ?? undefined,
  }
}

/** What the provider does when the buyer is back on the review page: the result URL and the final amount. */
export function prepareResultLeg(client: AmazonPayClient, checkoutSessionId: string, resultUrl: string, chargeAmount: Price) {
  return client.updateCheckoutSession(checkoutSessionId, {
    webCheckoutDetails: { checkoutResultReturnUrl: resultUrl },
    paymentDetails: { paymentIntent: "Authorize", canHandlePendingAuthorization: false, chargeAmount },
  })
}

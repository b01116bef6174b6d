/**
 * `medusa-payment-amazon-pay/storefront`: a small, framework-free browser kit for Medusa
 * storefronts using the Amazon Pay provider. No React, no bundled Medusa SDK: pass your
 * `@medusajs/js-sdk` instance. React: `medusa-payment-amazon-pay/storefront/react`.
 * Guide and the Next.js starter changes: src/storefront/README.md.
 */
export * from "./amazon-pay-js"
export {
  buttonConfigSchema,
  createCheckoutSessionConfig,
  parseButtonConfig,
  readButtonConfig,
  type AmazonPayButtonConfig,
} from "./button-config"
export { AmazonPayStorefrontError, isAmazonPayStorefrontError, type AmazonPayStorefrontErrorCode } from "./storefront-error"
export { loadAmazonPayScript, type LoadScriptOptions } from "./load-script"
export {
  AMAZON_PAY_PROVIDER_ID,
  applyAmazonBuyerToCart,
  completeAmazonPayCart,
  continueToAmazonPay,
  findAmazonPaySession,
  finishAmazonPay,
  handAmazonCheckoutToCart,
  initiateAmazonPaySession,
  startAmazonPay,
  type AmazonPayCompletion,
  type AmazonPaySessionExtras,
  type MedusaCallOptions,
  type MedusaStoreSdk,
  type StoreCart,
  type StorePaymentSession,
} from "./medusa"
export { renderAmazonPayButton, renderDecoupledAmazonPayButton, type DecoupledButtonOptions, type RenderAmazonPayButtonOptions } from "./render-button"
export { buttonRenderOptions, decoupledButtonOptions, type AmazonPayMerchantSettings, type ButtonDisplayOptions } from "./render-options"
export { CHECKOUT_SESSION_ID_PARAM, isAmazonCheckoutSessionId, readAmazonCheckoutSessionId, type ReturnUrlSource } from "./return-url"
export { SCRIPT_REGIONS, amazonPayScriptUrl, type AmazonPayScriptRegion, type AmazonPayScriptSource } from "./script-url"
export {
  addressDetailsFromMedusa,
  amazonPaySessionData,
  type AmazonPayAddressDetails,
  type AmazonPaySessionInput,
} from "./session-input"

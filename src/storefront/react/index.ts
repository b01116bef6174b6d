"use client"
/**
 * `medusa-payment-amazon-pay/storefront/react`: `<AmazonPayButton>` and `useAmazonPayButton` for
 * React storefronts (React is an optional peer dependency; the framework-free kit never imports it).
 */
export { AmazonPayButton, type AmazonPayButtonProps } from "./amazon-pay-button"
export {
  useAmazonPayButton,
  type AmazonPayButtonSource,
  type AmazonPayButtonStatus,
  type UseAmazonPayButtonOptions,
} from "./use-amazon-pay-button"
export { useAmazonPayBuyer, type AmazonPayBuyerStatus, type UseAmazonPayBuyerOptions } from "./use-amazon-pay-buyer"

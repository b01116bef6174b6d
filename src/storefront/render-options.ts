/**
 * The options for `amazon.Pay.renderButton` built from the provider's signed configuration: the
 * signed payload goes through unchanged; only display choices (colour, placement) are the page's.
 * Amazon's own plugins show the button on product, cart and checkout pages: `placement` tells
 * Amazon which one ("Amazon Pay script": Home, Product, Cart, Checkout, Other).
 */
import type { AmazonPayButtonColor, AmazonPayPlacement, AmazonPayPrice, AmazonPayProductType, CheckoutLanguage, LedgerCurrency, RenderButtonOptions } from "./amazon-pay-js"
import { createCheckoutSessionConfig, type AmazonPayButtonConfig } from "./button-config"

export interface ButtonDisplayOptions {
  /** @default "Gold" */
  buttonColor?: AmazonPayButtonColor
  /** Where the button is; @default the configuration's placement ("Checkout"). */
  placement?: AmazonPayPlacement
  /**
   * Amazon uses it to assess risk and hide payment methods that cannot pay this much. @default the
   * configuration's `estimatedOrderAmount` (express buttons), else the signed `chargeAmount`;
   * `false` leaves it out.
   */
  estimatedOrderAmount?: AmazonPayPrice | false
}

/** The merchant settings a decoupled button needs before any payment session exists. */
export interface AmazonPayMerchantSettings {
  merchantId: string
  ledgerCurrency: LedgerCurrency
  sandbox?: boolean
  checkoutLanguage?: CheckoutLanguage
  productType?: AmazonPayProductType
}

const estimated = (display: ButtonDisplayOptions, fallback: AmazonPayPrice | undefined) =>
  display.estimatedOrderAmount === false ? undefined : (display.estimatedOrderAmount ?? fallback)

/** renderButton options without `createCheckoutSessionConfig`: the decoupled button. */
export function decoupledButtonOptions(merchant: AmazonPayMerchantSettings, display: ButtonDisplayOptions = {}): RenderButtonOptions {
  const amount = estimated(display, undefined)
  return {
    merchantId: merchant.merchantId,
    ledgerCurrency: merchant.ledgerCurrency,
    ...(merchant.sandbox !== undefined ? { sandbox: merchant.sandbox } : {}),
    ...(merchant.checkoutLanguage ? { checkoutLanguage: merchant.checkoutLanguage } : {}),
    productType: merchant.productType ?? "PayAndShip",
    placement: display.placement ?? "Checkout",
    buttonColor: display.buttonColor ?? "Gold",
    ...(amount ? { estimatedOrderAmount: amount } : {}),
  }
}

/** renderButton options for a signed configuration (`payment_session.data.button`). */
export function buttonRenderOptions(config: AmazonPayButtonConfig, display: ButtonDisplayOptions = {}): RenderButtonOptions {
  const amount = estimated(display, config.estimatedOrderAmount ?? config.chargeAmount)
  return {
    ...decoupledButtonOptions(config, { ...display, placement: display.placement ?? config.placement, estimatedOrderAmount: false }),
    ...(amount ? { estimatedOrderAmount: amount } : {}),
    createCheckoutSessionConfig: createCheckoutSessionConfig(config),
  }
}

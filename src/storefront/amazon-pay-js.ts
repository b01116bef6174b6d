/**
 * Types of the API Amazon's `checkout.js` puts on `window.amazon.Pay` (Amazon Pay "Amazon Pay
 * script": renderButton parameters and value lists; "Decoupling" on Amazon Pay's onboarding site for
 * `button.onClick` / `button.initCheckout`). The sandbox's stand-in (`<sandbox>/checkout.js`) has
 * the same API.
 */
export const LEDGER_CURRENCIES = ["USD", "EUR", "GBP", "JPY"] as const
export const CHECKOUT_LANGUAGES = ["en_US", "en_GB", "de_DE", "fr_FR", "it_IT", "es_ES", "ja_JP"] as const
export const PLACEMENTS = ["Home", "Product", "Cart", "Checkout", "Other"] as const
export const PRODUCT_TYPES = ["PayAndShip", "PayOnly"] as const
export const BUTTON_COLORS = ["Gold", "LightGray", "DarkGray"] as const
export const SIGNATURE_ALGORITHMS = ["AMZN-PAY-RSASSA-PSS", "AMZN-PAY-RSASSA-PSS-V2"] as const

export type LedgerCurrency = (typeof LEDGER_CURRENCIES)[number]
export type CheckoutLanguage = (typeof CHECKOUT_LANGUAGES)[number]
export type AmazonPayPlacement = (typeof PLACEMENTS)[number]
export type AmazonPayProductType = (typeof PRODUCT_TYPES)[number]
export type AmazonPayButtonColor = (typeof BUTTON_COLORS)[number]
export type AmazonPaySignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number]

export interface AmazonPayPrice {
  /** Decimal string in major units, e.g. "64.00" ("1500" for JPY). */
  amount: string
  currencyCode: string
}

export interface CreateCheckoutSessionConfig {
  /** The exact JSON string that was signed: never re-serialize it. */
  payloadJSON: string
  signature: string
  publicKeyId?: string
  algorithm?: AmazonPaySignatureAlgorithm
}

export interface RenderButtonOptions {
  merchantId: string
  publicKeyId?: string
  ledgerCurrency: LedgerCurrency
  sandbox?: boolean
  checkoutLanguage?: CheckoutLanguage
  productType?: AmazonPayProductType
  placement: AmazonPayPlacement
  buttonColor?: AmazonPayButtonColor
  estimatedOrderAmount?: AmazonPayPrice
  /** Omitted for the decoupled button: the click runs `onClick`, which calls `initCheckout`. */
  createCheckoutSessionConfig?: CreateCheckoutSessionConfig
}

export interface InitCheckoutRequest {
  createCheckoutSessionConfig: CreateCheckoutSessionConfig
  estimatedOrderAmount?: AmazonPayPrice
  productType?: AmazonPayProductType
}

/** What `amazon.Pay.renderButton` returns. */
export interface AmazonPayButtonHandle {
  onClick(callback: () => void | Promise<void>): void
  initCheckout(request: InitCheckoutRequest): void
}

export interface AmazonPayChangeActionOptions {
  amazonCheckoutSessionId: string
  changeAction: "changeAddress" | "changePayment"
}

/** `window.amazon.Pay`. */
export interface AmazonPayApi {
  /** Returns nothing (and logs why to the console) when the options are invalid. */
  renderButton(selector: string, options: RenderButtonOptions): AmazonPayButtonHandle | undefined
  initCheckout(options: RenderButtonOptions & { createCheckoutSessionConfig: CreateCheckoutSessionConfig }): void
  bindChangeAction(selector: string, options: AmazonPayChangeActionOptions): void
  signout(): void | Promise<void>
}

import type { AmazonPayButtonConfig as ProviderButtonConfig } from "../../providers/amazon-pay/payment-data"
import { readButtonConfig, type AmazonPayButtonConfig } from "../button-config"
import { buttonRenderOptions, decoupledButtonOptions } from "../render-options"

/**
 * The kit reads every field the provider writes to `payment_session.data.button` and no other
 * (checked by tsc; the kit's value types are narrower and checked at run time).
 */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false
const sameFields: SameKeys<ProviderButtonConfig, AmazonPayButtonConfig> = true

const PAYLOAD = JSON.stringify({ webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" }, storeId: "amzn1.x" })

const providerButton = (): ProviderButtonConfig => ({
  payloadJSON: PAYLOAD,
  signature: "c2lnbmF0dXJl",
  publicKeyId: "SANDBOX-AAAA",
  algorithm: "AMZN-PAY-RSASSA-PSS-V2",
  merchantId: "A1MERCHANT",
  ledgerCurrency: "EUR",
  checkoutLanguage: "de_DE",
  productType: "PayAndShip",
  placement: "Checkout",
  sandbox: true,
  chargeAmount: { amount: "64.00", currencyCode: "EUR" },
  estimatedOrderAmount: { amount: "64.00", currencyCode: "EUR" },
})

describe("button configuration", () => {
  it("reads the provider's data.button and keeps payloadJSON byte for byte", () => {
    const config = readButtonConfig({ session_id: "payses_1", button: { ...providerButton(), futureField: 1 } })
    expect(sameFields).toBe(true)
    expect(config).toEqual(providerButton())
    expect(config.payloadJSON).toBe(PAYLOAD)
  })

  it.each([
    [{}, /data\.button/],
    [{ button: { ...providerButton(), signature: "" } }, /data\.button\.signature/],
    [{ button: { ...providerButton(), ledgerCurrency: "CHF" } }, /data\.button\.ledgerCurrency/],
    [{ button: { ...providerButton(), algorithm: "RS256" } }, /data\.button\.algorithm/],
    [{ button: { ...providerButton(), chargeAmount: { amount: "64,00", currencyCode: "EUR" } } }, /data\.button\.chargeAmount\.amount/],
    [{ button: { ...providerButton(), publicKeyId: undefined, merchantId: 7 } }, /data\.button\.publicKeyId, data\.button\.merchantId/],
    [{ button: { ...providerButton(), payloadJSON: '["not", "an object"]' } }, /payloadJSON is not a JSON object/],
    [{ button: { ...providerButton(), payloadJSON: PAYLOAD.slice(0, -1) } }, /payloadJSON is not a JSON object/],
  ])("refuses %j with a message naming the field", (data, message) => {
    expect(() => readButtonConfig(data as never)).toThrow(message)
  })

  it("builds renderButton options: the signed config unchanged, display choices from the page", () => {
    const config = readButtonConfig({ button: providerButton() })
    expect(buttonRenderOptions(config)).toEqual({
      merchantId: "A1MERCHANT",
      ledgerCurrency: "EUR",
      sandbox: true,
      checkoutLanguage: "de_DE",
      productType: "PayAndShip",
      placement: "Checkout",
      buttonColor: "Gold",
      estimatedOrderAmount: { amount: "64.00", currencyCode: "EUR" },
      createCheckoutSessionConfig: { payloadJSON: PAYLOAD, signature: "c2lnbmF0dXJl", publicKeyId: "SANDBOX-AAAA", algorithm: "AMZN-PAY-RSASSA-PSS-V2" },
    })
    const onCart = buttonRenderOptions(config, { placement: "Cart", buttonColor: "DarkGray", estimatedOrderAmount: false })
    expect([onCart.placement, onCart.buttonColor, "estimatedOrderAmount" in onCart]).toEqual(["Cart", "DarkGray", false])
  })

  it("builds the decoupled button's options without any signed payload", () => {
    expect(decoupledButtonOptions({ merchantId: "A1MERCHANT", ledgerCurrency: "USD" }, { placement: "Product" })).toEqual({
      merchantId: "A1MERCHANT",
      ledgerCurrency: "USD",
      productType: "PayAndShip",
      placement: "Product",
      buttonColor: "Gold",
    })
  })
})

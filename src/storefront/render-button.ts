/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Renders Amazon's button into an element:
 * - `renderAmazonPayButton(target, button, options)`: from a signed configuration
 *   (`payment_session.data.button`); a click starts Amazon's checkout.
 * - `renderDecoupledAmazonPayButton(target, merchant, prepare, options)`: the button shows before
 *   any payment session exists (product and cart pages); a click runs `prepare` (e.g. initiate the
 *   Amazon Pay session for the cart) and starts the checkout with the configuration it returns
 *   ("Decoupling", Amazon Pay onboarding).
 * The element's content is replaced, so rendering again (a new amount, a new signature) never
 * leaves two buttons.
 */
import type { AmazonPayButtonHandle } from "./amazon-pay-js"
import { createCheckoutSessionConfig, parseButtonConfig, type AmazonPayButtonConfig } from "./button-config"
import { AmazonPayStorefrontError } from "./storefront-error"
import { loadAmazonPayScript, type LoadScriptOptions } from "./load-script"
import { buttonRenderOptions, decoupledButtonOptions, type AmazonPayMerchantSettings, type ButtonDisplayOptions } from "./render-options"
import type { AmazonPayScriptSource } from "./script-url"

export interface RenderAmazonPayButtonOptions extends ButtonDisplayOptions, LoadScriptOptions {
  /** Amazon's regional script, or the local sandbox's stand-in. */
  script: AmazonPayScriptSource
}

export interface DecoupledButtonOptions extends RenderAmazonPayButtonOptions {
  /** Called when `prepare` fails (the checkout does not start). */
  onError?: (error: unknown) => void
}

let generated = 0

/** A selector for the element (renderButton takes selectors), giving it an id if it has none. */
function selectorFor(target: string | Element): string {
  if (typeof target === "string") {
    return target
  }
  if (!target.id) {
    generated += 1
    target.id = `amazon-pay-button-${generated}`
  }
  return `#${CSS.escape(target.id)}`
}

function emptied(target: string | Element): string {
  const selector = selectorFor(target)
  const element = typeof target === "string" ? document.querySelector(selector) : target
  if (!element) {
    throw new AmazonPayStorefrontError("ButtonNotRendered", `No element matches ${selector} to render the Amazon Pay button into`)
  }
  element.replaceChildren()
  return selector
}

function rendered(handle: AmazonPayButtonHandle | undefined): AmazonPayButtonHandle {
  if (!handle || typeof handle.onClick !== "function") {
    throw new AmazonPayStorefrontError("ButtonNotRendered", "Amazon Pay did not render the button: its reason is in the browser console")
  }
  return handle
}

export async function renderAmazonPayButton(
  target: string | Element,
  button: AmazonPayButtonConfig,
  options: RenderAmazonPayButtonOptions
): Promise<AmazonPayButtonHandle> {
  const config = parseButtonConfig(button)
  const pay = await loadAmazonPayScript(options.script, options)
  return rendered(pay.renderButton(emptied(target), buttonRenderOptions(config, options)))
}

export async function renderDecoupledAmazonPayButton(
  target: string | Element,
  merchant: AmazonPayMerchantSettings,
  prepare: () => Promise<AmazonPayButtonConfig>,
  options: DecoupledButtonOptions
): Promise<AmazonPayButtonHandle> {
  const pay = await loadAmazonPayScript(options.script, options)
  const handle = rendered(pay.renderButton(emptied(target), decoupledButtonOptions(merchant, options)))
  handle.onClick(async () => {
    try {
      const config = parseButtonConfig(await prepare())
      const amount = options.estimatedOrderAmount === false ? undefined : (options.estimatedOrderAmount ?? config.estimatedOrderAmount ?? config.chargeAmount)
      handle.initCheckout({ createCheckoutSessionConfig: createCheckoutSessionConfig(config), ...(amount ? { estimatedOrderAmount: amount } : {}) })
    } catch (error) {
      if (options.onError) {
        options.onError(error)
      } else {
        console.error("[medusa-payment-amazon-pay] the Amazon Pay checkout could not start:", error)
      }
    }
  })
  return handle
}

/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/* istanbul ignore file -- served as source text to browsers: coverage counters would reference module variables they cannot see */
/**
 * The sandbox's stand-in for Amazon's `checkout.js` (`https://static-{na|eu|fe}.payments-amazon.com/checkout.js`),
 * with the API storefronts call (Amazon Pay "Amazon Pay script"; the decoupled button from Amazon
 * Pay's onboarding guide "Decoupling"; option names and value lists as typed by BigCommerce's
 * checkout-sdk `amazon-pay-v2` integration):
 *
 * - `amazon.Pay.renderButton(selector, options)` renders a real `<button>` named "Amazon Pay" and
 *   returns `{ onClick(callback), initCheckout(requestConfig) }`. With `createCheckoutSessionConfig`
 *   a click starts the checkout; without it ("decoupled") a click only runs the `onClick` callback,
 *   which calls `initCheckout({ createCheckoutSessionConfig })` when the store is ready.
 * - `amazon.Pay.initCheckout(options)` starts the checkout from a store's own button.
 * - `amazon.Pay.bindChangeAction(selector, { amazonCheckoutSessionId, changeAction })` sends the
 *   buyer back to the sandbox's buyer page to change the address or payment method; it returns to
 *   `checkoutReviewReturnUrl`.
 * - `amazon.Pay.signout()` forgets the test buyer the buyer page remembered (a cookie on the
 *   sandbox's origin). Amazon's returns nothing; this one returns a Promise, which callers may ignore.
 *
 * Starting the checkout posts the signed payload to `POST <sandbox>/sandbox/buyer/checkoutSessions`
 * (the sandbox verifies the signature exactly as for its control API) and sends the browser to the
 * buyer page. Invalid options are reported with `console.error` and render nothing, as Amazon's
 * script does; nothing here throws into the store's code.
 *
 * THIS FUNCTION RUNS IN THE BROWSER. `source.ts` serves it with `Function.prototype.toString`, so
 * it must not use anything outside its own body: no imports at run time, no module-level helpers.
 */

/** Values fixed by the sandbox when it serves the script. */
export interface StandInSettings {
  /** The sandbox's own base URL, used when `document.currentScript` is unavailable. */
  baseUrl: string
}

export function installAmazonPayStandIn(settings: StandInSettings): void {
  type Options = Record<string, unknown>
  type SessionConfig = { payloadJSON: string; signature: string; publicKeyId: string; algorithm?: string }
  type Ui = { button: HTMLButtonElement; status: HTMLElement }

  const PREFIX = "[Amazon Pay sandbox checkout.js]"
  const LEDGER_CURRENCIES = ["USD", "EUR", "GBP", "JPY"]
  const PLACEMENTS = ["Home", "Product", "Cart", "Checkout", "Other"]
  const PRODUCT_TYPES = ["PayAndShip", "PayOnly"]
  const BUTTON_COLORS = ["Gold", "LightGray", "DarkGray"]
  const LANGUAGES = ["en_US", "en_GB", "de_DE", "fr_FR", "it_IT", "es_ES", "ja_JP"]
  const ALGORITHMS = ["AMZN-PAY-RSASSA-PSS", "AMZN-PAY-RSASSA-PSS-V2"]
  const CHANGE_ACTIONS = ["changeAddress", "changePayment"]
  const COLORS: Record<string, { background: string; border: string; text: string }> = {
    Gold: { background: "#FFD814", border: "#FCD200", text: "#0F1111" },
    LightGray: { background: "#E7E9EC", border: "#ADB1B8", text: "#0F1111" },
    DarkGray: { background: "#232F3E", border: "#131A22", text: "#FFFFFF" },
  }

  const current = document.currentScript as HTMLScriptElement | null
  const base = current && current.src ? new URL(current.src).origin : settings.baseUrl.replace(/\/+$/, "")

  const report = (message: string): void => {
    console.error(`${PREFIX} ${message}`)
  }
  const isObject = (value: unknown): value is Options => typeof value === "object" && value !== null && !Array.isArray(value)
  const isText = (value: unknown): value is string => typeof value === "string" && value.trim().length > 0

  /** Problems with the options shared by renderButton and initCheckout; empty when valid. */
  function checkOptions(options: unknown, requireSessionConfig: boolean): string[] {
    if (!isObject(options)) {
      return ["the options must be an object"]
    }
    const problems: string[] = []
    const oneOf = (name: string, allowed: string[], required: boolean) => {
      const value = options[name]
      if (value === undefined || value === null) {
        if (required) {
          problems.push(`${name} is required (one of ${allowed.join(", ")})`)
        }
      } else if (typeof value !== "string" || !allowed.includes(value)) {
        problems.push(`${name} must be one of ${allowed.join(", ")}`)
      }
    }
    if (!isText(options.merchantId)) {
      problems.push("merchantId is required")
    }
    oneOf("ledgerCurrency", LEDGER_CURRENCIES, true)
    oneOf("placement", PLACEMENTS, !requireSessionConfig)
    oneOf("productType", PRODUCT_TYPES, false)
    oneOf("buttonColor", BUTTON_COLORS, false)
    oneOf("checkoutLanguage", LANGUAGES, false)
    if (options.sandbox !== undefined && typeof options.sandbox !== "boolean") {
      problems.push("sandbox must be true or false")
    }
    problems.push(...checkPrice(options.estimatedOrderAmount, "estimatedOrderAmount"))
    const config = options.createCheckoutSessionConfig
    if (config === undefined || config === null) {
      if (requireSessionConfig) {
        problems.push("createCheckoutSessionConfig is required")
      }
    } else {
      problems.push(...checkSessionConfig(config, options.publicKeyId))
    }
    return problems
  }

  function checkPrice(value: unknown, name: string): string[] {
    if (value === undefined || value === null) {
      return []
    }
    if (!isObject(value) || typeof value.amount !== "string" || !/^\d{1,12}(\.\d{1,2})?$/.test(value.amount)) {
      return [`${name} must be { amount: "12.34", currencyCode: "USD" }`]
    }
    return typeof value.currencyCode === "string" && /^[A-Z]{3}$/.test(value.currencyCode)
      ? []
      : [`${name}.currencyCode must be an ISO 4217 code such as USD`]
  }

  function checkSessionConfig(config: unknown, topLevelPublicKeyId: unknown): string[] {
    if (!isObject(config)) {
      return ["createCheckoutSessionConfig must be an object"]
    }
    const problems: string[] = []
    if (!isText(config.payloadJSON)) {
      problems.push("createCheckoutSessionConfig.payloadJSON is required (the exact signed JSON string)")
    }
    if (!isText(config.signature)) {
      problems.push("createCheckoutSessionConfig.signature is required")
    }
    if (!isText(config.publicKeyId) && !isText(topLevelPublicKeyId)) {
      problems.push("publicKeyId is required (in createCheckoutSessionConfig or next to merchantId)")
    }
    if (config.algorithm !== undefined && (typeof config.algorithm !== "string" || !ALGORITHMS.includes(config.algorithm))) {
      problems.push(`createCheckoutSessionConfig.algorithm must be one of ${ALGORITHMS.join(", ")}`)
    }
    return problems
  }

  function sessionConfigOf(config: Options, topLevelPublicKeyId: unknown): SessionConfig {
    return {
      payloadJSON: config.payloadJSON as string,
      signature: config.signature as string,
      publicKeyId: (isText(config.publicKeyId) ? config.publicKeyId : topLevelPublicKeyId) as string,
      ...(typeof config.algorithm === "string" ? { algorithm: config.algorithm } : {}),
    }
  }

  function showError(ui: Ui | null, message: string): void {
    report(message)
    if (ui) {
      ui.status.textContent = `Amazon Pay could not start the checkout: ${message}`
      ui.status.hidden = false
      ui.button.disabled = false
      ui.button.removeAttribute("aria-busy")
    }
  }

  /** Creates the Checkout Session from the signed payload and sends the browser to the buyer page. */
  async function startCheckout(config: SessionConfig, ui: Ui | null): Promise<void> {
    if (ui) {
      if (ui.button.disabled) {
        return
      }
      ui.button.disabled = true
      ui.button.setAttribute("aria-busy", "true")
      ui.status.hidden = true
      ui.status.textContent = ""
    }
    let response: Response
    try {
      response = await fetch(`${base}/sandbox/buyer/checkoutSessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(config),
      })
    } catch (error) {
      showError(ui, `the Amazon Pay sandbox at ${base} did not answer (${String(error)})`)
      return
    }
    let body: Options | null = null
    try {
      const parsed: unknown = await response.json()
      body = isObject(parsed) ? parsed : null
    } catch {
      body = null
    }
    if (response.status === 201 && body && isText(body.checkoutSessionId)) {
      window.location.assign(`${base}/checkout/${encodeURIComponent(body.checkoutSessionId)}`)
      return
    }
    const reason = body && typeof body.reasonCode === "string" ? body.reasonCode : `HTTP ${response.status}`
    const detail = body && typeof body.message === "string" ? `: ${body.message}` : ""
    showError(ui, `${reason}${detail}`)
  }

  function drawButton(container: Element, color: string): Ui {
    const palette = COLORS[color] ?? COLORS.Gold
    const button = document.createElement("button")
    button.type = "button"
    button.setAttribute("aria-label", "Amazon Pay - use your Amazon Pay sandbox account")
    button.dataset.amazonPaySandbox = "button"
    Object.assign(button.style, {
      display: "flex",
      alignItems: "center",
      justifyContent: "center",
      gap: "8px",
      width: "100%",
      minWidth: "150px",
      maxWidth: "400px",
      height: "45px",
      padding: "0 16px",
      borderRadius: "8px",
      border: `1px solid ${palette.border}`,
      background: palette.background,
      color: palette.text,
      font: "600 17px/1 Arial, Helvetica, sans-serif",
      cursor: "pointer",
    })
    const wordmark = document.createElement("span")
    wordmark.textContent = "amazon pay"
    wordmark.style.letterSpacing = "0.2px"
    const badge = document.createElement("span")
    badge.textContent = "SANDBOX"
    Object.assign(badge.style, { font: "700 10px/1 Arial, sans-serif", padding: "3px 5px", borderRadius: "4px", border: `1px solid ${palette.text}` })
    button.append(wordmark, badge)
    const status = document.createElement("p")
    status.setAttribute("role", "alert")
    status.hidden = true
    Object.assign(status.style, { color: "#B12704", font: "14px/1.4 Arial, sans-serif", margin: "8px 0 0" })
    container.replaceChildren(button, status)
    return { button, status }
  }

  function renderButton(selector: unknown, options: unknown) {
    const problems = checkOptions(options, false)
    if (problems.length > 0) {
      report(`renderButton: ${problems.join("; ")}`)
      return undefined
    }
    const container = typeof selector === "string" ? document.querySelector(selector) : null
    if (!container) {
      report(`renderButton: no element matches ${JSON.stringify(selector)}`)
      return undefined
    }
    const rendered = options as Options
    const ui = drawButton(container, (rendered.buttonColor as string | undefined) ?? "Gold")
    let customAction: (() => unknown) | null = null
    const handle = {
      onClick(callback: unknown): void {
        if (typeof callback !== "function") {
          report("onClick: the callback must be a function")
          return
        }
        customAction = callback as () => unknown
      },
      initCheckout(requestConfig: unknown): void {
        const config = isObject(requestConfig) ? requestConfig.createCheckoutSessionConfig : undefined
        const problems = isObject(requestConfig)
          ? [...checkSessionConfig(config, rendered.publicKeyId), ...checkPrice(requestConfig.estimatedOrderAmount, "estimatedOrderAmount")]
          : ["initCheckout needs { createCheckoutSessionConfig }"]
        if (problems.length > 0) {
          showError(ui, `initCheckout: ${problems.join("; ")}`)
          return
        }
        void startCheckout(sessionConfigOf(config as Options, rendered.publicKeyId), ui)
      },
    }
    ui.button.addEventListener("click", () => {
      if (customAction) {
        try {
          const result = customAction() as { catch?: (handler: (error: unknown) => void) => unknown } | undefined
          result?.catch?.((error) => report(`onClick callback failed: ${String(error)}`))
        } catch (error) {
          report(`onClick callback failed: ${String(error)}`)
        }
        return
      }
      if (isObject(rendered.createCheckoutSessionConfig)) {
        void startCheckout(sessionConfigOf(rendered.createCheckoutSessionConfig, rendered.publicKeyId), ui)
        return
      }
      showError(ui, "no createCheckoutSessionConfig: pass it to renderButton, or call button.onClick(() => button.initCheckout({ createCheckoutSessionConfig }))")
    })
    return handle
  }

  function initCheckout(options: unknown): void {
    const problems = checkOptions(options, true)
    if (problems.length > 0) {
      report(`initCheckout: ${problems.join("; ")}`)
      return
    }
    const given = options as Options
    void startCheckout(sessionConfigOf(given.createCheckoutSessionConfig as Options, given.publicKeyId), null)
  }

  function bindChangeAction(selector: unknown, options: unknown): void {
    if (!isObject(options) || !isText(options.amazonCheckoutSessionId)) {
      report("bindChangeAction: amazonCheckoutSessionId is required")
      return
    }
    if (typeof options.changeAction !== "string" || !CHANGE_ACTIONS.includes(options.changeAction)) {
      report(`bindChangeAction: changeAction must be one of ${CHANGE_ACTIONS.join(", ")}`)
      return
    }
    const elements = typeof selector === "string" ? Array.from(document.querySelectorAll(selector)) : []
    if (elements.length === 0) {
      report(`bindChangeAction: no element matches ${JSON.stringify(selector)}`)
      return
    }
    const target = `${base}/checkout/${encodeURIComponent(options.amazonCheckoutSessionId)}?changeAction=${options.changeAction}`
    for (const element of elements) {
      element.addEventListener("click", (event) => {
        event.preventDefault()
        window.location.assign(target)
      })
    }
  }

  async function signout(): Promise<void> {
    try {
      await fetch(`${base}/sandbox/buyer/signout`, { method: "POST", credentials: "include" })
    } catch (error) {
      report(`signout: the Amazon Pay sandbox at ${base} did not answer (${String(error)})`)
    }
  }

  const host = window as unknown as { amazon?: Record<string, unknown> }
  host.amazon = host.amazon ?? {}
  host.amazon.Pay = { renderButton, initCheckout, bindChangeAction, signout }
}

/**
 * Pages of the test storefront: a shop page that loads the sandbox's checkout.js (another origin)
 * and runs a script with JSON data, and the merchant's return pages.
 */
import type { Page } from "playwright-core"
import { htmlDocument, jsonForScript, returnPage, type Site } from "../../../tools/test-kit/browser-site"

export function shopPage(sandboxUrl: string, script: string, data: Record<string, unknown> = {}, extraBody = ""): string {
  return htmlDocument({
    title: "Test shop",
    head: `<script src="${sandboxUrl}/checkout.js"></script>`,
    body: `<h1>Test shop</h1>${extraBody}<div id="amazon-pay-button"></div>
<script type="application/json" id="data">${jsonForScript(data)}</script>
<script>const data = JSON.parse(document.getElementById("data").textContent);
${script}</script>`,
  })
}

/** renderButton with the given options; the handle (or undefined) is kept in `window.rendered`. */
export const RENDER_SCRIPT = `window.rendered = amazon.Pay.renderButton("#amazon-pay-button", data.options); window.renderedKind = typeof window.rendered`

/** The provider's config as renderButton options (what the README recipe does). */
export function renderOptionsOf(button: Record<string, any>): Record<string, unknown> {
  return {
    merchantId: button.merchantId,
    ledgerCurrency: button.ledgerCurrency,
    sandbox: button.sandbox,
    productType: button.productType,
    placement: button.placement,
    buttonColor: "Gold",
    createCheckoutSessionConfig: {
      payloadJSON: button.payloadJSON,
      signature: button.signature,
      publicKeyId: button.publicKeyId,
      algorithm: button.algorithm,
    },
  }
}

/** Review, result and cancel pages; the review page binds Amazon's change actions to two links. */
export function addReturnPages(site: Site, sandboxUrl: string): void {
  site.route(
    "/review",
    returnPage("Review your order", (url) => {
      const id = url.searchParams.get("amazonCheckoutSessionId") ?? ""
      return `<script src="${sandboxUrl}/checkout.js"></script>
<a href="#" id="change-address">Change address</a> <a href="#" id="change-payment">Change payment method</a>
<script>const id = ${jsonForScript(id)};
amazon.Pay.bindChangeAction("#change-address", { amazonCheckoutSessionId: id, changeAction: "changeAddress" });
amazon.Pay.bindChangeAction("#change-payment", { amazonCheckoutSessionId: id, changeAction: "changePayment" });</script>`
    })
  )
  site.route("/result", returnPage("Thank you"))
  site.route("/cart", returnPage("Your cart"))
}

/** Waits for the browser to be on `pathname` of `origin` and returns its amazonCheckoutSessionId. */
export async function arrivedAt(page: Page, origin: string, pathname: string): Promise<string | null> {
  await page.waitForURL((url) => url.origin === origin && url.pathname === pathname)
  return new URL(page.url()).searchParams.get("amazonCheckoutSessionId")
}

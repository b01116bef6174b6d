/**
 * The storefront kit (`medusa-payment-amazon-pay/storefront`) and its React component in a real
 * browser against the sandbox, bundled the way a storefront's bundler would (esbuild). No Medusa yet:
 * the provider's `payment_session.data` is produced by the test's merchant (same shape and signing).
 */
import { createServer } from "node:net"
import type { Browser, Page } from "playwright-core"
import { signedButtonConfig, startSandboxMerchant, type SandboxMerchant } from "../../tools/test-kit/amazon-pay-button"
import { currentTestName, launchBrowser, withPage, type PageSession } from "../../tools/test-kit/browser"
import { bundleForBrowser, htmlDocument, jsonForScript, startSite, type Site } from "../../tools/test-kit/browser-site"
import { arrivedAt } from "./support/shop"

const KIT_ENTRY = `import * as kit from "./src/storefront"; (window as any).AmazonPayKit = kit`
const REACT_ENTRY = `
import { createElement } from "react"
import { createRoot } from "react-dom/client"
import { AmazonPayButton } from "./src/storefront/react"
;(window as any).mountAmazonPayButton = (element: HTMLElement, props: any) => {
  const root = createRoot(element)
  root.render(createElement(AmazonPayButton, props))
  return { update: (next: any) => root.render(createElement(AmazonPayButton, next)), unmount: () => root.unmount() }
}`

const REVIEW_ENTRY = `
import Medusa from "@medusajs/js-sdk"
import { createElement } from "react"
import { createRoot } from "react-dom/client"
import { useAmazonPayBuyer } from "./src/storefront/react"
function Review(props: any) {
  const state = useAmazonPayBuyer(props.sdk, props.cartId)
  return createElement("output", { id: "buyer-state" }, state.status + ":" + (state.cart?.email ?? state.error?.message ?? ""))
}
;(window as any).mountReview = (element: HTMLElement, cartId: string) =>
  createRoot(element).render(createElement(Review, { sdk: new Medusa({ baseUrl: window.location.origin, publishableKey: "pk_test" }), cartId }))
`

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe("storefront kit (browser)", () => {
  let browser: Browser
  let merchant: SandboxMerchant
  let site: Site

  beforeAll(async () => {
    const [kit, react] = await Promise.all([bundleForBrowser(KIT_ENTRY), bundleForBrowser(REACT_ENTRY)])
    ;[browser, merchant, site] = await Promise.all([launchBrowser(), startSandboxMerchant(), startSite()])
    site.route("/kit.js", () => ({ contentType: "text/javascript", body: kit }))
    site.route("/react.js", () => ({ contentType: "text/javascript", body: react }))
    site.route("/review", () =>
      htmlDocument({
        title: "Review",
        head: `<script src="/kit.js"></script>`,
        body: `<h1>Review</h1><output id="session-id"></output>
<script>document.getElementById("session-id").textContent = AmazonPayKit.readAmazonCheckoutSessionId(window.location)</script>`,
      })
    )
  })
  afterEach(() => merchant.sandbox.reset())
  afterAll(async () => {
    await Promise.all([browser?.close(), merchant?.close(), site?.close()])
  })

  const browse = <T>(run: (session: PageSession) => Promise<T>) => withPage(browser, currentTestName(), run)
  const sessionData = (merchantReferenceId = "pay_col_01KIT") => ({
    session_id: "payses_01KIT",
    button: signedButtonConfig(merchant.client, { reviewUrl: site.url("/review"), merchantReferenceId }),
  })

  /** A page with the kit (or the React bundle), the data as `data`, and `script` run at load (errors shown in #error). */
  function showPage(bundle: "kit" | "react", script: string, data: Record<string, unknown>) {
    site.route("/shop", () =>
      htmlDocument({
        title: "Shop",
        head: `<script src="/kit.js"></script>${bundle === "react" ? `<script src="/react.js"></script>` : ""}`,
        body: `<h1>Shop</h1><div id="amazon-pay-button"></div><p id="error"></p>
<script type="application/json" id="data">${jsonForScript({ sandboxUrl: merchant.sandbox.url, ...data })}</script>
<script>const data = (window.data = JSON.parse(document.getElementById("data").textContent));
window.done = (async () => { ${script} })().then(() => "ok", (error) => {
  document.getElementById("error").textContent = (error.code ? error.code + ": " : "") + error.message; return "failed" })</script>`,
      })
    )
  }

  const loaded = (page: Page) => page.evaluate(() => (window as any).done as Promise<string>)
  const amazonPayButtons = (page: Page) => page.getByRole("button", { name: /Amazon Pay/ })

  async function clickThroughToReview(page: Page): Promise<string> {
    await amazonPayButtons(page).click()
    await page.waitForURL((url) => url.href.startsWith(`${merchant.sandbox.url}/checkout/`))
    await page.getByRole("button", { name: "Continue" }).click()
    const id = await arrivedAt(page, site.origin, "/review")
    await expect(page.locator("#session-id").textContent()).resolves.toBe(id)
    return id as string
  }

  it("renders the provider's data.button from the sandbox's script; rendering again leaves one button, with the new payload", async () => {
    await browse(async ({ page, log }) => {
      showPage(
        "kit",
        `const options = { script: { sandboxUrl: data.sandboxUrl }, placement: "Cart" }
await AmazonPayKit.renderAmazonPayButton("#amazon-pay-button", AmazonPayKit.readButtonConfig(data.first), options)
await AmazonPayKit.renderAmazonPayButton(document.getElementById("amazon-pay-button"), AmazonPayKit.readButtonConfig(data.second), options)`,
        { first: sessionData("pay_col_01FIRST"), second: sessionData("pay_col_01SECOND") }
      )
      await page.goto(site.url("/shop"))
      expect(await loaded(page)).toBe("ok")
      await expect(amazonPayButtons(page).count()).resolves.toBe(1)
      await expect(page.locator('script[src$="/checkout.js"]').count()).resolves.toBe(1)
      const id = await clickThroughToReview(page)
      expect((await merchant.client.getCheckoutSession(id)).merchantMetadata?.merchantReferenceId).toBe("pay_col_01SECOND")
      expect(log.consoleErrors).toEqual([])
    })
  })

  it("refuses a broken data.button before loading any script", async () => {
    await browse(async ({ page }) => {
      const data = sessionData()
      showPage("kit", `AmazonPayKit.readButtonConfig(data.session)`, { session: { ...data, button: { ...data.button, signature: undefined } } })
      await page.goto(site.url("/shop"))
      expect(await loaded(page)).toBe("failed")
      await expect(page.locator("#error").textContent()).resolves.toMatch(/^InvalidButtonConfig: .*data\.button\.signature/)
      await expect(page.locator('script[src$="/checkout.js"]').count()).resolves.toBe(0)
    })
  })

  it("reports a sandbox that is not running, and a second, different checkout.js", async () => {
    await browse(async ({ page }) => {
      showPage(
        "kit",
        `const errors = []
await AmazonPayKit.loadAmazonPayScript({ sandboxUrl: data.deadUrl }).catch((e) => errors.push(e.code + ": " + e.message))
await AmazonPayKit.loadAmazonPayScript({ sandboxUrl: data.sandboxUrl })
await AmazonPayKit.loadAmazonPayScript({ region: "na" }).catch((e) => errors.push(e.code))
document.getElementById("error").textContent = errors.join(" | ")`,
        { deadUrl: `http://127.0.0.1:${await closedPort()}` }
      )
      await page.goto(site.url("/shop"))
      expect(await loaded(page)).toBe("ok")
      const [dead, conflict] = ((await page.locator("#error").textContent()) ?? "").split(" | ")
      expect(dead).toMatch(/^ScriptLoadFailed: .*could not be loaded/)
      expect(conflict).toBe("ScriptConflict")
      await expect(page.locator('script[src$="/checkout.js"]').count()).resolves.toBe(1)
    })
  })

  it("decoupled button: shown before any payment session; the click asks the store for the signed config", async () => {
    await browse(async ({ page }) => {
      let prepared = 0
      site.route("/prepare", () => {
        prepared += 1
        return { contentType: "application/json", body: JSON.stringify(sessionData("pay_col_01PREPARED")) }
      })
      showPage(
        "kit",
        `await AmazonPayKit.renderDecoupledAmazonPayButton("#amazon-pay-button", { merchantId: "SANDBOX-MERCHANT", ledgerCurrency: "USD", sandbox: true },
  async () => AmazonPayKit.readButtonConfig(await (await fetch("/prepare")).json()), { script: { sandboxUrl: data.sandboxUrl }, placement: "Product" })`,
        {}
      )
      await page.goto(site.url("/shop"))
      expect(await loaded(page)).toBe("ok")
      expect(prepared).toBe(0)
      const id = await clickThroughToReview(page)
      expect(prepared).toBe(1)
      expect((await merchant.client.getCheckoutSession(id)).merchantMetadata?.merchantReferenceId).toBe("pay_col_01PREPARED")
    })
  })

  it("React: useAmazonPayBuyer applies the Amazon buyer once from the review URL and reports the store's refusal", async () => {
    const review = await bundleForBrowser(REVIEW_ENTRY)
    site.route("/review.js", () => ({ contentType: "text/javascript", body: review }))
    const checkoutId = "bd504926-f659-4ad7-a1a9-9a747aaf5275"
    const calls: string[] = []
    let answer: { status: number; body: unknown } = { status: 200, body: { cart: { id: "cart_01REACT", email: "mary@example.com" } } }
    site.route("/store/amazon-pay/carts/cart_01REACT/buyer", (url) => {
      calls.push(url.pathname)
      return { status: answer.status, contentType: "application/json", body: JSON.stringify(answer.body) }
    })
    site.route("/review-page", () =>
      htmlDocument({
        title: "Review",
        head: `<script src="/review.js"></script>`,
        body: `<div id="root"></div><script>mountReview(document.getElementById("root"), "cart_01REACT")</script>`,
      })
    )
    await browse(async ({ page }) => {
      const state = page.locator("#buyer-state")
      await page.goto(site.url("/review-page"))
      await page.waitForFunction(() => document.getElementById("buyer-state")?.textContent === "idle:")
      expect(calls).toEqual([])

      await page.goto(site.url(`/review-page?amazonCheckoutSessionId=${checkoutId}`))
      await page.waitForFunction(() => document.getElementById("buyer-state")?.textContent?.startsWith("applied:"))
      await expect(state.textContent()).resolves.toBe("applied:mary@example.com")
      expect(calls).toEqual(["/store/amazon-pay/carts/cart_01REACT/buyer"])

      answer = { status: 400, body: { type: "not_allowed", message: `Amazon Pay checkout session ${checkoutId} does not belong to this cart` } }
      await page.reload()
      await page.waitForFunction(() => document.getElementById("buyer-state")?.textContent?.startsWith("error:"))
      await expect(state.textContent()).resolves.toMatch(/^error:.*does not belong to this cart/)
    })
  })

  it("React: <AmazonPayButton> renders one button, re-renders with a new payload, shows errors and cleans up", async () => {
    await browse(async ({ page, log }) => {
      showPage(
        "react",
        `const props = (button) => ({ button, script: { sandboxUrl: data.sandboxUrl }, "data-testid": "amazon-pay" })
window.mounted = mountAmazonPayButton(document.getElementById("amazon-pay-button"), props(data.first.button))`,
        { first: sessionData("pay_col_01FIRST"), second: sessionData("pay_col_01SECOND") }
      )
      await page.goto(site.url("/shop"))
      await expect(amazonPayButtons(page).count()).resolves.toBe(1)
      await page.evaluate(() => {
        const w = window as any
        w.mounted.update({ button: { ...w.data.first.button, ledgerCurrency: "CHF" }, script: { sandboxUrl: w.data.sandboxUrl } })
      })
      await expect(page.getByRole("alert").textContent()).resolves.toMatch(/button configuration is missing or invalid \(button\.ledgerCurrency\)/)
      await expect(amazonPayButtons(page).count()).resolves.toBe(0)
      await page.evaluate(() => {
        const w = window as any
        w.mounted.update({ button: w.data.second.button, script: { sandboxUrl: w.data.sandboxUrl } })
      })
      await expect(amazonPayButtons(page).count()).resolves.toBe(1)
      await expect(page.getByRole("alert").count()).resolves.toBe(0)
      await page.evaluate(() => (window as any).mounted.unmount())
      await expect(page.locator("#amazon-pay-button").innerHTML()).resolves.toBe("")
      await page.evaluate(() => {
        const w = window as any
        w.mountAmazonPayButton(document.getElementById("amazon-pay-button"), { button: w.data.second.button, script: { sandboxUrl: w.data.sandboxUrl } })
      })
      const id = await clickThroughToReview(page)
      expect((await merchant.client.getCheckoutSession(id)).merchantMetadata?.merchantReferenceId).toBe("pay_col_01SECOND")
      expect(log.pageErrors).toEqual([])
    })
  })
})

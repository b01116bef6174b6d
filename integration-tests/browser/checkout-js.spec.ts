/**
 * The sandbox's checkout.js stand-in and buyer page in a real browser (Debian's chromium), with a
 * storefront page on another origin than the sandbox. The merchant's server is the project's
 * Amazon Pay client; the sandbox's state is read back through it.
 */
import type { Browser, Page } from "playwright-core"
import { isAmazonPayError } from "../../src/lib/amazon-pay"
import { prepareResultLeg, signedButtonConfig, startSandboxMerchant, TEST_STORE_NAME, type SandboxMerchant } from "../../tools/test-kit/amazon-pay-button"
import { currentTestName, launchBrowser, withPage, type PageSession } from "../../tools/test-kit/browser"
import { startSite, type Site } from "../../tools/test-kit/browser-site"
import { addReturnPages, arrivedAt, RENDER_SCRIPT, renderOptionsOf, shopPage } from "./support/shop"

const USD_64 = { amount: "64.00", currencyCode: "USD" }

describe("checkout.js stand-in and buyer page (browser)", () => {
  let browser: Browser
  let merchant: SandboxMerchant
  let site: Site

  beforeAll(async () => {
    ;[browser, merchant, site] = await Promise.all([launchBrowser(), startSandboxMerchant(), startSite()])
    addReturnPages(site, merchant.sandbox.url)
  })
  afterEach(() => merchant.sandbox.reset())
  afterAll(async () => {
    await Promise.all([browser?.close(), merchant?.close(), site?.close()])
  })

  const browse = <T>(run: (session: PageSession) => Promise<T>) => withPage(browser, currentTestName(), run)
  const sessions = async () => (await (await fetch(`${merchant.sandbox.url}/sandbox/buyer/checkoutSessions`)).json()).checkoutSessions as unknown[]

  const button = (overrides: Parameters<typeof signedButtonConfig>[1] = {}) =>
    signedButtonConfig(merchant.client, { reviewUrl: site.url("/review"), cancelUrl: site.url("/cart"), ...overrides })

  function showShop(options: Record<string, unknown>, script = RENDER_SCRIPT, extraBody = "") {
    site.route("/shop", () => shopPage(merchant.sandbox.url, script, { options }, extraBody))
  }

  async function clickAmazonPay(page: Page): Promise<string> {
    await page.goto(site.url("/shop"))
    await page.getByRole("button", { name: /Amazon Pay/ }).click()
    await page.waitForURL((url) => url.href.startsWith(`${merchant.sandbox.url}/checkout/`))
    return decodeURIComponent(new URL(page.url()).pathname.split("/").pop() as string)
  }

  /** Checks a radio button of the buyer page's fieldset `legend`. */
  const choose = (page: Page, legend: string, name: RegExp) => page.getByRole("group", { name: legend }).getByRole("radio", { name }).check()

  /** Button, buyer page (Continue with the given choices), review page: the express flow's first leg. */
  async function reviewLeg(page: Page, choices: { buyer?: RegExp; address?: RegExp } = {}): Promise<string> {
    showShop(renderOptionsOf(button()))
    const id = await clickAmazonPay(page)
    if (choices.buyer) {
      await choose(page, "Buyer", choices.buyer)
    }
    if (choices.address) {
      await choose(page, "Shipping address", choices.address)
    }
    await page.getByRole("button", { name: "Continue" }).click()
    expect(await arrivedAt(page, site.origin, "/review")).toBe(id)
    return id
  }

  it("renders a real Amazon Pay button on another origin; the review leg attaches the chosen buyer and address", async () => {
    await browse(async ({ page, log }) => {
      showShop(renderOptionsOf(button()))
      await page.goto(site.url("/shop"))
      const amazonPay = page.getByRole("button", { name: /Amazon Pay/ })
      expect(await amazonPay.evaluate((element) => element.tagName)).toBe("BUTTON")
      expect(await sessions()).toEqual([])

      const id = await reviewLeg(page, { buyer: /Oliver Brown/, address: /United Kingdom/ })
      await expect(page.locator("#session-id").textContent()).resolves.toBe(id)
      const session = await merchant.client.getCheckoutSession(id)
      expect(session.statusDetails.state).toBe("Open")
      expect(session.buyer).toMatchObject({ name: "Oliver Brown", email: "oliver.brown@example.co.uk" })
      expect(session.shippingAddress).toMatchObject({ countryCode: "GB", city: "London", stateOrRegion: null, postalCode: "NW1 6XE" })
      expect(session.merchantMetadata?.merchantReferenceId).toBe("pay_col_01TESTBROWSER")
      expect(session.webCheckoutDetails?.amazonPayRedirectUrl).toBeNull()
      expect(log.pageErrors).toEqual([])
      expect(log.consoleErrors).toEqual([])
    })
  })

  it.each([
    { card: /1111/, outcome: "success", state: "Completed", reasonCode: null },
    { card: /3434/, outcome: "declined", state: "Canceled", reasonCode: "Declined" },
    { card: /3064/, outcome: "buyerCanceled", state: "Canceled", reasonCode: "BuyerCanceled" },
  ])("result leg: the card chosen on the page ($outcome) is what Complete Checkout Session finds", async ({ card, state, reasonCode }) => {
    await browse(async ({ page }) => {
      const id = await reviewLeg(page)
      const updated = await prepareResultLeg(merchant.client, id, site.url("/result"), USD_64)
      await page.goto(updated.webCheckoutDetails?.amazonPayRedirectUrl as string)
      await expect(page.locator("#amount").textContent()).resolves.toBe("64.00 USD")
      await expect(page.locator("#merchant").textContent()).resolves.toBe(TEST_STORE_NAME)
      await choose(page, "Payment method", card)
      await page.getByRole("button", { name: "Pay now" }).click()
      expect(await arrivedAt(page, site.origin, "/result")).toBe(id)

      const completed = await merchant.client.completeCheckoutSession(id, { chargeAmount: USD_64 }).catch((error: unknown) => error)
      if (state === "Completed") {
        expect(completed).toMatchObject({ statusDetails: { state: "Completed" } })
        const permission = await merchant.client.getChargePermission((completed as { chargePermissionId: string }).chargePermissionId)
        expect(permission.buyer?.email).toBe("susie.smith@example.com")
      } else {
        expect(isAmazonPayError(completed) && [completed.status, completed.reasonCode]).toEqual([422, "CheckoutSessionCanceled"])
        const session = await merchant.client.getCheckoutSession(id)
        expect([session.statusDetails.state, session.statusDetails.reasonCode]).toEqual([state, reasonCode])
      }
    })
  })

  it("'Cancel and return to merchant' goes to checkoutCancelUrl and leaves the checkout Open", async () => {
    await browse(async ({ page }) => {
      showShop(renderOptionsOf(button()))
      const id = await clickAmazonPay(page)
      await page.getByRole("button", { name: "Cancel and return to merchant" }).click()
      await arrivedAt(page, site.origin, "/cart")
      expect((await merchant.client.getCheckoutSession(id)).statusDetails.state).toBe("Open")
    })
  })

  it("bindChangeAction: the buyer changes the address from the review page and comes back to the review page", async () => {
    await browse(async ({ page }) => {
      const id = await reviewLeg(page)
      // The merchant already set the result URL and amount: a plain approve would go to the result page.
      await prepareResultLeg(merchant.client, id, site.url("/result"), USD_64)
      await page.reload()
      await page.getByRole("link", { name: "Change address" }).click()
      await page.waitForURL((url) => url.searchParams.get("changeAction") === "changeAddress")
      await expect(page.getByRole("status").textContent()).resolves.toContain("Change your shipping address")
      await choose(page, "Shipping address", /Germany \(no phone number\)/)
      await page.getByRole("button", { name: "Continue" }).click()
      expect(await arrivedAt(page, site.origin, "/review")).toBe(id)
      const session = await merchant.client.getCheckoutSession(id)
      expect(session.shippingAddress).toMatchObject({ countryCode: "DE", city: "Berlin", phoneNumber: null })

      await page.getByRole("link", { name: "Change payment method" }).click()
      await choose(page, "Payment method", /0701/)
      await page.getByRole("button", { name: "Continue" }).click()
      expect(await arrivedAt(page, site.origin, "/review")).toBe(id)
      expect((await merchant.client.getCheckoutSession(id)).paymentPreferences).toEqual([{ paymentDescriptor: "Visa ****0701" }])
    })
  })

  it("a forged signature shows Amazon's error in the button area and creates no checkout session", async () => {
    await browse(async ({ page }) => {
      const config = button()
      const forged = { ...config, payloadJSON: config.payloadJSON.replace('"64.00"', '"0.01"') }
      expect(forged.payloadJSON).not.toBe(config.payloadJSON)
      showShop(renderOptionsOf(forged))
      await page.goto(site.url("/shop"))
      await page.getByRole("button", { name: /Amazon Pay/ }).click()
      await expect(page.getByRole("alert").textContent()).resolves.toContain("InvalidRequestSignature")
      expect(new URL(page.url()).pathname).toBe("/shop")
      expect(await sessions()).toEqual([])
      await expect(page.getByRole("button", { name: /Amazon Pay/ }).isEnabled()).resolves.toBe(true)
    })
  })

  it.each([
    { missing: "merchantId", drop: (o: any) => delete o.merchantId },
    { missing: "publicKeyId", drop: (o: any) => delete o.createCheckoutSessionConfig.publicKeyId },
    { missing: "payloadJSON", drop: (o: any) => delete o.createCheckoutSessionConfig.payloadJSON },
  ])("renderButton without $missing logs an error and renders nothing, without an exception", async ({ missing, drop }) => {
    await browse(async ({ page, log }) => {
      const options = renderOptionsOf(button())
      drop(options)
      showShop(options)
      await page.goto(site.url("/shop"))
      expect(await page.evaluate(() => (window as any).renderedKind)).toBe("undefined")
      expect(await page.locator("#amazon-pay-button").innerHTML()).toBe("")
      expect(log.consoleErrors).toEqual([expect.stringContaining(missing)])
      expect(log.pageErrors).toEqual([])
    })
  })

  it("decoupled button: a click runs the store's onClick, whose initCheckout starts the checkout", async () => {
    await browse(async ({ page }) => {
      let clicks = 0
      site.route("/clicked", () => {
        clicks += 1
        return { contentType: "application/json", body: "{}" }
      })
      const config = button({ merchantReferenceId: "pay_col_01DECOUPLED" })
      const { createCheckoutSessionConfig, ...display } = renderOptionsOf(config)
      const script = `const handle = amazon.Pay.renderButton("#amazon-pay-button", data.options);
handle.onClick(async () => { await fetch("/clicked"); handle.initCheckout({ createCheckoutSessionConfig: data.config }) })`
      site.route("/shop", () => shopPage(merchant.sandbox.url, script, { options: display, config: createCheckoutSessionConfig }))
      const id = await clickAmazonPay(page)
      expect(clicks).toBe(1)
      expect((await merchant.client.getCheckoutSession(id)).merchantMetadata?.merchantReferenceId).toBe("pay_col_01DECOUPLED")
    })
  })

  it("amazon.Pay.initCheckout starts the checkout from the store's own button", async () => {
    await browse(async ({ page }) => {
      site.route("/shop", () =>
        shopPage(
          merchant.sandbox.url,
          `document.getElementById("own").addEventListener("click", () => amazon.Pay.initCheckout(data.options))`,
          { options: renderOptionsOf(button()) },
          `<button type="button" id="own">Pay with my own button</button>`
        )
      )
      await page.goto(site.url("/shop"))
      await page.getByRole("button", { name: "Pay with my own button" }).click()
      await page.waitForURL((url) => url.href.startsWith(`${merchant.sandbox.url}/checkout/`))
      expect(await sessions()).toHaveLength(1)
    })
  })

  it("remembers the test buyer on the sandbox's origin until amazon.Pay.signout()", async () => {
    await browse(async ({ page }) => {
      await reviewLeg(page, { buyer: /Hanako Yamada/ })
      const second = await clickAmazonPay(page)
      await expect(page.locator("#signed-in").textContent()).resolves.toBe("Signed in as Hanako Yamada.")
      await expect(page.getByRole("group", { name: "Buyer" }).getByRole("radio", { name: /Hanako Yamada/ }).isChecked()).resolves.toBe(true)

      await page.goto(site.url("/shop"))
      await page.evaluate(() => (window as any).amazon.Pay.signout())
      await page.goto(`${merchant.sandbox.url}/checkout/${second}`)
      await expect(page.locator("#signed-in").count()).resolves.toBe(0)
      await expect(page.getByRole("group", { name: "Buyer" }).getByRole("radio", { name: /Susie Smith/ }).isChecked()).resolves.toBe(true)
    })
  })

  it("end-of-checkout button (addressDetails): the page ships to the merchant's address and pays at once", async () => {
    await browse(async ({ page }) => {
      const addressDetails = { name: "Jane Buyer", addressLine1: "410 Terry Ave N", city: "Seattle", stateOrRegion: "WA", postalCode: "98109", countryCode: "US", phoneNumber: "2065550100" }
      showShop(renderOptionsOf(button({ resultUrl: site.url("/result"), addressDetails })))
      const id = await clickAmazonPay(page)
      await expect(page.locator("#shipping-address").textContent()).resolves.toBe("Jane Buyer, 410 Terry Ave N, Seattle, WA 98109, US")
      await expect(page.getByRole("radio", { name: /United States/ }).count()).resolves.toBe(0)
      await page.getByRole("button", { name: "Pay now" }).click()
      expect(await arrivedAt(page, site.origin, "/result")).toBe(id)
      const completed = await merchant.client.completeCheckoutSession(id, { chargeAmount: USD_64 })
      expect(completed.statusDetails.state).toBe("Completed")
      const permission = await merchant.client.getChargePermission(completed.chargePermissionId as string)
      expect(permission.shippingAddress).toMatchObject({ name: "Jane Buyer", city: "Seattle", postalCode: "98109" })
    })
  })
})

describe("checkout.js stand-in on another site (browser)", () => {
  let browser: Browser
  let merchant: SandboxMerchant
  let site: Site

  beforeAll(async () => {
    ;[browser, merchant, site] = await Promise.all([launchBrowser(), startSandboxMerchant(), startSite({ host: "localhost" })])
    addReturnPages(site, merchant.sandbox.url)
  })
  afterAll(async () => {
    await Promise.all([browser?.close(), merchant?.close(), site?.close()])
  })

  it("a shop on http://localhost loads the script from http://127.0.0.1 and creates the checkout through CORS", async () => {
    await withPage(browser, currentTestName(), async ({ page, log }) => {
      const config = signedButtonConfig(merchant.client, { reviewUrl: site.url("/review") })
      site.route("/shop", () => shopPage(merchant.sandbox.url, RENDER_SCRIPT, { options: renderOptionsOf(config) }))
      await page.goto(site.url("/shop"))
      // A JSON POST to another origin: the browser sends the CORS preflight first (checked in cors.unit.spec).
      await page.getByRole("button", { name: /Amazon Pay/ }).click()
      await page.waitForURL((url) => url.href.startsWith(`${merchant.sandbox.url}/checkout/`))
      await page.getByRole("button", { name: "Continue" }).click()
      expect(await arrivedAt(page, site.origin, "/review")).toMatch(/^[0-9a-f-]{36}$/)
      expect(log.consoleErrors).toEqual([])
    })
  })
})

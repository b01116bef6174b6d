/**
 * The whole buyer journey in headless Chromium through the demo's storefront page (the same server
 * `npm run demo` runs, tools/demo/storefront), a real Medusa on PostgreSQL with the Amazon Pay
 * provider, the sandbox's checkout.js stand-in and its buyer page: the express flow (address chosen
 * on Amazon, applied to the cart by the Store route) and the store-collected-address flow, each
 * ending in an order whose amount the sandbox ledger shows authorized; a declined and a canceled
 * buyer. The page runs on its own origin, so the Store API's CORS is part of what is tested.
 */
import type { Browser, Page } from "playwright-core"
import { startDemoStorefront, type DemoStorefront } from "../../tools/demo/storefront/server"
import { amazonPayStoreSuite } from "../../tools/test-kit/amazon-pay-suite"
import { currentTestName, launchBrowser, withPage } from "../../tools/test-kit/browser"

jest.setTimeout(240_000)

let storefront: DemoStorefront
// Before the suite boots Medusa: the store must allow the page's origin (STORE_CORS).
beforeAll(async () => {
  storefront = await startDemoStorefront(0)
  process.env.STORE_CORS = storefront.corsOrigins
})
afterAll(async () => {
  await storefront?.close()
})

/** Steps that wait for Medusa (cart updates, shipping, payment sessions, completion) on a busy machine. */
const STEP_MS = 45_000
const text = (page: Page, selector: string) => page.locator(selector).textContent({ timeout: STEP_MS })

const DELIVERY = { regionCountriesOnly: true, specialRestrictions: ["RestrictPOBoxes"] }

amazonPayStoreSuite({ env: { AMAZON_PAY_DELIVERY_SPECIFICATIONS: JSON.stringify(DELIVERY) } }, (suite) => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
    storefront.configure({
      medusaUrl: (suite.api as unknown as { defaults: { baseURL: string } }).defaults.baseURL,
      publishableKey: suite.ctx.store.publishableKey,
      regionId: suite.ctx.store.regions.usd,
      variantId: suite.ctx.store.variantId,
      productTitle: "Amazon Pay test shirt",
      sandboxUrl: suite.sandbox.url,
    })
  })
  afterAll(async () => {
    await browser?.close()
  })

  const journey = (run: (page: Page) => Promise<void>) =>
    withPage(browser, currentTestName(), async ({ page, log }) => {
      try {
        await run(page)
      } catch (error) {
        ;(error as Error).message += `\nthe page's console errors: ${JSON.stringify(log.consoleErrors)}`
        throw error
      }
      expect(log.pageErrors).toEqual([])
    })

  const onBuyerPage = (page: Page) => page.waitForURL((url) => url.href.startsWith(`${suite.sandbox.url}/checkout/`), { timeout: STEP_MS })
  const backOnStore = (page: Page, path: string) => page.waitForURL((url) => url.href.startsWith(`${storefront.url}${path}`), { timeout: STEP_MS })
  const amazonPayButton = (page: Page, container: string) => page.locator(container).getByRole("button", { name: /Amazon Pay/ })

  async function addToCart(page: Page): Promise<void> {
    await page.goto(`${storefront.url}/`)
    await page.getByRole("button", { name: "Add to cart" }).click()
    await expect(text(page, "#cart-total")).resolves.toBe("$50.00")
  }

  async function collectAddress(page: Page): Promise<void> {
    const fields: Record<string, string> = {
      Email: "jane.buyer@example.com",
      "First name": "Jane",
      "Last name": "Buyer",
      Address: "410 Terry Ave N",
      City: "Seattle",
      State: "WA",
      "Postal code": "98109",
      Phone: "+12065550100",
    }
    for (const [label, value] of Object.entries(fields)) {
      await page.getByLabel(label, { exact: true }).fill(value)
    }
    await page.getByRole("button", { name: "Continue to payment" }).click()
    await expect(text(page, "#checkout-total")).resolves.toBe("$60.00")
    await amazonPayButton(page, "#amazon-pay-checkout").click({ timeout: STEP_MS })
    await onBuyerPage(page)
  }

  /** The order the confirmation page shows, its Amazon charge permission authorized for its total. */
  async function expectConfirmedAndAuthorized(page: Page): Promise<void> {
    await backOnStore(page, "/checkout/amazon-pay/result")
    const shown = await text(page, "#order-display-id")
    const { orders } = (
      await suite.api.get("/admin/orders?fields=id,display_id,total&order=-created_at&limit=1", { headers: suite.ctx.adminHeaders })
    ).data
    expect(shown).toBe(`#${orders[0].display_id}`)
    expect(orders[0].total).toBe(60)
    await expect(page.locator("#order-total").textContent()).resolves.toBe("$60.00")
    const [payment] = await suite.ctx.admin.payments(orders[0].id)
    const ledger = await suite.sandbox.ledger()
    expect(ledger.chargePermissions[payment.data.chargePermissionId]).toMatchObject({ authorized: "60.00", captured: "0.00" })
  }

  it("express: Amazon's address comes into the cart, shipping is added, the buyer confirms, the order is placed", async () => {
    await journey(async (page) => {
      await addToCart(page)
      await amazonPayButton(page, "#amazon-pay-express").click({ timeout: STEP_MS })
      await onBuyerPage(page)
      // deliverySpecifications: only the region's country (US), no PO boxes.
      await expect(page.getByRole("radio", { name: /Japan/ }).isDisabled()).resolves.toBe(true)
      await expect(page.getByRole("radio", { name: /PO box/ }).isDisabled()).resolves.toBe(true)
      await page.getByRole("radio", { name: /oliver\.brown@/ }).check()
      await page.getByRole("radio", { name: /Chicago/ }).check()
      await page.getByRole("button", { name: "Continue" }).click()

      await backOnStore(page, "/checkout/amazon-pay/review")
      await expect(text(page, "#buyer-email")).resolves.toBe("oliver.brown@example.co.uk")
      await expect(page.locator("#shipping-address").textContent()).resolves.toBe("Susie Smith, 10 Ditka Ave, Chicago, IL, 60602, US")
      await expect(text(page, "#cart-total")).resolves.toBe("$60.00")
      await page.getByRole("button", { name: "Continue to Amazon Pay" }).click()

      await onBuyerPage(page)
      await expect(page.locator("#amount").textContent()).resolves.toBe("60.00 USD")
      await page.getByRole("radio", { name: /1111/ }).check()
      await page.getByRole("button", { name: "Pay now" }).click()
      await expectConfirmedAndAuthorized(page)
      await expect(page.locator("#order-email").textContent()).resolves.toBe("oliver.brown@example.co.uk")
    })
  })

  it("store-collected address: Amazon ships to it and pays at once; the order is placed", async () => {
    await journey(async (page) => {
      await addToCart(page)
      await collectAddress(page)
      await expect(page.locator("#shipping-address").textContent()).resolves.toContain("410 Terry Ave N")
      await page.getByRole("radio", { name: /1111/ }).check()
      await page.getByRole("button", { name: "Pay now" }).click()
      await expectConfirmedAndAuthorized(page)
    })
  })

  it("a declined card: the store says so, no order, the cart stays for another try", async () => {
    await journey(async (page) => {
      await addToCart(page)
      await collectAddress(page)
      await page.getByRole("radio", { name: /3434/ }).check()
      await page.getByRole("button", { name: "Pay now" }).click()
      await backOnStore(page, "/checkout/amazon-pay/result")
      await expect(text(page, "#payment-error")).resolves.toMatch(/declined/i)
      await expect(page.locator("#order-display-id").count()).resolves.toBe(0)
      const { orders } = (await suite.api.get("/admin/orders?fields=id", { headers: suite.ctx.adminHeaders })).data
      expect(orders).toEqual([])
      await page.getByRole("link", { name: "Back to your cart" }).click()
      await expect(text(page, "#cart-total")).resolves.toBe("$60.00")
      await amazonPayButton(page, "#amazon-pay-express").waitFor({ timeout: STEP_MS })
    })
  })

  it("a buyer who cancels on Amazon's page is back in the cart, nothing charged", async () => {
    await journey(async (page) => {
      await addToCart(page)
      await amazonPayButton(page, "#amazon-pay-express").click({ timeout: STEP_MS })
      await onBuyerPage(page)
      await page.getByRole("button", { name: "Cancel and return to merchant" }).click()
      await backOnStore(page, "/cart")
      await expect(page.locator("#canceled").textContent()).resolves.toMatch(/canceled the Amazon Pay checkout/)
      await expect(text(page, "#cart-total")).resolves.toBe("$50.00")
      expect(Object.keys((await suite.sandbox.ledger()).chargePermissions)).toEqual([])
    })
  })
})

/**
 * Issue 12 in a real browser: the Medusa dashboard (built once per run with this repository's
 * src/admin, tools/demo/admin-bundle.ts) in front of a store paying with the sandbox
 * (tools/test-kit/dashboard-server.ts: Medusa's test runner never serves the admin itself). An admin logs
 * in, opens an Amazon Pay order, reads the widget (the charge permission id and each charge's state
 * as text, compared with the sandbox), captures an amount through the widget, refunds through the
 * dashboard's own Refund action, and Medusa's money is compared with the sandbox ledger.
 * With SCREENSHOTS_DIR set, the widget is photographed there (README screenshots).
 */
import path from "node:path"
import type { Browser, Page } from "playwright-core"
import { ensureAdminBundle, type AdminBundle } from "../../tools/demo/admin-bundle"
import { DEFAULT_ADMIN, expectMedusaMatchesLedger, placeAmazonPayOrder, readyCarts, waitFor } from "../../tools/test-kit"
import { currentTestName, launchBrowser, withPage } from "../../tools/test-kit/browser"
import { amazonPayStoreSuite } from "../../tools/test-kit/amazon-pay-suite"
import { startDashboardServer, type DashboardServer } from "../../tools/test-kit/dashboard-server"

jest.setTimeout(180_000)

/** The dashboard bundle may have to be built first (minutes on a small machine; reused while src/admin is unchanged). */
let bundle: AdminBundle
beforeAll(async () => {
  bundle = await ensureAdminBundle()
  console.info(`admin bundle ${bundle.built ? "built" : "reused"} in ${Math.round(bundle.ms / 1000)} s`)
}, 900_000)

const SCREENSHOTS_DIR = process.env.SCREENSHOTS_DIR

amazonPayStoreSuite({}, (suite) => {
  const carts = readyCarts(suite, { usd: { quantity: 1 } })
  let browser: Browser
  let dashboard: DashboardServer
  beforeAll(async () => {
    const storeUrl = (suite.api as unknown as { defaults: { baseURL: string } }).defaults.baseURL
    ;[browser, dashboard] = await Promise.all([launchBrowser(), startDashboardServer(bundle.dir, storeUrl)])
  })
  afterAll(async () => {
    await Promise.all([browser?.close(), dashboard?.close()])
  })
  const baseUrl = () => dashboard.url

  async function logIn(page: Page) {
    await page.goto(`${baseUrl()}/app/login`)
    await page.locator('input[name="email"]').fill(DEFAULT_ADMIN.email)
    await page.locator('input[name="password"]').fill(DEFAULT_ADMIN.password)
    await page.getByRole("button", { name: "Continue with Email" }).click()
    await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: 30_000 })
  }

  const widget = (page: Page) => page.locator('[aria-label="Amazon Pay"]')
  const chargeRows = (page: Page) => widget(page).getByRole("table", { name: "Amazon Pay charges" }).locator("tbody tr")

  async function shoot(page: Page, name: string) {
    if (SCREENSHOTS_DIR) {
      await widget(page).screenshot({ path: path.join(SCREENSHOTS_DIR, name) })
    }
  }

  it("shows Amazon's state, captures an amount from the widget, refunds from the dashboard; Medusa equals the ledger", async () => {
    const order = await placeAmazonPayOrder(suite.ctx, suite.sandbox, { cart: carts().usd })
    const ledgerBefore = await suite.amazon.ledgerOfCheckout(order.checkoutSessionId)
    await withPage(browser, currentTestName(), async ({ page, log }) => {
      await logIn(page)
      await page.goto(`${baseUrl()}/app/orders/${order.order.id}`)
      await widget(page).getByText(ledgerBefore.chargePermissionId).first().waitFor({ timeout: 30_000 })
      const shown = await widget(page).innerText()
      expect({
        permission: shown.includes(ledgerBefore.chargePermissionId),
        charges: ledgerBefore.charges.map((c) => shown.includes(c.chargeId) && shown.includes(c.state)),
        left: shown.includes("60.00 USD"),
      }).toEqual({ permission: true, charges: ledgerBefore.charges.map(() => true), left: true })
      await shoot(page, "admin-widget-authorized.png")

      // Capture 20 of 60 through the widget's amount field.
      await widget(page).getByLabel("Amount to capture").fill("20")
      await widget(page).getByRole("button", { name: "Capture", exact: true }).click()
      await chargeRows(page).filter({ hasText: "Captured" }).first().waitFor({ timeout: 30_000 })
      await widget(page).getByText("40.00 USD").first().waitFor()
      const ledgerCaptured = await suite.amazon.ledgerOfCheckout(order.checkoutSessionId)
      const afterCapture = await widget(page).innerText()
      expect(ledgerCaptured.charges.map((c) => afterCapture.includes(c.chargeId) && afterCapture.includes(c.state))).toEqual(ledgerCaptured.charges.map(() => true))
      expect(ledgerCaptured.captured).toBe("20.00")
      await shoot(page, "admin-widget-partly-captured.png")

      // The rest (40) as a second capture: the dashboard offers Refund only on a fully captured payment.
      await widget(page).getByLabel("Amount to capture").fill("40")
      await widget(page).getByRole("button", { name: "Capture", exact: true }).click()
      await widget(page).getByText("Nothing left to capture").waitFor({ timeout: 30_000 })
      expect(await chargeRows(page).filter({ hasText: "Captured" }).count()).toBe(2)

      // Refund 5 through the dashboard's own Refund action on the payment.
      const paymentRow = page.locator("div").filter({ hasText: /pp_amazon-pay_amazon-pay/i }).filter({ has: page.getByRole("button") }).last()
      await paymentRow.getByRole("button").last().click()
      await page.getByRole("menuitem", { name: "Refund" }).click()
      await page.waitForURL((url) => url.pathname.endsWith("/refund"))
      const form = page.getByRole("dialog")
      await form.getByLabel("Amount", { exact: true }).fill("5")
      await form.getByRole("button", { name: "Save" }).click()
      await page.waitForURL((url) => !url.pathname.endsWith("/refund"), { timeout: 30_000 })
      // Amazon answers RefundInitiated and settles the refund later (the sandbox after 2 s of its
      // clock); the ledger counts a refund once it is Refunded.
      await waitFor(
        () => suite.amazon.ledgerOfCheckout(order.checkoutSessionId),
        (ledger) => ledger.refunds.length === 1 && ledger.refunds[0].state === "Refunded",
        30_000
      )
      // The widget refetches: the refund appears with Amazon's state.
      await page.reload()
      await widget(page).getByRole("table", { name: "Amazon Pay refunds" }).waitFor({ timeout: 30_000 })
      await shoot(page, "admin-widget.png")
      expect(log.pageErrors).toEqual([])
    })
    const { ledger } = await expectMedusaMatchesLedger(suite.ctx, suite.sandbox, order.payment.id, order.permissionId)
    expect({ captured: ledger.captured, refunded: ledger.refunded }).toEqual({ captured: "60.00", refunded: "5.00" })
  })
})

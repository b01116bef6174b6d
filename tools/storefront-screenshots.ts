/**
 * `npm run screenshots:storefront`: the README's pictures of the Amazon Pay button (rendered by the
 * sandbox's checkout.js on a shop page) and of the sandbox's buyer page (first leg, then "Pay now"),
 * taken with Debian's chromium into docs/images/. Everything runs locally; nothing else is written.
 */
import { mkdirSync } from "node:fs"
import path from "node:path"
import { prepareResultLeg, signedButtonConfig, startSandboxMerchant } from "./test-kit/amazon-pay-button"
import { launchBrowser } from "./test-kit/browser"
import { htmlDocument, jsonForScript, startSite } from "./test-kit/browser-site"

const OUT = path.resolve(__dirname, "../docs/images")

const SHOP_STYLE = `<style>
body{margin:0;font:15px/1.5 -apple-system,Segoe UI,Arial,sans-serif;color:#111;background:#fafafa}
.card{width:380px;margin:32px;padding:24px;background:#fff;border:1px solid #e5e5e5;border-radius:12px}
h1{font-size:18px;margin:0 0 4px}.price{font-size:22px;font-weight:700;margin:0 0 16px}.muted{color:#666;margin:0 0 12px}
</style>`

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true })
  const [merchant, site, browser] = await Promise.all([startSandboxMerchant(), startSite(), launchBrowser()])
  try {
    const button = signedButtonConfig(merchant.client, { reviewUrl: site.url("/review"), cancelUrl: site.url("/cart") })
    site.route("/shop", () =>
      htmlDocument({
        title: "Medusa Test Store",
        head: `${SHOP_STYLE}<script src="${merchant.sandbox.url}/checkout.js"></script>`,
        body: `<div class="card" id="card"><h1>Medusa Sweatshirt</h1><p class="muted">Cart total, shipping included</p><p class="price">$64.00</p>
<div id="amazon-pay-button"></div></div>
<script>const b = ${jsonForScript(button)};
amazon.Pay.renderButton("#amazon-pay-button", { merchantId: b.merchantId, ledgerCurrency: b.ledgerCurrency, sandbox: b.sandbox,
  productType: b.productType, placement: "Cart", buttonColor: "Gold",
  createCheckoutSessionConfig: { payloadJSON: b.payloadJSON, signature: b.signature, publicKeyId: b.publicKeyId, algorithm: b.algorithm } })</script>`,
      })
    )
    site.route("/review", () => htmlDocument({ title: "Review", body: "<h1>Review</h1>" }))
    const page = await browser.newPage({ viewport: { width: 900, height: 1000 }, deviceScaleFactor: 1 })
    await page.goto(site.url("/shop"))
    await page.locator("#card").screenshot({ path: path.join(OUT, "amazon-pay-button.png") })

    await page.getByRole("button", { name: /Amazon Pay/ }).click()
    await page.waitForURL((url) => url.href.startsWith(`${merchant.sandbox.url}/checkout/`))
    await page.screenshot({ path: path.join(OUT, "sandbox-buyer-page.png"), fullPage: true })

    await page.getByRole("button", { name: "Continue" }).click()
    await page.waitForURL((url) => url.pathname === "/review")
    const id = new URL(page.url()).searchParams.get("amazonCheckoutSessionId") as string
    const updated = await prepareResultLeg(merchant.client, id, site.url("/result"), { amount: "64.00", currencyCode: "USD" })
    await page.goto(updated.webCheckoutDetails?.amazonPayRedirectUrl as string)
    await page.screenshot({ path: path.join(OUT, "sandbox-buyer-page-pay-now.png"), fullPage: true })
    console.log(`screenshots written to ${path.relative(process.cwd(), OUT)}/`)
  } finally {
    await Promise.all([browser.close(), merchant.close(), site.close()])
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})

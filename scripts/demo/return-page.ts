/**
 * The page Amazon's return URLs point at. The demo has no storefront, so when a person walks the
 * buyer page by hand (`GET <sandbox>/checkout/{id}`), Amazon sends them here and the page says what a
 * storefront would do next with `amazonCheckoutSessionId` (src/providers/amazon-pay/README.md,
 * "Storefront contract").
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"

export interface ReturnPage {
  url: string
  reviewUrl: string
  resultUrl: string
  cancelUrl: string
  close(): Promise<void>
}

const NEXT_STEP: Record<string, string> = {
  "/checkout/amazon-pay/review":
    "Express flow, review leg: the storefront now re-creates the Amazon Pay payment session with " +
    "data {amazonCheckoutSessionId} and sends the buyer to data.amazonPayRedirectUrl.",
  "/checkout/amazon-pay/result":
    "Result leg: the storefront now completes the cart (POST /store/carts/:id/complete).",
  "/cart": "The buyer canceled on Amazon's page and is back in the cart.",
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string)

function page(path: string, sessionId: string | null): string {
  const next = NEXT_STEP[path] ?? "Nothing to do on this page."
  const session = sessionId ? `<p>amazonCheckoutSessionId: <code>${escapeHtml(sessionId)}</code></p>` : ""
  return `<!doctype html><meta charset="utf-8"><title>Amazon Pay demo storefront</title>
<h1>Back from Amazon Pay</h1><p>Path: <code>${escapeHtml(path)}</code></p>${session}<p>${escapeHtml(next)}</p>`
}

export async function startReturnPage(preferredPort: number): Promise<ReturnPage> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost")
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" })
    res.end(page(url.pathname, url.searchParams.get("amazonCheckoutSessionId")))
  })
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject)
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject)
        resolve()
      })
    })
  await listen(preferredPort).catch(() => listen(0))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    reviewUrl: `${url}/checkout/amazon-pay/review`,
    resultUrl: `${url}/checkout/amazon-pay/result`,
    cancelUrl: `${url}/cart`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * The demo's storefront: a minimal shop built on the storefront kit (app.ts, bundled with esbuild
 * on start), served on its own port, so the Store API sees another origin as a real storefront's.
 * Every path answers the same page shell with the store's public settings (Medusa URL, publishable
 * key, region, variant, sandbox URL: nothing secret); app.ts renders the path. It also serves the
 * provider's configured return URLs (review, result, cancel), so it replaces the demo's old text
 * return page. `configure` is called once the store is seeded; until then pages say so.
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { bundleForBrowser, htmlDocument, jsonForScript } from "../../test-kit/browser-site"
import type { DemoStorefrontConfig } from "./app"
import { STOREFRONT_STYLE } from "./style"

export type { DemoStorefrontConfig }

export interface DemoStorefront {
  /** `http://localhost:<port>` (the page also works on `http://127.0.0.1:<port>`). */
  url: string
  /** Both origins, for Medusa's STORE_CORS. */
  corsOrigins: string
  reviewUrl: string
  resultUrl: string
  cancelUrl: string
  configure(config: DemoStorefrontConfig): void
  close(): Promise<void>
}

const APP_ENTRY = `import "./tools/demo/storefront/app"`

function shell(config: DemoStorefrontConfig | null): string {
  const body = config
    ? `<main id="app" aria-live="polite"><p>Loading…</p></main>
<script type="application/json" id="config">${jsonForScript(config)}</script><script src="/app.js"></script>`
    : `<main id="app"><p role="status">The store is still being set up; reload in a moment.</p></main>`
  return htmlDocument({
    title: "Medusa Amazon Pay demo store",
    head: `<meta name="viewport" content="width=device-width, initial-scale=1">${STOREFRONT_STYLE}`,
    body: `<header><a href="/" class="logo">Medusa demo store</a><span class="badge">Amazon Pay sandbox</span></header>${body}`,
  })
}

export async function startDemoStorefront(preferredPort: number): Promise<DemoStorefront> {
  let config: DemoStorefrontConfig | null = null
  const bundle = bundleForBrowser(APP_ENTRY)
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://storefront.invalid").pathname
    if (path === "/app.js") {
      bundle.then(
        (source) => {
          res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" })
          res.end(source)
        },
        (error: Error) => {
          res.writeHead(500, { "content-type": "text/plain; charset=utf-8" })
          res.end(`The storefront script could not be built: ${error.message}`)
        }
      )
      return
    }
    const known = ["/", "/cart", "/checkout/amazon-pay/review", "/checkout/amazon-pay/result"].includes(path)
    res.writeHead(known ? 200 : 404, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
    res.end(shell(config))
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
  await bundle // a broken build stops the demo now, not at the first page view
  const port = (server.address() as AddressInfo).port
  const url = `http://localhost:${port}`
  return {
    url,
    corsOrigins: `${url},http://127.0.0.1:${port}`,
    reviewUrl: `${url}/checkout/amazon-pay/review`,
    resultUrl: `${url}/checkout/amazon-pay/result`,
    cancelUrl: `${url}/cart`,
    configure: (next) => void (config = next),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

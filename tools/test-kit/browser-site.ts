/**
 * A small storefront for browser tests: a node:http server on its own port (so another origin than
 * the sandbox) serving pages the test defines, plus a bundler for the storefront kit so a page can
 * use `medusa-payment-amazon-pay/storefront` as a browser would (esbuild, which vite brings).
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import path from "node:path"

export interface SitePage {
  status?: number
  contentType?: string
  body: string
}

export type SiteRoute = (url: URL) => SitePage | string

export interface Site {
  /** e.g. `http://127.0.0.1:PORT` (or `http://localhost:PORT` with `host: "localhost"`). */
  readonly origin: string
  url(pathname: string): string
  route(pathname: string, handler: SiteRoute): void
  close(): Promise<void>
}

export async function startSite(options: { host?: "127.0.0.1" | "localhost" } = {}): Promise<Site> {
  const routes = new Map<string, SiteRoute>()
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://site.invalid")
    const handler = routes.get(url.pathname)
    const answer = handler ? handler(url) : { status: 404, body: "not found" }
    const page = typeof answer === "string" ? { body: answer } : answer
    res.writeHead(page.status ?? 200, {
      "content-type": page.contentType ?? "text/html; charset=utf-8",
      "cache-control": "no-store",
    })
    res.end(page.body)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const origin = `http://${options.host ?? "127.0.0.1"}:${(server.address() as AddressInfo).port}`
  return {
    origin,
    url: (pathname) => `${origin}${pathname}`,
    route: (pathname, handler) => void routes.set(pathname, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** JSON for a `<script type="application/json">` block (no `</script>` can end it early). */
export const jsonForScript = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c")

const escapeHtml = (value: unknown): string => String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function htmlDocument({ title, head = "", body }: { title: string; head?: string; body: string }): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title>${head}</head><body>${body}</body></html>`
}

/**
 * A merchant return page (review, result, cart): shows `amazonCheckoutSessionId` from its query
 * in `<output id="session-id">`, plus optional extra HTML (e.g. change links and a script).
 */
export function returnPage(title: string, extra: (url: URL) => string = () => ""): SiteRoute {
  return (url) =>
    htmlDocument({
      title,
      body: `<h1>${escapeHtml(title)}</h1><p>Amazon checkout: <output id="session-id">${escapeHtml(url.searchParams.get("amazonCheckoutSessionId") ?? "")}</output></p>${extra(url)}`,
    })
}

const bundles = new Map<string, Promise<string>>()

/**
 * Bundles a browser entry (TypeScript/TSX source text resolved from the repository root) into one
 * IIFE script. Cached per entry text.
 */
export function bundleForBrowser(entrySource: string): Promise<string> {
  let bundle = bundles.get(entrySource)
  if (!bundle) {
    // esbuild comes with vite (a devDependency); loaded lazily so only browser tests need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require("esbuild") as typeof import("esbuild")
    bundle = esbuild
      .build({
        stdin: { contents: entrySource, loader: "tsx", resolveDir: path.resolve(__dirname, "../.."), sourcefile: "browser-entry.tsx" },
        bundle: true,
        write: false,
        format: "iife",
        platform: "browser",
        target: "es2020",
        jsx: "automatic",
        define: { "process.env.NODE_ENV": '"production"' },
        logLevel: "silent",
      })
      .then((result) => result.outputFiles[0].text)
    bundles.set(entrySource, bundle)
  }
  return bundle
}

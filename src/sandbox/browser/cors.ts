/**
 * CORS for what a storefront page on another origin needs from the sandbox: the script
 * (`/checkout.js`), creating the checkout from the button (`POST /sandbox/buyer/checkoutSessions`,
 * a JSON POST, so the browser sends a preflight first) and signing out (`POST /sandbox/buyer/signout`,
 * with credentials: it clears the sandbox's own cookie, so the origin is reflected, never `*`).
 * Amazon's API paths (`/v2/...`) are for the merchant's server and get no CORS headers.
 * Chrome's Private Network Access preflight (`Access-Control-Request-Private-Network`) is allowed too:
 * the sandbox usually runs on a loopback or private address.
 */
import type { IncomingMessage, ServerResponse } from "node:http"

const BROWSER_PATHS = new Set(["/checkout.js", "/sandbox/buyer/checkoutSessions", "/sandbox/buyer/signout"])

export interface CorsPlan {
  headers: Record<string, string>
  /** An OPTIONS preflight: answer 204 with `headers` and nothing else. */
  preflight: boolean
}

type RequestHeaders = Record<string, string | string[] | undefined>

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)

export function browserCors(method: string, path: string, headers: RequestHeaders): CorsPlan | null {
  const normalized = path.replace(/\/+$/, "") || "/"
  if (!BROWSER_PATHS.has(normalized)) {
    return null
  }
  const origin = single(headers.origin)
  const plan: CorsPlan = {
    headers: {
      "access-control-allow-origin": origin ?? "*",
      "cross-origin-resource-policy": "cross-origin",
      ...(origin ? { "access-control-allow-credentials": "true", vary: "Origin" } : {}),
    },
    preflight: method === "OPTIONS",
  }
  if (plan.preflight) {
    plan.headers["access-control-allow-methods"] = "GET, POST, OPTIONS"
    plan.headers["access-control-allow-headers"] = single(headers["access-control-request-headers"]) ?? "content-type"
    plan.headers["access-control-max-age"] = "600"
    if (single(headers["access-control-request-private-network"]) === "true") {
      plan.headers["access-control-allow-private-network"] = "true"
    }
  }
  return plan
}

/** Sets the CORS headers for browser paths; answers a preflight itself (returns true). */
export function applyBrowserCors(req: IncomingMessage, res: ServerResponse): boolean {
  const plan = browserCors((req.method ?? "GET").toUpperCase(), (req.url ?? "/").split("?")[0], req.headers)
  if (!plan) {
    return false
  }
  for (const [name, value] of Object.entries(plan.headers)) {
    res.setHeader(name, value)
  }
  if (plan.preflight) {
    res.writeHead(204, { "content-length": "0" })
    res.end()
  }
  return plan.preflight
}

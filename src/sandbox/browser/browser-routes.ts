/**
 * The sandbox's browser side, answered before the control endpoints:
 *   GET  /checkout.js                      the stand-in for Amazon's checkout.js
 *   GET|POST /checkout/{id}                the buyer page (Amazon's hosted checkout)
 *   POST /sandbox/buyer/signout            what `amazon.Pay.signout()` calls: forget the remembered test buyer
 *   GET  /sandbox/buyer/checkoutSessions   the Checkout Sessions the sandbox holds (tests: "a forged button created nothing")
 */
import type { SandboxCore } from "../core"
import { jsonResponse, type PlainResponse } from "../http"
import { forgetBuyerCookie, buyerPageRoute } from "./buyer-page/buyer-page-route"
import { checkoutScriptSource } from "./checkout-js/source"

const BUYER_PAGE = /^\/checkout\/([^/]+)\/?$/

const decode = (id: string): string => {
  try {
    return decodeURIComponent(id)
  } catch {
    return id
  }
}

export function handleBrowserRequest(
  core: SandboxCore,
  method: string,
  url: URL,
  rawBody: Buffer,
  cookieHeader?: string
): PlainResponse | null {
  const path = url.pathname
  const page = BUYER_PAGE.exec(path)
  if (page) {
    core.clock.runDue()
    return buyerPageRoute(core, method, decode(page[1]), url, rawBody, cookieHeader)
  }
  const route = `${method} ${path.replace(/\/+$/, "")}`
  switch (route) {
    case "GET /checkout.js":
      return {
        status: 200,
        contentType: "text/javascript; charset=utf-8",
        body: checkoutScriptSource({ baseUrl: core.store.settings.baseUrl() }),
        headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" },
      }
    case "POST /sandbox/buyer/signout":
      return jsonResponse(200, { signedOut: true }, { "set-cookie": forgetBuyerCookie(), "cache-control": "no-store" })
    case "GET /sandbox/buyer/checkoutSessions":
      core.clock.runDue()
      return jsonResponse(200, {
        checkoutSessions: [...core.store.checkoutSessions.values()].map((s) => ({
          checkoutSessionId: s.id,
          state: s.status.state,
          createdAt: new Date(s.createdAt).toISOString(),
        })),
      })
  }
  return null
}

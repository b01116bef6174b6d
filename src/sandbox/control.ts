/**
 * Control endpoints (JSON, unsigned: they stand for Amazon's own pages and for test set-up):
 *   POST /sandbox/buyer/checkoutSessions               button payload -> Checkout Session
 *   POST /sandbox/buyer/checkoutSessions/{id}/approve  the buyer's choice on Amazon's page
 *   POST /sandbox/buyer/checkoutSessions/{id}/cancel   "cancel and return to merchant"
 *   (the HTML buyer page GET|POST /checkout/{id} and checkout.js are in browser/)
 *   GET /sandbox/ledger, GET|DELETE /sandbox/requests, GET|POST|DELETE /sandbox/faults, GET|POST /sandbox/clock, POST /sandbox/reset
 *   /sandbox/ipn...                                    IPN settings, deliveries, certificate (ipn/)
 *   /sandbox/chargebacks, /sandbox/delivery-trackers, /sandbox/settings   (control-objects.ts)
 */
import { approveCheckout, cancelCheckout, createSessionFromButton } from "./buyer"
import { handleObjectControl } from "./control-objects"
import type { SandboxCore } from "./core"
import { SandboxApiError } from "./api-error"
import { faultSchema } from "./faults"
import { jsonResponse, type PlainResponse } from "./http"
import { handleIpnControl } from "./ipn/ipn-routes"
import { buildLedger } from "./ledger"
import { parseJsonBody, validate } from "./validation"
import { z } from "zod"

const clockSchema = z.strictObject({ advanceMs: z.number().int().min(0).max(10 * 365 * 24 * 3600 * 1000) })

const BUYER_SESSION = /^\/sandbox\/buyer\/checkoutSessions\/([^/]+)\/(approve|cancel)$/

const decode = (id: string): string => {
  try {
    return decodeURIComponent(id)
  } catch {
    return id
  }
}

export async function handleControl(
  core: SandboxCore,
  method: string,
  url: URL,
  rawBody: Buffer
): Promise<PlainResponse | null> {
  const path = url.pathname.replace(/\/+$/, "") || "/"
  core.clock.runDue()
  if (!path.startsWith("/sandbox/")) {
    return null
  }
  const ipn = await handleIpnControl(core.ipn, method, `${path}${url.search}`, rawBody)
  if (ipn) {
    return { status: ipn.status, contentType: ipn.contentType, body: ipn.body }
  }
  const objects = handleObjectControl(core, method, path, rawBody)
  if (objects) {
    return objects
  }
  const json = () => parseJsonBody(rawBody)
  const route = `${method} ${path}`
  switch (route) {
    case "GET /sandbox/health":
      return jsonResponse(200, { ok: true, now: core.clock.now().toISOString() })
    case "GET /sandbox/ledger":
      return jsonResponse(200, buildLedger(core.store))
    case "GET /sandbox/requests":
      return jsonResponse(200, { requests: core.requests.snapshot() })
    case "DELETE /sandbox/requests":
      core.requests.clear()
      return jsonResponse(200, { requests: {} })
    case "GET /sandbox/faults":
      return jsonResponse(200, { faults: core.faults.list() })
    case "POST /sandbox/faults":
      return jsonResponse(201, core.faults.add(validate(faultSchema, json())))
    case "DELETE /sandbox/faults":
      core.faults.clear()
      return jsonResponse(200, { faults: [] })
    case "GET /sandbox/clock":
      return jsonResponse(200, { now: core.clock.now().toISOString() })
    case "POST /sandbox/clock":
      return jsonResponse(200, { now: core.clock.advance(validate(clockSchema, json()).advanceMs).toISOString() })
    case "POST /sandbox/reset":
      core.reset()
      return jsonResponse(200, { reset: true })
    case "POST /sandbox/buyer/checkoutSessions":
      return jsonResponse(201, createSessionFromButton(core, json()))
  }
  const buyer = BUYER_SESSION.exec(path)
  if (buyer && method === "POST") {
    const id = decode(buyer[1])
    return jsonResponse(200, buyer[2] === "approve" ? approveCheckout(core, id, json()) : cancelCheckout(core, id))
  }
  throw new SandboxApiError(404, "ResourceNotFound", `No sandbox endpoint ${method} ${path}`)
}

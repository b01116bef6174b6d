/**
 * The Amazon Pay API v2 path table. Every operation answers on `/v2/...` (key ids with a
 * LIVE-/SANDBOX- prefix) and on `/{sandbox|live}/v2/...` (older key ids), as Amazon's SDKs call it.
 * Operation names are the SDK method names (used by faults). Simulation codes per operation are the
 * ones Amazon documents for its sandbox, plus the sandbox-only `RefundDeclined`.
 */
import { closeChargePermission, getChargePermission, updateChargePermission } from "./resources/charge-permissions"
import { cancelCharge, captureCharge, createCharge, getCharge } from "./resources/charges"
import { completeCheckoutSession, finalizeCheckoutSession } from "./resources/checkout-completion"
import { updateCheckoutSession } from "./resources/checkout-session-update"
import { createCheckoutSession, getCheckoutSession } from "./resources/checkout-sessions"
import type { OperationContext, OperationResult } from "./resources/context"
import { createDeliveryTracker } from "./resources/delivery-trackers"
import { getDispute } from "./resources/disputes"
import { createRefund, getRefund } from "./resources/refunds"

export interface ApiRoute {
  operation: string
  method: "GET" | "POST" | "PATCH" | "DELETE"
  pattern: RegExp
  /** Amazon requires `x-amz-pay-idempotency-key` on the POSTs that create a resource. */
  idempotencyRequired: boolean
  simulationCodes: readonly string[]
  handle: (ctx: OperationContext, id: string, body: unknown) => OperationResult
}

const ID = "([^/]+)"
const COMPLETE_CODES = ["BuyerCanceled", "AmazonCanceled", "Declined", "AuthorizationInitiated"] as const

export const API_ROUTES: readonly ApiRoute[] = [
  route("createCheckoutSession", "POST", "checkoutSessions", true, [], (c, _id, b) => createCheckoutSession(c, b)),
  route("getCheckoutSession", "GET", `checkoutSessions/${ID}`, false, [], (c, id) => getCheckoutSession(c, id)),
  route("updateCheckoutSession", "PATCH", `checkoutSessions/${ID}`, false, [], updateCheckoutSession),
  route("completeCheckoutSession", "POST", `checkoutSessions/${ID}/complete`, false, COMPLETE_CODES, completeCheckoutSession),
  route("finalizeCheckoutSession", "POST", `checkoutSessions/${ID}/finalize`, false, COMPLETE_CODES, finalizeCheckoutSession),
  route("getChargePermission", "GET", `chargePermissions/${ID}`, false, [], (c, id) => getChargePermission(c, id)),
  route("updateChargePermission", "PATCH", `chargePermissions/${ID}`, false, [], updateChargePermission),
  route("closeChargePermission", "DELETE", `chargePermissions/${ID}/close`, false, ["AmazonClosed"], closeChargePermission),
  route(
    "createCharge",
    "POST",
    "charges",
    true,
    ["HardDeclined", "SoftDeclined", "AmazonRejected", "TransactionTimedOut", "CaptureInitiated"],
    (c, _id, b) => createCharge(c, b)
  ),
  route("getCharge", "GET", `charges/${ID}`, false, [], (c, id) => getCharge(c, id)),
  route("captureCharge", "POST", `charges/${ID}/capture`, true, ["CaptureInitiated", "AmazonRejected"], captureCharge),
  route("cancelCharge", "DELETE", `charges/${ID}/cancel`, false, [], cancelCharge),
  route("createRefund", "POST", "refunds", true, ["RefundDeclined"], (c, _id, b) => createRefund(c, b)),
  route("getRefund", "GET", `refunds/${ID}`, false, [], (c, id) => getRefund(c, id)),
  route("createDeliveryTracker", "POST", "deliveryTrackers", false, [], (c, _id, b) => createDeliveryTracker(c, b)),
  route("getDispute", "GET", `disputes/${ID}`, false, [], (c, id) => getDispute(c, id)),
]

/** Operation names accepted by faults, including the official SDK's name for Delivery Trackers. */
export const OPERATION_ALIASES: Readonly<Record<string, string>> = { deliveryTrackers: "createDeliveryTracker" }

function route(
  operation: string,
  method: ApiRoute["method"],
  path: string,
  idempotencyRequired: boolean,
  simulationCodes: readonly string[],
  handle: ApiRoute["handle"]
): ApiRoute {
  return { operation, method, pattern: new RegExp(`^${path}$`), idempotencyRequired, simulationCodes, handle }
}

const API_PREFIX = /^\/(?:(sandbox|live)\/)?v2\/(.+)$/

export interface MatchedApiPath {
  environment: "sandbox" | "live" | null
  /** The part after `v2/`, e.g. `charges/S01-...`. */
  rest: string
}

/** `null` when the path is not an Amazon API path (control endpoints, buyer page, ...). */
export function matchApiPath(pathname: string): MatchedApiPath | null {
  const match = API_PREFIX.exec(pathname)
  return match ? { environment: (match[1] as "sandbox" | "live" | undefined) ?? null, rest: match[2] } : null
}

export function findApiRoute(method: string, rest: string): { route: ApiRoute; id: string } | null {
  for (const candidate of API_ROUTES) {
    if (candidate.method !== method) {
      continue
    }
    const match = candidate.pattern.exec(rest)
    if (match) {
      let id = match[1] ?? ""
      try {
        id = decodeURIComponent(id)
      } catch {
        // keep the raw id; it will simply not be found
      }
      return { route: candidate, id }
    }
  }
  return null
}

/**
 * Control endpoints for what happens on Amazon's side without an API call, and for the sandbox's
 * readings (JSON, unsigned, like the rest of /sandbox/):
 *   POST /sandbox/chargebacks {chargeId, amount?, filingReason?}  the buyer's bank files a chargeback -> Dispute (201)
 *   POST /sandbox/chargebacks/{disputeId}/resolve {resolution}     BuyerWon | MerchantWon -> Dispute
 *   GET  /sandbox/chargebacks                                      every Dispute
 *   GET  /sandbox/delivery-trackers                                every tracking number reported
 *   GET|POST /sandbox/settings                                     chargeDeclineStyle, updateAfterRedirect, pendingWithCapture
 * Returns `null` for other paths.
 */
import type { SandboxCore } from "./core"
import { jsonResponse, type PlainResponse } from "./http"
import { openChargeback, resolveChargeback } from "./resources/disputes"
import { parseJsonBody } from "./validation"
import { disputeView } from "./views"

const RESOLVE = /^\/sandbox\/chargebacks\/([^/]+)\/resolve$/

export function handleObjectControl(core: SandboxCore, method: string, path: string, rawBody: Buffer): PlainResponse | null {
  const json = () => parseJsonBody(rawBody)
  switch (`${method} ${path}`) {
    case "POST /sandbox/chargebacks":
      return jsonResponse(201, openChargeback(core.store, json()))
    case "GET /sandbox/chargebacks":
      return jsonResponse(200, { chargebacks: [...core.store.disputes.values()].map((d) => disputeView(core.store, d)) })
    case "GET /sandbox/delivery-trackers":
      return jsonResponse(200, { deliveryTrackers: deliveryTrackers(core) })
    case "GET /sandbox/settings":
      return jsonResponse(200, core.behaviour.get())
    case "POST /sandbox/settings":
      return jsonResponse(200, core.behaviour.configure(json()))
  }
  const resolve = RESOLVE.exec(path)
  if (resolve && method === "POST") {
    return jsonResponse(200, resolveChargeback(core.store, decodeURIComponent(resolve[1]), json()))
  }
  return null
}

export interface DeliveryTrackerEntry {
  merchantId: string
  chargePermissionId: string | null
  amazonOrderReferenceId: string | null
  trackingNumber: string
  carrierCode: string
  creationTimestamp: string
}

export function deliveryTrackers(core: SandboxCore): DeliveryTrackerEntry[] {
  return [...core.store.deliveryTrackers.values()].map(({ createdAt, ...tracker }) => ({
    ...tracker,
    creationTimestamp: core.clock.timestamp(createdAt),
  }))
}

/**
 * Create Delivery Tracker (Amazon Pay API v2 "Delivery Tracker"): body `chargePermissionId` (or the
 * v1 `amazonOrderReferenceId`, which the official Node SDK documents as "The Amazon Order Reference
 * ID or Charge Permission Id") and `deliveryDetails: [{trackingNumber, carrierCode}]`; answered
 * 200 with the request echoed. "Note that tracking codes can only be used once."
 *
 * Refusals follow the reference's error table: 400 InvalidParameterValue for an invalid
 * chargePermissionId and for an invalid trackingNumber or carrierCode. A tracking number used before
 * is refused the same way (Amazon names no separate reasonCode for it: the sandbox's reading). The
 * sandbox has no v1 Order Reference objects: an amazonOrderReferenceId must name a Charge Permission
 * of the calling merchant. Closed permissions are fine (shipping follows the final capture). The
 * sandbox sends no Alexa notifications; trackers are kept for tests (GET /sandbox/delivery-trackers).
 */
import { badRequest } from "../api-error"
import type { DeliveryTrackerRecord } from "../records"
import { deliveryTrackerSchema, validate } from "../validation"
import type { OperationContext, OperationResult } from "./context"

export function createDeliveryTracker(ctx: OperationContext, data: unknown): OperationResult {
  const { store } = ctx
  const body = validate(deliveryTrackerSchema, data)
  if (body.chargePermissionId && body.amazonOrderReferenceId) {
    throw badRequest("InvalidParameterValue", "Give chargePermissionId or amazonOrderReferenceId, not both")
  }
  const permissionId = body.chargePermissionId ?? body.amazonOrderReferenceId
  if (!permissionId) {
    throw badRequest("MissingParameterValue", "chargePermissionId or amazonOrderReferenceId is required")
  }
  const permission = store.chargePermissions.get(permissionId)
  if (!permission || permission.merchantId !== ctx.merchantId) {
    throw badRequest("InvalidParameterValue", `${body.chargePermissionId ? "chargePermissionId" : "amazonOrderReferenceId"} ${permissionId} is invalid`)
  }
  const seen = new Set<string>()
  for (const { trackingNumber, carrierCode } of body.deliveryDetails) {
    if (!store.settings.carrierCodes.has(carrierCode)) {
      throw badRequest("InvalidParameterValue", `carrierCode ${carrierCode} is not a supported carrier code`)
    }
    if (seen.has(trackingNumber) || store.deliveryTrackers.has(trackingNumber)) {
      throw badRequest("InvalidParameterValue", `trackingNumber ${trackingNumber} was already used; tracking codes can only be used once`)
    }
    seen.add(trackingNumber)
  }
  const createdAt = store.now()
  for (const { trackingNumber, carrierCode } of body.deliveryDetails) {
    const tracker: DeliveryTrackerRecord = {
      merchantId: ctx.merchantId,
      chargePermissionId: body.chargePermissionId ?? null,
      amazonOrderReferenceId: body.amazonOrderReferenceId ?? null,
      trackingNumber,
      carrierCode,
      createdAt,
    }
    store.deliveryTrackers.set(trackingNumber, tracker)
  }
  return { status: 200, body }
}

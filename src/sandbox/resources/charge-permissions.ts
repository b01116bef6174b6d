/**
 * Charge Permission: Chargeable | NonChargeable | Closed (Amazon Pay "API introduction"). A one-time
 * permission captures up to the order total and closes once fully captured, when closed by the
 * merchant (or Amazon) or 180 days after creation. Closing with `cancelPendingCharges` cancels the
 * open authorizations with reason ChargePermissionCanceled.
 */
import { badRequest, invalidState } from "../errors"
import type { Address, Buyer, MerchantMetadata } from "../../lib/amazon-pay/types"
import { newChargePermissionId } from "../ids"
import type { ChargePermissionRecord } from "../records"
import type { SandboxStore } from "../store"
import {
  closeChargePermissionSchema,
  deliveryTrackerSchema,
  updateChargePermissionSchema,
  validate,
} from "../validation"
import { CHARGE_PERMISSION_VALID_MS, chargePermissionView } from "../views"
import type { OperationContext, OperationResult } from "./context"

export const MAX_CHARGES_PER_ONE_TIME_PERMISSION = 25

export interface NewChargePermission {
  type: string
  currencyCode: string
  limit: bigint | null
  buyer: Buyer | null
  shippingAddress: Address | null
  billingAddress: Address | null
  merchantMetadata: MerchantMetadata | null
  platformId: string | null
  releaseEnvironment: "Sandbox" | "Live"
}

export function createChargePermission(store: SandboxStore, input: NewChargePermission): ChargePermissionRecord {
  let id = newChargePermissionId()
  while (store.chargePermissions.has(id)) {
    id = newChargePermissionId()
  }
  const createdAt = store.now()
  const permission: ChargePermissionRecord = {
    ...input,
    id,
    createdAt,
    status: { state: "Chargeable", reasons: [], updatedAt: createdAt },
    chargeIds: [],
  }
  store.chargePermissions.set(id, permission)
  store.announce("CHARGE_PERMISSION", id, id)
  if (permission.limit !== null) {
    store.clock.schedule(createdAt + CHARGE_PERMISSION_VALID_MS, () => {
      if (permission.status.state !== "Closed") {
        store.setPermissionState(permission, "Closed", [{ reasonCode: "Expired", reasonDescription: "Charge Permission expired after 180 days" }])
      }
    })
  }
  return permission
}

/** Money captured for good on this permission (state Captured), minor units. */
export function capturedAmount(store: SandboxStore, permission: ChargePermissionRecord): bigint {
  return store
    .chargesOf(permission)
    .filter((c) => c.status.state === "Captured")
    .reduce((sum, c) => sum + (c.captureAmount ?? 0n), 0n)
}

/** A one-time permission closes once the order total has been captured. */
export function closeIfFullyCaptured(store: SandboxStore, permission: ChargePermissionRecord): void {
  if (permission.limit !== null && permission.status.state !== "Closed" && capturedAmount(store, permission) >= permission.limit) {
    store.setPermissionState(permission, "Closed", [])
  }
}

/** Hard declines leave the buyer's payment method unusable until they change it. */
export function markNonChargeable(
  store: SandboxStore,
  permission: ChargePermissionRecord,
  reasonCode: string,
  reasonDescription: string | null
): void {
  if (permission.status.state === "Chargeable") {
    store.setPermissionState(permission, "NonChargeable", [{ reasonCode, reasonDescription }])
  }
}

export function getChargePermission(ctx: OperationContext, id: string): OperationResult {
  return { status: 200, body: chargePermissionView(ctx.store, ctx.store.chargePermission(id)) }
}

export function updateChargePermission(ctx: OperationContext, id: string, data: unknown): OperationResult {
  const permission = ctx.store.chargePermission(id)
  const body = validate(updateChargePermissionSchema, data)
  if (permission.status.state === "Closed") {
    throw invalidState("InvalidChargePermissionStatus", `Charge Permission ${id} is Closed`)
  }
  permission.merchantMetadata = { ...permission.merchantMetadata, ...body.merchantMetadata }
  return { status: 200, body: chargePermissionView(ctx.store, permission) }
}

export function closeChargePermission(ctx: OperationContext, id: string, data: unknown): OperationResult {
  const { store } = ctx
  const permission = store.chargePermission(id)
  const body = validate(closeChargePermissionSchema, data)
  if (permission.status.state !== "Closed") {
    const amazonClosed = ctx.simulationCode === "AmazonClosed"
    if (body.cancelPendingCharges) {
      for (const charge of store.chargesOf(permission)) {
        if (charge.status.state === "Authorized" || charge.status.state === "AuthorizationInitiated") {
          charge.pending = null
          store.setChargeState(charge, "Canceled", "ChargePermissionCanceled", "The Charge Permission was closed")
        }
      }
    }
    store.setPermissionState(permission, "Closed", [
      {
        reasonCode: amazonClosed ? "AmazonClosed" : "MerchantClosed",
        reasonDescription: amazonClosed ? "Amazon closed the Charge Permission" : (body.closureReason ?? null),
      },
    ])
  }
  return { status: 200, body: chargePermissionView(store, permission) }
}

/** Delivery Trackers: accepted and echoed; the sandbox sends no Alexa notifications. */
export function createDeliveryTracker(ctx: OperationContext, data: unknown): OperationResult {
  const body = validate(deliveryTrackerSchema, data)
  const id = body.chargePermissionId ?? body.amazonOrderReferenceId
  if (!id) {
    throw badRequest("MissingParameterValue", "chargePermissionId or amazonOrderReferenceId is required")
  }
  if (body.chargePermissionId) {
    ctx.store.chargePermission(body.chargePermissionId)
  }
  return {
    status: 200,
    body: {
      amazonOrderReferenceId: body.amazonOrderReferenceId ?? null,
      chargePermissionId: body.chargePermissionId ?? null,
      deliveryDetails: body.deliveryDetails,
    },
  }
}

/**
 * Charge Permission: Chargeable | NonChargeable | Closed (Amazon Pay "API introduction"). A one-time
 * permission captures up to the order total and closes once fully captured, when closed by the
 * merchant (or Amazon) or 180 days after creation. Closing with `cancelPendingCharges` cancels the
 * open authorizations with reason ChargePermissionCanceled.
 */
import { invalidState } from "../api-error"
import type { Address, Buyer, MerchantMetadata } from "../../lib/amazon-pay/types"
import { newChargePermissionId, uniqueId } from "../ids"
import { CHARGE_PERMISSION_VALID_MS } from "../lifetimes"
import type { ChargePermissionRecord } from "../records"
import type { SandboxStore } from "../store"
import { closeChargePermissionSchema, updateChargePermissionSchema, validate } from "../validation"
import { chargePermissionView } from "../views"
import { capturedAmount } from "./balance"
import type { OperationContext, OperationResult } from "./context"

export const MAX_CHARGES_PER_ONE_TIME_PERMISSION = 25

export interface NewChargePermission {
  merchantId: string
  type: string
  currencyCode: string
  limit: bigint | null
  buyer: Buyer | null
  shippingAddress: Address | null
  billingAddress: Address | null
  merchantMetadata: MerchantMetadata | null
  platformId: string | null
  paymentDescriptor: string | null
  recurringMetadata: Record<string, unknown> | null
  releaseEnvironment: "Sandbox" | "Live"
}

export function createChargePermission(store: SandboxStore, input: NewChargePermission): ChargePermissionRecord {
  const id = uniqueId(newChargePermissionId, store.chargePermissions)
  const createdAt = store.now()
  const permission: ChargePermissionRecord = {
    ...input,
    id,
    createdAt,
    status: { state: "Chargeable", reasons: [], updatedAt: createdAt },
    chargeIds: [],
    declinedAttempts: [],
  }
  store.chargePermissions.set(id, permission)
  store.announce("CHARGE_PERMISSION", id, id, permission.merchantId)
  if (permission.limit !== null) {
    store.clock.schedule(createdAt + CHARGE_PERMISSION_VALID_MS, () => {
      if (permission.status.state !== "Closed") {
        store.setPermissionState(permission, "Closed", [{ reasonCode: "Expired", reasonDescription: "Charge Permission expired after 180 days" }])
      }
    })
  }
  return permission
}

/** A one-time permission closes once the order total has been captured. */
export function closeIfFullyCaptured(store: SandboxStore, permission: ChargePermissionRecord): void {
  if (permission.limit !== null && permission.status.state !== "Closed" && capturedAmount(store, permission) >= permission.limit) {
    store.setPermissionState(permission, "Closed", [])
  }
}

export function getChargePermission(ctx: OperationContext, id: string): OperationResult {
  return { status: 200, body: chargePermissionView(ctx.store, ctx.store.chargePermission(id, ctx.merchantId)) }
}

export function updateChargePermission(ctx: OperationContext, id: string, data: unknown): OperationResult {
  const permission = ctx.store.chargePermission(id, ctx.merchantId)
  const body = validate(updateChargePermissionSchema, data)
  if (permission.status.state === "Closed") {
    throw invalidState("InvalidChargePermissionStatus", `Charge Permission ${id} is Closed`)
  }
  permission.merchantMetadata = { ...permission.merchantMetadata, ...body.merchantMetadata }
  permission.recurringMetadata = body.recurringMetadata ?? permission.recurringMetadata
  return { status: 200, body: chargePermissionView(ctx.store, permission) }
}

export function closeChargePermission(ctx: OperationContext, id: string, data: unknown): OperationResult {
  const { store } = ctx
  const permission = store.chargePermission(id, ctx.merchantId)
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

/** Money on a Charge Permission, minor units (Amazon Pay "Charge Permission" > limits). */
import type { ChargePermissionRecord } from "../records"
import type { SandboxStore } from "../store"

/** Captured plus money held by open authorizations and pending captures. */
export function committedAmount(store: SandboxStore, permission: ChargePermissionRecord): bigint {
  let total = 0n
  for (const charge of store.chargesOf(permission)) {
    const state = charge.status.state
    if (state === "Captured" || state === "CaptureInitiated") {
      total += charge.captureAmount ?? 0n
    } else if (state === "Authorized" || state === "AuthorizationInitiated") {
      total += charge.chargeAmount
    }
  }
  return total
}

/** Money captured for good (state Captured). */
export function capturedAmount(store: SandboxStore, permission: ChargePermissionRecord): bigint {
  return store
    .chargesOf(permission)
    .filter((c) => c.status.state === "Captured")
    .reduce((sum, c) => sum + (c.captureAmount ?? 0n), 0n)
}

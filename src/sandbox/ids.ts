/**
 * Identifiers shaped like Amazon's: `S01-1234567-1234567` (Charge Permission),
 * `S01-1234567-1234567-C1234567` (Charge), `S01-1234567-1234567-R1234567` (Refund),
 * `S01-1234567-1234567-B1234567` (Dispute, "Manage disputes" IPN example) and a UUID for Checkout
 * Sessions (Amazon Pay API v2 reference, example responses).
 */
import { randomInt, randomUUID } from "node:crypto"

const digits = (n: number): string => {
  let out = ""
  for (let i = 0; i < n; i++) {
    out += String(randomInt(10))
  }
  return out
}

export const newCheckoutSessionId = (): string => randomUUID()
export const newChargePermissionId = (): string => `S01-${digits(7)}-${digits(7)}`
export const newChargeId = (chargePermissionId: string): string => `${chargePermissionId}-C${digits(7)}`
export const newDisputeId = (chargePermissionId: string): string => `${chargePermissionId}-B${digits(7)}`
export const newRefundId = (chargePermissionId: string): string => `${chargePermissionId}-R${digits(7)}`
export const newBuyerId = (): string => `amzn1.account.${randomUUID().replace(/-/g, "").toUpperCase().slice(0, 28)}`
export const newRequestId = (): string => randomUUID()

/** A fresh id from `make` that `taken` does not hold yet (random ids can collide). */
export function uniqueId(make: () => string, taken: { has(id: string): boolean }): string {
  let id = make()
  while (taken.has(id)) {
    id = make()
  }
  return id
}

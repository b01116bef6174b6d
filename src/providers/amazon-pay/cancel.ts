/**
 * Voiding what is left of a payment: cancel every charge that is still only authorized (or
 * pending authorization), then Close Charge Permission with `cancelPendingCharges` so nothing more
 * can be charged and, after a partial capture, the rest of the authorization is released
 * (Amazon Pay "Cancel Charge", "Close Charge Permission"; Magento's void does the same).
 * Things Amazon already finished (charge captured/canceled, permission closed) are success.
 */
import type { AmazonPayClient } from "../../lib/amazon-pay/client"
import { asMedusa, hasReason } from "./errors"
import { upsertCharge, type AmazonPayPaymentData } from "./payment-data"
import { syncWithAmazon } from "./sync"

const CANCELABLE = new Set(["Authorized", "AuthorizationInitiated"])
/** Amazon's answers meaning "already in a final state": nothing left to cancel. */
const ALREADY_FINAL = ["InvalidChargeStatus", "InvalidChargePermissionStatus", "ResourceNotFound"]

export async function cancelWithAmazon(client: AmazonPayClient, data: AmazonPayPaymentData): Promise<AmazonPayPaymentData> {
  if (!data.chargePermissionId) {
    // Never completed: Amazon expires an open checkout session by itself after 24 hours.
    return data
  }
  let current = await syncWithAmazon(client, data)
  for (const charge of current.charges.filter((c) => CANCELABLE.has(c.state))) {
    try {
      const canceled = await client.cancelCharge(charge.chargeId, { cancellationReason: "Canceled by the merchant" })
      current = upsertCharge(current, canceled)
    } catch (error) {
      if (!hasReason(error, ...ALREADY_FINAL)) {
        throw error
      }
    }
  }
  if (current.chargePermissionState !== "Closed") {
    const permissionId = current.chargePermissionId as string
    try {
      const closed = await client.closeChargePermission(permissionId, {
        closureReason: "Canceled by the merchant",
        cancelPendingCharges: true,
      })
      current = { ...current, chargePermissionState: closed.statusDetails.state }
    } catch (error) {
      if (!hasReason(error, ...ALREADY_FINAL)) {
        throw error
      }
    }
  }
  return asMedusa("read the payment", () => syncWithAmazon(client, current))
}

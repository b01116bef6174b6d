/**
 * Voiding what is left of a payment, under its lock: cancel every charge that is still only
 * authorized (or pending authorization), then Close Charge Permission with `cancelPendingCharges`
 * so nothing more can be charged and, after a partial capture, the rest of the authorization is
 * released (Amazon Pay "Cancel Charge", "Close Charge Permission"; Magento's void does the same).
 * Both calls are journaled. Things Amazon already finished (charge captured/canceled, permission
 * closed) are success.
 */
import type { Charge, ChargePermission } from "../../lib/amazon-pay/types"
import type { ProviderDeps } from "./deps"
import { asMedusa, hasReason } from "./medusa-errors"
import { journaledCall, type PaymentRef } from "./journal/journaled-call"
import { projectPaymentData, recordCharge, recordPermission } from "./journal/registry"
import type { AmazonPayPaymentData } from "./payment-data"
import { syncWithAmazon } from "./sync"

const CANCELABLE = new Set(["Authorized", "AuthorizationInitiated"])
/** Amazon's answers meaning "already in a final state": nothing left to cancel. */
const ALREADY_FINAL = ["InvalidChargeStatus", "InvalidChargePermissionStatus", "ResourceNotFound"]

/** Amazon's `closureReason` when none is given (max 255 characters, Amazon Pay "Close Charge Permission"). */
export const DEFAULT_CLOSURE_REASON = "Canceled by the merchant"

export async function cancelWithAmazon(
  deps: ProviderDeps,
  ref: PaymentRef,
  record: AmazonPayPaymentData,
  closureReason: string = DEFAULT_CLOSURE_REASON
): Promise<AmazonPayPaymentData> {
  const permissionId = record.chargePermissionId
  if (!permissionId) {
    // Never completed: Amazon expires an open checkout session by itself after 24 hours.
    return record
  }
  return deps.lock.run(ref.paymentCollectionId, async () => {
    const current = projectPaymentData(record, await syncWithAmazon(deps, ref, permissionId))
    for (const charge of current.charges.filter((c) => CANCELABLE.has(c.state))) {
      try {
        const { answer } = await journaledCall(deps.journal, deps.client, ref, {
          kind: "cancel_charge",
          targetId: charge.chargeId,
          request: { cancellationReason: "Canceled by the merchant" },
          chargePermissionId: permissionId,
          amount: charge.amount,
        })
        await recordCharge(deps.journal, ref, answer as Charge)
      } catch (error) {
        if (!hasReason(error, ...ALREADY_FINAL)) {
          throw error
        }
      }
    }
    if (current.chargePermissionState !== "Closed") {
      try {
        const { answer } = await journaledCall(deps.journal, deps.client, ref, {
          kind: "close_charge_permission",
          targetId: permissionId,
          request: { closureReason, cancelPendingCharges: true },
          chargePermissionId: permissionId,
        })
        await recordPermission(deps.journal, ref, answer as ChargePermission)
      } catch (error) {
        if (!hasReason(error, ...ALREADY_FINAL)) {
          throw error
        }
      }
    }
    return projectPaymentData(record, await asMedusa("read the payment", () => syncWithAmazon(deps, ref, permissionId)))
  })
}

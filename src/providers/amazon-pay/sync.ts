/**
 * Reading Amazon's live state into the payment data record, and summarising it as one Medusa
 * status. Used before every money-moving decision (capture, refund) so that a retried or lost
 * request is judged by what Amazon actually did, not by what we last wrote down.
 */
import { PaymentSessionStatus } from "@medusajs/framework/utils"
import type { AmazonPayClient } from "../../lib/amazon-pay/client"
import { asMedusa } from "./errors"
import { upsertCharge, type AmazonPayPaymentData } from "./payment-data"
import { mapAmazonStatus, mapChargePermissionStatus } from "./status-map"

/** Get Charge for every recorded charge and Get Charge Permission, in parallel. */
export async function syncWithAmazon(client: AmazonPayClient, data: AmazonPayPaymentData): Promise<AmazonPayPaymentData> {
  const permissionId = data.chargePermissionId
  const [charges, permission] = await asMedusa("read the payment", () =>
    Promise.all([
      Promise.all(data.charges.map((c) => client.getCharge(c.chargeId))),
      permissionId ? client.getChargePermission(permissionId) : Promise.resolve(null),
    ])
  )
  let synced = data
  for (const charge of charges) {
    synced = upsertCharge(synced, charge)
  }
  return permission ? { ...synced, chargePermissionState: permission.statusDetails.state } : synced
}

const PRECEDENCE: PaymentSessionStatus[] = [
  PaymentSessionStatus.CAPTURED,
  PaymentSessionStatus.AUTHORIZED,
  PaymentSessionStatus.PENDING_AUTHORIZATION,
]

/**
 * The payment's status: any captured charge makes it captured, else any authorized charge
 * authorized, else a pending authorization pending; otherwise the charge permission decides
 * (a Chargeable permission whose authorization expired can still be charged: authorized), and
 * without a permission the latest charge (declined -> error, canceled -> canceled).
 */
export function aggregateStatus(data: AmazonPayPaymentData, permissionReasons?: Array<{ reasonCode: string }>) {
  const chargeStatuses = data.charges.map((c) => mapAmazonStatus("Charge", c.state, c.reasonCode).status)
  for (const status of PRECEDENCE) {
    if (chargeStatuses.includes(status)) {
      return status
    }
  }
  if (data.chargePermissionState) {
    return mapChargePermissionStatus(data.chargePermissionState, permissionReasons).status
  }
  return chargeStatuses.at(-1) ?? PaymentSessionStatus.PENDING
}

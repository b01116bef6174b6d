/**
 * Reading Amazon's live state into the journal, and summarising a payment as one Medusa status.
 * Used before every money-moving decision (capture, refund, cancel) so that a retried or lost
 * request is judged by what Amazon actually did, not by what was last written down.
 */
import { PaymentSessionStatus } from "@medusajs/framework/utils"
import type { AmazonObjectRecord } from "../../modules/amazon-pay-journal/journal-records"
import type { ProviderDeps } from "./deps"
import { asMedusa } from "./medusa-errors"
import type { PaymentRef } from "./journal/journaled-call"
import { recordCharge, recordPermission } from "./journal/registry"
import type { AmazonPayPaymentData } from "./payment-data"
import { mapAmazonStatus, mapChargePermissionStatus } from "./status-map"

/** Get Charge Permission and Get Charge for each of its charges, in parallel; recorded; the fresh objects. */
export async function syncWithAmazon(deps: ProviderDeps, ref: PaymentRef, chargePermissionId: string): Promise<AmazonObjectRecord[]> {
  const known = await deps.journal.objectsOf(ref.paymentCollectionId)
  const chargeIds = known.filter((o) => o.object_type === "Charge" && o.charge_permission_id === chargePermissionId).map((o) => o.amazon_id)
  const [permission, charges] = await asMedusa("read the payment", () =>
    Promise.all([deps.client.getChargePermission(chargePermissionId), Promise.all(chargeIds.map((id) => deps.client.getCharge(id)))])
  )
  await recordPermission(deps.journal, ref, permission)
  for (const charge of charges) {
    await recordCharge(deps.journal, ref, charge)
  }
  return deps.journal.objectsOf(ref.paymentCollectionId)
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
export function aggregateStatus(data: Pick<AmazonPayPaymentData, "charges" | "chargePermissionState" | "chargePermissionReasons">) {
  const chargeStatuses = data.charges.map((c) => mapAmazonStatus("Charge", c.state, c.reasonCode).status)
  for (const status of PRECEDENCE) {
    if (chargeStatuses.includes(status)) {
      return status
    }
  }
  if (data.chargePermissionState) {
    return mapChargePermissionStatus(data.chargePermissionState, data.chargePermissionReasons.map((reasonCode) => ({ reasonCode }))).status
  }
  return chargeStatuses.at(-1) ?? PaymentSessionStatus.PENDING
}

/**
 * The admin's "Sync with Amazon": settle the payment's calls whose answer was lost, then read every
 * Amazon object of the payment (charge permission, charges, refunds, chargebacks) live and apply
 * each the way an IPN is applied (webhooks/recheck-object.ts -> apply-reading.ts: under the
 * payment's lock, terminal states never left, a declined refund undone in Medusa, money Amazon
 * moved that Medusa lacks recorded). For a store whose IPNs were lost, or an admin who does not
 * want to wait for the polling job.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { OperationKind } from "../../../modules/amazon-pay-journal/journal-records"
import { medusaServices } from "../store-container/store-services"
import { resolveProviderConfigs } from "../store-container/provider-configs"
import { recheckObject, settleCalls } from "../ipn/recheck-object"
import { amazonPayPaymentRow } from "./payment-view"

/** Objects Amazon can be asked about (a Checkout Session is done once the permission exists). */
const SYNCED_TYPES = new Set(["ChargePermission", "Charge", "Refund", "Chargeback"])
const MONEY_CALLS: OperationKind[] = ["capture_charge", "create_refund", "close_charge_permission"]

export interface SyncReport {
  /** One line per call settled or object read: `<type> <id>: <outcome>`. */
  outcomes: string[]
}

export async function syncPayment(container: MedusaContainer, paymentId: string): Promise<SyncReport> {
  const row = await amazonPayPaymentRow(container, paymentId)
  const configs = resolveProviderConfigs(container)
  if (!configs.length) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Amazon Pay is not configured in this store")
  }
  const services = medusaServices(container)
  const ref = { paymentCollectionId: row.payment_collection_id }
  const outcomes = await settleCalls(container, services, configs, ref, MONEY_CALLS)
  const objects = (await services.journal.objectsOf(ref.paymentCollectionId)).filter((o) => SYNCED_TYPES.has(o.object_type))
  if (!objects.some((o) => o.object_type === "ChargePermission")) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Amazon Pay payment ${paymentId} has no charge permission to sync`)
  }
  for (const object of objects) {
    outcomes.push(await recheckObject(container, services, configs, object))
  }
  await services.journal.recordEvent({
    payment_collection_id: ref.paymentCollectionId,
    charge_permission_id: objects.find((o) => o.object_type === "ChargePermission")?.amazon_id ?? null,
    kind: "admin_sync",
    summary: `Synced with Amazon by an admin: ${objects.length} object(s) read`,
  })
  return { outcomes }
}

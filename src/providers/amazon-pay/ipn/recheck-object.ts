/**
 * Re-reading one recorded Amazon object and applying what Amazon says the way an IPN is applied
 * (apply/apply-reading.ts), and settling a payment's calls whose answer was lost. Shared by the
 * polling job (pending objects) and the admin's "Sync with Amazon" (every object of one payment):
 * both read live state with the owning provider instance's client and apply it under the
 * payment's lock.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { IpnMessage } from "../../../lib/amazon-pay/types"
import type { AmazonObjectRecord, OperationKind } from "../../../modules/amazon-pay-journal/journal-records"
import { applyOwnedReading } from "../apply/apply-reading"
import { recordOrphanedMoney } from "../apply/record-orphans"
import { OPERATION_FAMILY } from "../journal/key-rules"
import { settleOpenOperations } from "../journal/settle-open"
import {
  medusaProviderId,
  ownerConfigOf,
  providerDepsFor,
  sameMerchantProviders,
  webhookDepsFor,
  type AmazonPayProviderConfig,
} from "../store-container/provider-configs"
import type { MedusaServices } from "../store-container/store-services"
import { readWebhookOptions } from "./ipn-options"
import { readAmazonObject } from "./read-ipn"

const OBJECT_TYPES: Readonly<Record<string, string>> = { Charge: "CHARGE", Refund: "REFUND", ChargePermission: "CHARGE_PERMISSION", Chargeback: "CHARGEBACK" }

/** The message an IPN for this object would carry (Amazon's IPNs carry ids only). */
function pollMessage(objectType: string, objectId: string, chargePermissionId: string): IpnMessage {
  return {
    MerchantID: "",
    ObjectType: objectType,
    ObjectId: objectId,
    ChargePermissionId: chargePermissionId,
    NotificationType: "STATE_CHANGE",
    NotificationId: `poll-${objectId}`,
    NotificationVersion: "V2",
  }
}

/**
 * Settles the payment's calls of `kinds`' families whose answer was lost (the same key and body
 * again: journal/settle-open.ts) and records in Medusa what such a call moved (record-orphans.ts).
 */
export async function settleCalls(
  container: MedusaContainer,
  services: MedusaServices,
  configs: AmazonPayProviderConfig[],
  ref: { paymentCollectionId: string; paymentSessionId?: string | null },
  kinds: ReadonlyArray<OperationKind>
): Promise<string[]> {
  const config = (await ownerConfigOf(services, configs, ref.paymentCollectionId)) ?? configs[0]
  const deps = providerDepsFor(config, services, container.resolve(ContainerRegistrationKeys.LOGGER) as Logger)
  return services.lock(ref.paymentCollectionId, async () => {
    for (const family of new Set(kinds.map((kind) => OPERATION_FAMILY[kind]))) {
      await settleOpenOperations(deps, ref, family)
    }
    return recordOrphanedMoney(services, ref.paymentCollectionId)
  })
}

/** Reads one recorded object from Amazon and applies it like an IPN; one line saying what happened. */
export async function recheckObject(
  container: MedusaContainer,
  services: MedusaServices,
  configs: AmazonPayProviderConfig[],
  object: AmazonObjectRecord
): Promise<string> {
  const config = (await ownerConfigOf(services, configs, object.payment_collection_id)) ?? configs[0]
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER) as Logger
  const permissionId = object.charge_permission_id ?? ""
  const message = pollMessage(OBJECT_TYPES[object.object_type] ?? object.object_type, object.amazon_id, permissionId)
  const reading = await readAmazonObject(webhookDepsFor(config, logger).client, message)
  if (!("paymentCollectionId" in reading) || reading.paymentCollectionId !== object.payment_collection_id) {
    await services.journal.touchObject(object.id)
    return `${object.object_type} ${object.amazon_id}: ${"reason" in reading ? reading.reason : "not this payment's"}`
  }
  const outcome = await applyOwnedReading(
    {
      services,
      webhook: readWebhookOptions(config.options),
      providerId: medusaProviderId(config.id),
      sameMerchantProviders: sameMerchantProviders(configs, config, logger),
    },
    reading,
    "poll"
  )
  await services.journal.touchObject(object.id)
  return `${object.object_type} ${object.amazon_id}: ${outcome}`
}

/**
 * Re-reading one recorded Amazon object (or settling a call whose answer was lost) and applying
 * what Amazon says the way an IPN is applied (apply-reading.ts). Shared by the polling job (pending
 * objects) and the admin's "Sync with Amazon" (every object of one payment): both read live state
 * with the owning provider instance's client and apply it under the payment's lock.
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { IpnMessage } from "../../../lib/amazon-pay/types"
import type { AmazonObjectRecord, OperationKind } from "../../../modules/amazon-pay-journal/types"
import { OPERATION_FAMILY } from "../journal/key-rules"
import { settleOpenOperations } from "../journal/settle-open"
import { applyOwnedReading } from "./apply-reading"
import type { MedusaServices } from "./medusa-services"
import { medusaProviderId, providerDepsFor, sameMerchantProviders, webhookDepsFor, type AmazonPayProviderConfig } from "./medusa-deps"
import { readAmazonObject } from "./read-ipn"
import { recordOrphanedMoney } from "./record-orphans"
import { readWebhookOptions } from "./webhook-options"

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

/** The provider instance that owns a payment collection's Amazon objects (its completing session's provider). */
export async function ownerOf(services: MedusaServices, configs: AmazonPayProviderConfig[], paymentCollectionId: string): Promise<AmazonPayProviderConfig> {
  const objects = await services.journal.objectsOf(paymentCollectionId)
  const sessionId = objects.find((o) => o.object_type === "ChargePermission" && o.payment_session_id)?.payment_session_id
    ?? objects.find((o) => o.payment_session_id)?.payment_session_id
  const [session] = sessionId ? await services.payment.listPaymentSessions({ id: sessionId }, { take: 1, select: ["id", "provider_id"] }) : []
  return configs.find((c) => medusaProviderId(c.id) === session?.provider_id) ?? configs[0]
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
  const config = await ownerOf(services, configs, ref.paymentCollectionId)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER) as Logger
  const deps = providerDepsFor(config, services, logger)
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
  const config = await ownerOf(services, configs, object.payment_collection_id)
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

/**
 * The admin's "Close charge permission": release what is left of the buyer's authorization and
 * make sure nothing more can be charged (Amazon Pay "Close Charge Permission" with
 * `cancelPendingCharges`; authorized charges are canceled first). The same locked, journaled code
 * as the provider's cancel hook (cancel.ts), with the admin's reason as Amazon's `closureReason`.
 *
 * Recorded in Medusa: a payment with nothing captured can never be captured now, so Medusa's
 * payment is canceled (payment module `cancelPayment`, which calls the provider's cancel hook: it
 * finds the permission closed and sends nothing); a partly captured payment keeps its captures and
 * its data is rewritten from the journal (the widget then shows nothing left to capture).
 */
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { cancelWithAmazon } from "../cancel"
import { readPaymentData } from "../payment-data"
import { writeProjection } from "../apply/apply-reading"
import { medusaServices } from "../store-container/store-services"
import { medusaProviderId, ownerConfigOf, providerDepsFor, resolveProviderConfigs } from "../store-container/provider-configs"
import { readWebhookOptions } from "../ipn/ipn-options"
import { amazonPayPaymentRow } from "./payment-view"

export async function closeChargePermission(container: MedusaContainer, paymentId: string, reason?: string): Promise<void> {
  const row = await amazonPayPaymentRow(container, paymentId)
  const data = readPaymentData(row.data)
  if (!data.chargePermissionId) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Amazon Pay payment ${paymentId} has no charge permission to close`)
  }
  const configs = resolveProviderConfigs(container)
  if (!configs.length) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Amazon Pay is not configured in this store")
  }
  const services = medusaServices(container)
  const config = (await ownerConfigOf(services, configs, row.payment_collection_id)) ?? configs[0]
  const deps = providerDepsFor(config, services, container.resolve(ContainerRegistrationKeys.LOGGER) as Logger)
  const ref = { paymentCollectionId: row.payment_collection_id, paymentSessionId: data.session_id || null, paymentId }
  const closed = await cancelWithAmazon(deps, ref, data, reason)
  await services.journal.recordEvent({
    payment_collection_id: ref.paymentCollectionId,
    charge_permission_id: data.chargePermissionId,
    kind: "admin_close",
    summary: `Charge permission ${data.chargePermissionId} closed by an admin${reason ? ` (${reason})` : ""}: ${closed.chargePermissionState ?? "state unknown"}`,
  })
  const payment = container.resolve(Modules.PAYMENT)
  const [withCaptures] = await payment.listPayments({ id: paymentId }, { relations: ["captures"], take: 1 })
  if (!row.canceled_at && !(withCaptures?.captures ?? []).length) {
    await payment.cancelPayment(paymentId)
    return
  }
  await writeProjection({ services, webhook: readWebhookOptions(config.options), providerId: medusaProviderId(config.id) }, row)
}

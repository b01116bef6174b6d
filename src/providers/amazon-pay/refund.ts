/**
 * Refunding one Medusa Refund with Amazon, exactly once, under the payment's lock: settle any
 * refund whose answer was lost (journal/settle-open.ts), read Amazon's live charge states, adopt an
 * Amazon refund no Medusa refund accounts for when it is exactly this amount (refund-plan.ts
 * `adoptableRefunds`: a Medusa retry under a new Refund id after a lost answer, Medusa issue
 * 16292), else spread the refund over the captured charges (refund-plan.ts `planRefund`) and send
 * one journaled Create Refund per piece, each with a new key.
 */
import { MedusaError } from "@medusajs/framework/utils"
import type { Price, Refund } from "../../lib/amazon-pay/types"
import type { ProviderDeps } from "./deps"
import { toMedusaError } from "./medusa-errors"
import { journaledCall, type PaymentRef } from "./journal/journaled-call"
import { projectPaymentData, recordRefund } from "./journal/registry"
import { settleOpenOperations } from "./journal/settle-open"
import type { AmazonPayPaymentData } from "./payment-data"
import { adoptableRefunds, planRefund } from "./refund-plan"
import { syncWithAmazon } from "./sync"

export interface RefundRequest {
  /** The Medusa Refund id (`ref_...`), Medusa's `context.idempotency_key`. */
  refundId: string
  /** Exact in the currency's minor unit. */
  amount: Price
  /** Ids of the payment's Medusa Refunds that exist (this one included). */
  liveRefundIds: ReadonlyArray<string>
  /**
   * Reads `liveRefundIds` again; called under the payment lock. Medusa commits a concurrent refund's
   * row before either provider call, so a reading taken before the lock can miss it, and this refund
   * would adopt that one's Amazon refund as orphaned: two Medusa refunds on one Amazon refund
   * (found by `npm run chaos -- --cluster`: three parallel refunds of 40, Medusa 120, Amazon 80).
   */
  readLiveRefundIds?: () => Promise<ReadonlyArray<string>>
}

export async function refundWithAmazon(
  deps: ProviderDeps,
  ref: PaymentRef,
  record: AmazonPayPaymentData,
  request: RefundRequest
): Promise<AmazonPayPaymentData> {
  const permissionId = record.chargePermissionId
  if (!permissionId) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Amazon Pay cannot refund: the payment has no charge permission")
  }
  return deps.lock.run(ref.paymentCollectionId, async () => {
    const recorded = await deps.journal.objectsOf(ref.paymentCollectionId)
    if (recorded.some((o) => o.object_type === "Refund" && o.medusa_ref_id === request.refundId && o.state !== "Declined")) {
      return projectPaymentData(record, recorded)
    }
    await settleOpenOperations(deps, ref, "refund")
    const current = projectPaymentData(record, await syncWithAmazon(deps, ref, permissionId))
    const liveRefundIds = request.readLiveRefundIds ? await request.readLiveRefundIds() : request.liveRefundIds
    const adopted = adoptableRefunds(current.refunds, new Set(liveRefundIds), request.amount)
    if (adopted) {
      for (const refundId of adopted) {
        const refund = await deps.client.getRefund(refundId).catch((error: unknown) => {
          throw toMedusaError(error, "read the refund")
        })
        await recordRefund(deps.journal, ref, refund, permissionId, request.refundId)
      }
      return projectPaymentData(record, await deps.journal.objectsOf(ref.paymentCollectionId))
    }
    const softDescriptor = deps.options.softDescriptor ? { softDescriptor: deps.options.softDescriptor } : {}
    for (const piece of planRefund(current, request.amount, "amazon")) {
      let refund: Refund
      try {
        const { answer } = await journaledCall(deps.journal, deps.client, ref, {
          kind: "create_refund",
          targetId: piece.chargeId,
          request: { chargeId: piece.chargeId, refundAmount: piece.amount, ...softDescriptor },
          medusaRefId: request.refundId,
          chargePermissionId: permissionId,
          amount: piece.amount,
        })
        refund = answer as Refund
      } catch (error) {
        throw toMedusaError(error, "refund the charge")
      }
      await recordRefund(deps.journal, ref, refund, permissionId, request.refundId)
    }
    return projectPaymentData(record, await deps.journal.objectsOf(ref.paymentCollectionId))
  })
}


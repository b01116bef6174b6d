/**
 * Money Amazon moved that no Medusa row accounts for, recorded in Medusa so that Medusa's totals
 * equal Amazon's. It arises when a capture or refund got no answer, Medusa deleted its row (the
 * provider threw), nobody retried it, and the polling job then settled the call by replaying its
 * key (journal/settle-open.ts), or from a refund made in Seller Central that an IPN reported.
 *
 * Recorded the way an admin would: Medusa's own capture and refund workflows, which call this
 * provider, which then finds the money already at Amazon and attributes it instead of moving it
 * again (capture-plan.ts `attribute`, refund-plan.ts `adoptableRefunds`). Runs under the payment's
 * lock (re-entrant), so no admin operation on the same payment interleaves.
 */
import { MathBN } from "@medusajs/framework/utils"
import { capturePaymentWorkflow, refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { formatMinorUnits, priceToMinor } from "../amounts"
import type { AmazonObjectRecord } from "../../../modules/amazon-pay-journal/journal-records"
import type { MedusaServices } from "../store-container/store-services"

interface MoneyRow {
  id: string
  amount?: unknown
  raw_amount?: unknown
}

interface PaymentWithRows {
  id: string
  currency_code: string
  canceled_at?: unknown
  captures?: MoneyRow[]
  refunds?: MoneyRow[]
}

/** The sum of Medusa Capture or Refund rows, exact (BigNumber). */
export const sumRows = (rows: MoneyRow[] = []) => rows.reduce((total, r) => MathBN.add(total, (r.raw_amount ?? r.amount) as never), MathBN.convert(0))

/** What Amazon captured on a payment, per the journal: its Captured and CaptureInitiated charges, in minor units. */
export function amazonCapturedMinor(objects: AmazonObjectRecord[], minor: (amount: string | null) => bigint): bigint {
  return objects
    .filter((o) => o.object_type === "Charge" && (o.state === "Captured" || o.state === "CaptureInitiated"))
    .reduce((total, o) => total + minor(o.captured_amount ?? o.amount), 0n)
}

export async function recordOrphanedMoney(services: MedusaServices, paymentCollectionId: string): Promise<string[]> {
  const [payment] = (await services.payment.listPayments({ payment_collection_id: paymentCollectionId } as never, {
    relations: ["captures", "refunds"],
    take: 1,
  })) as unknown as PaymentWithRows[]
  if (!payment) {
    return []
  }
  const objects = await services.journal.objectsOf(paymentCollectionId)
  const recorded: string[] = []
  const currency = payment.currency_code.toUpperCase()
  const minor = (amount: string | null) => (amount === null ? 0n : priceToMinor({ amount, currencyCode: currency }))

  const amazonCaptured = amazonCapturedMinor(objects, minor)
  const medusaCaptured = minor(sumRows(payment.captures).toFixed())
  if (amazonCaptured > medusaCaptured && !payment.canceled_at) {
    const amount = formatMinorUnits(amazonCaptured - medusaCaptured, currency)
    await capturePaymentWorkflow(services.container).run({ input: { payment_id: payment.id, amount } })
    recorded.push(`capture of ${amount} ${currency} Amazon had made recorded in Medusa`)
  }

  const liveRefunds = new Set((payment.refunds ?? []).map((r) => r.id))
  const orphans = new Map<string, bigint>()
  for (const refund of objects.filter((o) => o.object_type === "Refund" && o.state !== "Declined")) {
    if (refund.medusa_ref_id && liveRefunds.has(refund.medusa_ref_id)) continue
    const group = refund.medusa_ref_id || `amazon:${refund.amazon_id}`
    orphans.set(group, (orphans.get(group) ?? 0n) + minor(refund.amount))
  }
  for (const [group, total] of orphans) {
    const amount = formatMinorUnits(total, currency)
    await refundPaymentWorkflow(services.container).run({
      input: { payment_id: payment.id, amount, note: `Amazon Pay refund settled after its answer was lost (${group})` },
    })
    recorded.push(`refund of ${amount} ${currency} Amazon had made recorded in Medusa`)
  }
  return recorded
}

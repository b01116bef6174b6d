/**
 * The rule for recording an Amazon object again (pure): the payment collection it is bound to never
 * changes (one checkout or charge permission, one cart), Amazon's state is written as read, and the
 * links to Medusa are never un-set by a reading that does not carry them (an IPN does not know which
 * Medusa Capture a charge belongs to).
 */
import { MedusaError } from "@medusajs/framework/utils"
import type { AmazonObjectInput, AmazonObjectRecord } from "./journal-records"

export const STICKY_LINKS: ReadonlySet<string> = new Set(["payment_session_id", "charge_permission_id", "parent_id", "medusa_ref_id", "amazon_created_at"])

export function boundElsewhere(object: { object_type: string; amazon_id: string }): MedusaError {
  return new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    `Amazon Pay ${object.object_type} ${object.amazon_id} already belongs to another cart or order`
  )
}

/** The fields to write over `existing`; throws when the object is bound to another payment collection. */
export function objectUpdate(existing: AmazonObjectRecord, input: AmazonObjectInput): Partial<AmazonObjectRecord> {
  if (existing.payment_collection_id !== input.payment_collection_id) {
    throw boundElsewhere(existing)
  }
  return Object.fromEntries(
    Object.entries(input).filter(([key, value]) => value !== undefined && !(value === null && STICKY_LINKS.has(key)))
  ) as Partial<AmazonObjectRecord>
}

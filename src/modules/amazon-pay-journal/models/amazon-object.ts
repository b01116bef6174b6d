/**
 * An Amazon Pay object this store created or was told about (checkout session, charge permission,
 * charge, refund, chargeback), bound to one Medusa payment collection. The binding is unique per
 * Amazon id, so one Amazon checkout or charge permission can never back two carts or orders. The
 * state is Amazon's, as last read with a GET (never from an IPN body or a storefront); `pending`
 * marks the objects the polling job re-checks, found by an index however many payments exist.
 */
import { model } from "@medusajs/framework/utils"

export const AMAZON_OBJECT_TYPES = ["CheckoutSession", "ChargePermission", "Charge", "Refund", "Chargeback"] as const
export type AmazonObjectType = (typeof AMAZON_OBJECT_TYPES)[number]

const AmazonPayObject = model
  .define("amazon_pay_object", {
    id: model.id({ prefix: "apobj" }).primaryKey(),
    amazon_id: model.text(),
    object_type: model.enum([...AMAZON_OBJECT_TYPES]),
    payment_collection_id: model.text(),
    /** The Medusa payment session that completed the checkout (Medusa finds the Payment by it). */
    payment_session_id: model.text().nullable(),
    charge_permission_id: model.text().nullable(),
    /** Refunds and chargebacks: their charge. */
    parent_id: model.text().nullable(),
    /** Charges: the Medusa Capture their capture belongs to; refunds: the Medusa Refund. */
    medusa_ref_id: model.text().nullable(),
    state: model.text(),
    reason_code: model.text().nullable(),
    amount: model.text().nullable(),
    currency_code: model.text().nullable(),
    captured_amount: model.text().nullable(),
    refunded_amount: model.text().nullable(),
    pending: model.boolean().default(false),
    amazon_created_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["amazon_id"], unique: true, where: "deleted_at IS NULL" },
    { on: ["payment_collection_id"] },
    // The polling job's work list.
    { on: ["updated_at"], where: "pending = true AND deleted_at IS NULL" },
  ])

export default AmazonPayObject

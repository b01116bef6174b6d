/**
 * The payment's timeline besides the calls: IPNs received and applied, state changes seen by the
 * polling job, declines, chargebacks, admin notifications sent. Read by the admin widget.
 */
import { model } from "@medusajs/framework/utils"

const AmazonPayEvent = model
  .define("amazon_pay_event", {
    id: model.id({ prefix: "apev" }).primaryKey(),
    payment_collection_id: model.text(),
    charge_permission_id: model.text().nullable(),
    /** e.g. `ipn`, `state_change`, `refund_declined`, `authorization_declined`, `chargeback_opened`. */
    kind: model.text(),
    amazon_id: model.text().nullable(),
    /** The IPN's NotificationId (an IPN applied once is not applied again). */
    notification_id: model.text().nullable(),
    summary: model.text(),
    detail: model.json().nullable(),
  })
  .indexes([
    { on: ["payment_collection_id", "created_at"] },
    { on: ["notification_id"], where: "notification_id IS NOT NULL AND deleted_at IS NULL" },
  ])

export default AmazonPayEvent

/**
 * The plugin's module: the Amazon Pay operation journal, the Amazon objects bound to Medusa
 * payment collections, and the payment timeline (tables `amazon_pay_operation`,
 * `amazon_pay_object`, `amazon_pay_event`, created by the store's `medusa db:migrate`).
 * A store that registers the plugin (`plugins: ["medusa-payment-amazon-pay"]`) gets it loaded.
 */
import { Module } from "@medusajs/framework/utils"
import AmazonPayJournalService from "./journal-service"

export const AMAZON_PAY_JOURNAL_MODULE = "amazonPayJournal"

export default Module(AMAZON_PAY_JOURNAL_MODULE, { service: AmazonPayJournalService })

export type { AmazonPayJournalService }
export * from "./journal-records"

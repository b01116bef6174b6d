/**
 * What the provider's logic works with: the Amazon client, the parsed options, the plugin's journal
 * and the per-payment lock. The service builds it once from its cradle (provider-service.ts); tests build it
 * around the sandbox.
 */
import type { Logger } from "@medusajs/framework/types"
import type { AmazonPayClient } from "../../lib/amazon-pay/client"
import type { EventEmitter } from "./capture-declined"
import type { JournalPort } from "./journal/journal-port"
import type { PaymentLock } from "./journal/payment-lock"
import type { AmazonPayOptions } from "./options"

export interface ProviderDeps {
  client: AmazonPayClient
  options: AmazonPayOptions
  journal: JournalPort
  lock: PaymentLock
  logger?: Pick<Logger, "info" | "warn" | "error">
  /** Medusa's event bus, for what an admin must hear of (a declined capture); absent in unit tests. */
  events?: EventEmitter
}

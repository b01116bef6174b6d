/**
 * What the provider needs of the plugin's journal module (src/modules/amazon-pay-journal), and how
 * it finds it. Medusa loads payment providers inside the payment module's own container, which
 * holds only what the module declares, so the journal and the Locking Module are taken from the
 * provider's cradle when the store lists them as the payment module's `dependencies`, else from the
 * application container (`@medusajs/framework` `container`), where Medusa registers every module.
 */
import { container as appContainer } from "@medusajs/framework"
import { MedusaError } from "@medusajs/framework/utils"
import type AmazonPayJournalService from "../../../modules/amazon-pay-journal/journal-service"
import { AMAZON_PAY_JOURNAL_MODULE } from "../../../modules/amazon-pay-journal"

/** The journal service's methods the plugin uses (an in-memory double implements it in unit tests). */
export type JournalPort = Pick<
  AmazonPayJournalService,
  | "beginOperation"
  | "settleOperation"
  | "retryOperation"
  | "operationsOf"
  | "unsettledOperations"
  | "recordObject"
  | "objectByAmazonId"
  | "objectsOf"
  | "pendingObjects"
  | "touchObject"
  | "recordEvent"
  | "eventsOf"
  | "wasNotificationApplied"
>

/** `cradle[key]` if registered there (awilix throws for unknown names), else the app container's. */
export function resolveShared<T>(cradle: Record<string, unknown> | undefined, key: string): T | undefined {
  try {
    const local = cradle?.[key] as T | undefined
    if (local) {
      return local
    }
  } catch {
    // not in the module's container
  }
  try {
    return appContainer.resolve<T>(key, { allowUnregistered: true }) ?? undefined
  } catch {
    return undefined
  }
}

export function resolveJournal(cradle: Record<string, unknown> | undefined): JournalPort {
  const journal = resolveShared<JournalPort>(cradle, AMAZON_PAY_JOURNAL_MODULE)
  if (!journal) {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      "Amazon Pay will not move money without its operation journal: the plugin's module is not loaded. Add " +
        '"medusa-payment-amazon-pay" to `plugins` in medusa-config.ts and run `medusa db:migrate`'
    )
  }
  return journal
}

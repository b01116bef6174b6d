/**
 * The plugin's own records, owned by this module and written only by the plugin (never from a
 * storefront): the operation journal, the Amazon objects bound to Medusa payment collections, and
 * the payment timeline. The provider, the IPN subscriber, the polling job and the admin routes all
 * go through these methods (src/providers/amazon-pay/journal/).
 */
import { MedusaService } from "@medusajs/framework/utils"
import AmazonPayEvent from "./models/event"
import AmazonPayObject from "./models/amazon-object"
import AmazonPayOperation from "./models/operation"
import { objectUpdate } from "./object-update"
import type {
  AmazonObjectInput,
  AmazonObjectRecord,
  EventRecord,
  NewEvent,
  NewOperation,
  OperationOutcome,
  OperationRecord,
} from "./types"

/** A unique-index violation from PostgreSQL (another writer bound the same Amazon id first). */
function isUniqueViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { code?: string }).code ?? ""}` : String(error)
  return /23505|unique|duplicate key/i.test(text)
}

class AmazonPayJournalService extends MedusaService({ AmazonPayOperation, AmazonPayObject, AmazonPayEvent }) {
  /** Writes a call before it is sent (status `sent`). */
  async beginOperation(input: NewOperation): Promise<OperationRecord> {
    const [created] = (await this.createAmazonPayOperations([{ ...input, status: "sent" }] as never)) as unknown as OperationRecord[]
    return created
  }

  /** Records Amazon's answer (or that there was none) for a call. */
  async settleOperation(id: string, outcome: OperationOutcome): Promise<void> {
    await this.updateAmazonPayOperations({
      id,
      ...outcome,
      settled_at: outcome.status === "unknown" ? null : new Date(),
    } as never)
  }

  /** A replay of an unknown call: the same key again, one more attempt. */
  async retryOperation(operation: Pick<OperationRecord, "id" | "attempt">, medusaRefId?: string | null): Promise<void> {
    await this.updateAmazonPayOperations({
      id: operation.id,
      status: "sent",
      attempt: operation.attempt + 1,
      ...(medusaRefId ? { medusa_ref_id: medusaRefId } : {}),
    } as never)
  }

  async operationsOf(paymentCollectionId: string): Promise<OperationRecord[]> {
    return (await this.listAmazonPayOperations(
      { payment_collection_id: paymentCollectionId },
      { order: { created_at: "ASC" }, take: null }
    )) as unknown as OperationRecord[]
  }

  /** Calls whose outcome is still unknown, oldest first (indexed: status IN (sent, unknown)). */
  async unsettledOperations(olderThan: Date, limit: number): Promise<OperationRecord[]> {
    return (await this.listAmazonPayOperations(
      { status: ["sent", "unknown"], updated_at: { $lte: olderThan } } as never,
      { order: { updated_at: "ASC" }, take: limit }
    )) as unknown as OperationRecord[]
  }

  /**
   * Records an Amazon object's state, binding it to its payment collection on first sight. An
   * object already bound to ANOTHER payment collection is refused (one checkout, one permission,
   * one cart); the unique index settles two carts racing for the same id.
   */
  async recordObject(input: AmazonObjectInput): Promise<AmazonObjectRecord> {
    const existing = await this.objectByAmazonId(input.amazon_id)
    if (existing) {
      return this.updateBound(existing, input)
    }
    try {
      const [created] = (await this.createAmazonPayObjects([input] as never)) as unknown as AmazonObjectRecord[]
      return created
    } catch (error) {
      const raced = isUniqueViolation(error) ? await this.objectByAmazonId(input.amazon_id) : null
      if (!raced) {
        throw error
      }
      return this.updateBound(raced, input)
    }
  }

  private async updateBound(existing: AmazonObjectRecord, input: AmazonObjectInput): Promise<AmazonObjectRecord> {
    const update = objectUpdate(existing, input)
    const [updated] = (await this.updateAmazonPayObjects([{ ...update, id: existing.id }] as never)) as unknown as AmazonObjectRecord[]
    return updated
  }

  async objectByAmazonId(amazonId: string): Promise<AmazonObjectRecord | null> {
    const [found] = (await this.listAmazonPayObjects({ amazon_id: amazonId }, { take: 1 })) as unknown as AmazonObjectRecord[]
    return found ?? null
  }

  async objectsOf(paymentCollectionId: string): Promise<AmazonObjectRecord[]> {
    return (await this.listAmazonPayObjects(
      { payment_collection_id: paymentCollectionId },
      { order: { created_at: "ASC" }, take: null }
    )) as unknown as AmazonObjectRecord[]
  }

  /** Objects still pending at Amazon, least recently checked first (indexed: pending = true). */
  async pendingObjects(olderThan: Date, limit: number): Promise<AmazonObjectRecord[]> {
    return (await this.listAmazonPayObjects(
      { pending: true, updated_at: { $lte: olderThan } } as never,
      { order: { updated_at: "ASC" }, take: limit }
    )) as unknown as AmazonObjectRecord[]
  }

  /** Marks a pending object as checked now, so the next run takes the others first. */
  async touchObject(id: string): Promise<void> {
    await this.updateAmazonPayObjects({ id, updated_at: new Date() } as never)
  }

  async recordEvent(input: NewEvent): Promise<EventRecord> {
    const [created] = (await this.createAmazonPayEvents([input] as never)) as unknown as EventRecord[]
    return created
  }

  async eventsOf(paymentCollectionId: string): Promise<EventRecord[]> {
    return (await this.listAmazonPayEvents(
      { payment_collection_id: paymentCollectionId },
      { order: { created_at: "ASC" }, take: null }
    )) as unknown as EventRecord[]
  }

  async wasNotificationApplied(notificationId: string): Promise<boolean> {
    const [found] = await this.listAmazonPayEvents({ notification_id: notificationId, kind: "ipn_applied" }, { take: 1, select: ["id"] })
    return Boolean(found)
  }
}

export default AmazonPayJournalService

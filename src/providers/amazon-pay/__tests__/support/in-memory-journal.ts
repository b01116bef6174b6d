/**
 * Test support: the journal port (journal/journal-port.ts) held in memory, for unit tests that run
 * the provider's logic against the sandbox without a Medusa app. It applies the module's own
 * binding rule (object-update.ts); the integration tests use the real module on PostgreSQL.
 */
import { randomUUID } from "node:crypto"
import { boundElsewhere, objectUpdate } from "../../../../modules/amazon-pay-journal/object-update"
import type {
  AmazonObjectInput,
  AmazonObjectRecord,
  EventRecord,
  NewEvent,
  NewOperation,
  OperationOutcome,
  OperationRecord,
} from "../../../../modules/amazon-pay-journal/journal-records"
import type { JournalPort } from "../../journal/journal-port"

let clock = 0
/** Strictly increasing timestamps, so "oldest first" is the order of creation. */
const tick = () => new Date(Date.UTC(2026, 0, 1) + ++clock)

export class InMemoryJournal implements JournalPort {
  readonly operations: OperationRecord[] = []
  readonly objects: AmazonObjectRecord[] = []
  readonly events: EventRecord[] = []

  async beginOperation(input: NewOperation): Promise<OperationRecord> {
    const now = tick()
    const operation: OperationRecord = {
      id: `apop_${randomUUID()}`,
      status: "sent",
      idempotency_key: null,
      attempt: 1,
      payment_session_id: null,
      payment_id: null,
      medusa_ref_id: null,
      charge_permission_id: null,
      target_id: null,
      amount: null,
      currency_code: null,
      request: null,
      amazon_object_id: null,
      reason_code: null,
      message: null,
      settled_at: null,
      created_at: now,
      updated_at: now,
      ...input,
    }
    if (operation.idempotency_key && this.operations.some((o) => o.idempotency_key === operation.idempotency_key)) {
      throw new Error("duplicate key value violates unique constraint (idempotency_key)")
    }
    this.operations.push(operation)
    return { ...operation }
  }

  async settleOperation(id: string, outcome: OperationOutcome): Promise<void> {
    const operation = this.operationById(id)
    Object.assign(operation, outcome, { updated_at: tick(), settled_at: outcome.status === "unknown" ? null : tick() })
  }

  async retryOperation(operation: Pick<OperationRecord, "id" | "attempt">, medusaRefId?: string | null): Promise<void> {
    Object.assign(this.operationById(operation.id), {
      status: "sent",
      attempt: operation.attempt + 1,
      updated_at: tick(),
      ...(medusaRefId ? { medusa_ref_id: medusaRefId } : {}),
    })
  }

  async operationsOf(paymentCollectionId: string): Promise<OperationRecord[]> {
    return this.operations.filter((o) => o.payment_collection_id === paymentCollectionId).map((o) => ({ ...o }))
  }

  async unsettledOperations(olderThan: Date, limit: number): Promise<OperationRecord[]> {
    return this.operations
      .filter((o) => (o.status === "sent" || o.status === "unknown") && o.updated_at <= olderThan)
      .sort((a, b) => a.updated_at.getTime() - b.updated_at.getTime())
      .slice(0, limit)
      .map((o) => ({ ...o }))
  }

  async recordObject(input: AmazonObjectInput): Promise<AmazonObjectRecord> {
    const existing = this.objects.find((o) => o.amazon_id === input.amazon_id)
    if (existing) {
      if (existing.payment_collection_id !== input.payment_collection_id) {
        throw boundElsewhere(existing)
      }
      Object.assign(existing, objectUpdate(existing, input), { updated_at: tick() })
      return { ...existing }
    }
    const now = tick()
    const created: AmazonObjectRecord = {
      id: `apobj_${randomUUID()}`,
      payment_session_id: null,
      charge_permission_id: null,
      parent_id: null,
      medusa_ref_id: null,
      reason_code: null,
      amount: null,
      currency_code: null,
      captured_amount: null,
      refunded_amount: null,
      pending: false,
      amazon_created_at: null,
      created_at: now,
      updated_at: now,
      ...input,
    } as AmazonObjectRecord
    this.objects.push(created)
    return { ...created }
  }

  async objectByAmazonId(amazonId: string): Promise<AmazonObjectRecord | null> {
    const found = this.objects.find((o) => o.amazon_id === amazonId)
    return found ? { ...found } : null
  }

  async objectsOf(paymentCollectionId: string): Promise<AmazonObjectRecord[]> {
    return this.objects.filter((o) => o.payment_collection_id === paymentCollectionId).map((o) => ({ ...o }))
  }

  async pendingObjects(olderThan: Date, limit: number): Promise<AmazonObjectRecord[]> {
    return this.objects
      .filter((o) => o.pending && o.updated_at <= olderThan)
      .sort((a, b) => a.updated_at.getTime() - b.updated_at.getTime())
      .slice(0, limit)
      .map((o) => ({ ...o }))
  }

  async touchObject(id: string): Promise<void> {
    const found = this.objects.find((o) => o.id === id)
    if (found) found.updated_at = tick()
  }

  async recordEvent(input: NewEvent): Promise<EventRecord> {
    const event: EventRecord = {
      id: `apev_${randomUUID()}`,
      charge_permission_id: null,
      amazon_id: null,
      notification_id: null,
      detail: null,
      created_at: tick(),
      ...input,
    }
    this.events.push(event)
    return { ...event }
  }

  async eventsOf(paymentCollectionId: string): Promise<EventRecord[]> {
    return this.events.filter((e) => e.payment_collection_id === paymentCollectionId).map((e) => ({ ...e }))
  }

  async wasNotificationApplied(notificationId: string): Promise<boolean> {
    return this.events.some((e) => e.notification_id === notificationId && e.kind === "ipn_applied")
  }

  private operationById(id: string): OperationRecord {
    const found = this.operations.find((o) => o.id === id)
    if (!found) throw new Error(`no operation ${id}`)
    return found
  }
}

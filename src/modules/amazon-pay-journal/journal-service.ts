/**
 * The plugin's own records, owned by this module and written only by the plugin (never from a
 * storefront): the operation journal, the Amazon objects bound to Medusa payment collections, and
 * the payment timeline. The provider, the IPN subscriber, the polling job and the admin routes all
 * go through these methods (src/providers/amazon-pay/journal/).
 *
 * The methods below run on every checkout, capture and refund, so they are single SQL statements on
 * the module's tables (the models in models/ define them and their migration): recording an Amazon
 * object is one `INSERT ... ON CONFLICT` that also enforces the binding. Through the generated
 * MedusaService methods the same work cost a checkout about 10 ORM round trips and ~200 ms of CPU
 * under the profiler (npm run bench, BENCHMARKS.md).
 */
import { ContainerRegistrationKeys, generateEntityId, MedusaService } from "@medusajs/framework/utils"
import AmazonPayEvent from "./models/event"
import AmazonPayObject from "./models/amazon-object"
import AmazonPayOperation from "./models/operation"
import { boundElsewhere, STICKY_LINKS } from "./object-update"
import type {
  AmazonObjectInput,
  AmazonObjectRecord,
  EventRecord,
  NewEvent,
  NewOperation,
  OperationOutcome,
  OperationRecord,
} from "./journal-records"

/** The slice of knex (Medusa's PG_CONNECTION) this service uses. */
interface Sql {
  raw<T = { rows: any[] }>(sql: string, bindings?: readonly unknown[]): Promise<T>
}

const OBJECT_COLUMNS = [
  "payment_session_id",
  "charge_permission_id",
  "parent_id",
  "medusa_ref_id",
  "state",
  "reason_code",
  "amount",
  "currency_code",
  "captured_amount",
  "refunded_amount",
  "pending",
  "amazon_created_at",
] as const

const OPERATION_COLUMNS = [
  "kind",
  "status",
  "idempotency_key",
  "attempt",
  "payment_collection_id",
  "payment_session_id",
  "payment_id",
  "medusa_ref_id",
  "charge_permission_id",
  "target_id",
  "amount",
  "currency_code",
  "request",
  "amazon_object_id",
  "reason_code",
  "message",
] as const

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value))
const rows = <T>(result: { rows: any[] }) => result.rows as T[]

class AmazonPayJournalService extends MedusaService({ AmazonPayOperation, AmazonPayObject, AmazonPayEvent }) {
  private readonly sql_: Sql

  constructor(cradle: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...(arguments as unknown as [Record<string, unknown>]))
    this.sql_ = cradle[ContainerRegistrationKeys.PG_CONNECTION] as Sql
  }

  /** Writes a call before it is sent (status `sent`). */
  async beginOperation(input: NewOperation): Promise<OperationRecord> {
    const values = OPERATION_COLUMNS.map((column) =>
      column === "status" ? "sent" : column === "attempt" ? (input.attempt ?? 1) : column === "request" ? json(input.request) : (input[column as keyof NewOperation] ?? null)
    )
    const placeholders = OPERATION_COLUMNS.map((column) => (column === "request" ? "?::jsonb" : "?")).join(", ")
    const [created] = rows<OperationRecord>(
      await this.sql_.raw(
        `INSERT INTO amazon_pay_operation (id, ${OPERATION_COLUMNS.join(", ")}, created_at, updated_at)
         VALUES (?, ${placeholders}, now(), now()) RETURNING *`,
        [generateEntityId(undefined, "apop"), ...values]
      )
    )
    return created
  }

  /** Records Amazon's answer (or that there was none) for a call. */
  async settleOperation(id: string, outcome: OperationOutcome): Promise<void> {
    await this.sql_.raw(
      `UPDATE amazon_pay_operation SET status = ?, amazon_object_id = COALESCE(?, amazon_object_id), reason_code = ?, message = ?,
         charge_permission_id = COALESCE(?, charge_permission_id), settled_at = ${outcome.status === "unknown" ? "NULL" : "now()"}, updated_at = now()
       WHERE id = ?`,
      [outcome.status, outcome.amazon_object_id ?? null, outcome.reason_code ?? null, outcome.message ?? null, outcome.charge_permission_id ?? null, id]
    )
  }

  /** A replay of an unknown call: the same key again, one more attempt. */
  async retryOperation(operation: Pick<OperationRecord, "id" | "attempt">, medusaRefId?: string | null): Promise<void> {
    await this.sql_.raw(
      `UPDATE amazon_pay_operation SET status = 'sent', attempt = ?, medusa_ref_id = COALESCE(?, medusa_ref_id), updated_at = now() WHERE id = ?`,
      [operation.attempt + 1, medusaRefId ?? null, operation.id]
    )
  }

  async operationsOf(paymentCollectionId: string): Promise<OperationRecord[]> {
    return rows<OperationRecord>(
      await this.sql_.raw(
        `SELECT * FROM amazon_pay_operation WHERE payment_collection_id = ? AND deleted_at IS NULL ORDER BY created_at ASC, id ASC`,
        [paymentCollectionId]
      )
    )
  }

  /** Calls whose outcome is still unknown, oldest first (partial index on status IN (sent, unknown)). */
  async unsettledOperations(olderThan: Date, limit: number): Promise<OperationRecord[]> {
    return rows<OperationRecord>(
      await this.sql_.raw(
        `SELECT * FROM amazon_pay_operation WHERE status IN ('sent', 'unknown') AND deleted_at IS NULL AND updated_at <= ?
         ORDER BY updated_at ASC LIMIT ?`,
        [olderThan, limit]
      )
    )
  }

  /**
   * Records an Amazon object's state, binding it to its payment collection on first sight, in one
   * statement. An object already bound to ANOTHER payment collection is refused (one checkout, one
   * permission, one cart): the conflict update only applies to the same payment collection, so no
   * row comes back. The rule is object-update.ts's: Amazon's state as read, the links to Medusa
   * never un-set, a field the input does not carry left as it is.
   */
  async recordObject(input: AmazonObjectInput): Promise<AmazonObjectRecord> {
    const given = OBJECT_COLUMNS.filter((column) => input[column] !== undefined)
    const assignments = given.map((column) =>
      STICKY_LINKS.has(column) ? `${column} = COALESCE(EXCLUDED.${column}, amazon_pay_object.${column})` : `${column} = EXCLUDED.${column}`
    )
    const [recorded] = rows<AmazonObjectRecord>(
      await this.sql_.raw(
        `INSERT INTO amazon_pay_object (id, amazon_id, object_type, payment_collection_id, ${given.join(", ")}${given.length ? ", " : ""}created_at, updated_at)
         VALUES (?, ?, ?, ?, ${given.map(() => "?").join(", ")}${given.length ? ", " : ""}now(), now())
         ON CONFLICT (amazon_id) WHERE deleted_at IS NULL DO UPDATE SET ${[...assignments, "updated_at = now()"].join(", ")}
         WHERE amazon_pay_object.payment_collection_id = EXCLUDED.payment_collection_id
         RETURNING *`,
        [generateEntityId(undefined, "apobj"), input.amazon_id, input.object_type, input.payment_collection_id, ...given.map((column) => input[column])]
      )
    )
    if (!recorded) {
      throw boundElsewhere(input)
    }
    return recorded
  }

  async objectByAmazonId(amazonId: string): Promise<AmazonObjectRecord | null> {
    const [found] = rows<AmazonObjectRecord>(
      await this.sql_.raw(`SELECT * FROM amazon_pay_object WHERE amazon_id = ? AND deleted_at IS NULL LIMIT 1`, [amazonId])
    )
    return found ?? null
  }

  async objectsOf(paymentCollectionId: string): Promise<AmazonObjectRecord[]> {
    return rows<AmazonObjectRecord>(
      await this.sql_.raw(
        `SELECT * FROM amazon_pay_object WHERE payment_collection_id = ? AND deleted_at IS NULL ORDER BY created_at ASC, id ASC`,
        [paymentCollectionId]
      )
    )
  }

  /** Objects still pending at Amazon, least recently checked first (partial index on pending = true). */
  async pendingObjects(olderThan: Date, limit: number): Promise<AmazonObjectRecord[]> {
    return rows<AmazonObjectRecord>(
      await this.sql_.raw(
        `SELECT * FROM amazon_pay_object WHERE pending = true AND deleted_at IS NULL AND updated_at <= ? ORDER BY updated_at ASC LIMIT ?`,
        [olderThan, limit]
      )
    )
  }

  /** Marks a pending object as checked now, so the next run takes the others first. */
  async touchObject(id: string): Promise<void> {
    await this.sql_.raw(`UPDATE amazon_pay_object SET updated_at = now() WHERE id = ?`, [id])
  }

  async recordEvent(input: NewEvent): Promise<EventRecord> {
    const [created] = rows<EventRecord>(
      await this.sql_.raw(
        `INSERT INTO amazon_pay_event (id, payment_collection_id, charge_permission_id, kind, amazon_id, notification_id, summary, detail, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, now(), now()) RETURNING *`,
        [
          generateEntityId(undefined, "apev"),
          input.payment_collection_id,
          input.charge_permission_id ?? null,
          input.kind,
          input.amazon_id ?? null,
          input.notification_id ?? null,
          input.summary,
          json(input.detail),
        ]
      )
    )
    return created
  }

  async eventsOf(paymentCollectionId: string): Promise<EventRecord[]> {
    return rows<EventRecord>(
      await this.sql_.raw(
        `SELECT * FROM amazon_pay_event WHERE payment_collection_id = ? AND deleted_at IS NULL ORDER BY created_at ASC, id ASC`,
        [paymentCollectionId]
      )
    )
  }

  async wasNotificationApplied(notificationId: string): Promise<boolean> {
    const found = rows(
      await this.sql_.raw(
        `SELECT 1 FROM amazon_pay_event WHERE notification_id = ? AND kind = 'ipn_applied' AND deleted_at IS NULL LIMIT 1`,
        [notificationId]
      )
    )
    return found.length > 0
  }
}

export default AmazonPayJournalService

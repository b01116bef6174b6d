/**
 * The journal's records as the rest of the plugin sees them (the service's inputs and outputs).
 * Amounts are Amazon's exact decimal strings; dates are Date objects.
 */
import type { AmazonObjectType } from "./models/amazon-object"
import type { OperationKind, OperationStatus } from "./models/operation"

export type { AmazonObjectType, OperationKind, OperationStatus }

export interface OperationRecord {
  id: string
  kind: OperationKind
  status: OperationStatus
  idempotency_key: string | null
  attempt: number
  payment_collection_id: string
  payment_session_id: string | null
  payment_id: string | null
  medusa_ref_id: string | null
  charge_permission_id: string | null
  target_id: string | null
  amount: string | null
  currency_code: string | null
  request: Record<string, unknown> | null
  amazon_object_id: string | null
  reason_code: string | null
  message: string | null
  settled_at: Date | null
  created_at: Date
  updated_at: Date
}

export type NewOperation = Pick<OperationRecord, "kind" | "payment_collection_id"> &
  Partial<Omit<OperationRecord, "id" | "status" | "kind" | "payment_collection_id" | "created_at" | "updated_at" | "settled_at">>

export interface OperationOutcome {
  status: Exclude<OperationStatus, "sent">
  amazon_object_id?: string | null
  reason_code?: string | null
  message?: string | null
  charge_permission_id?: string | null
}

export interface AmazonObjectRecord {
  id: string
  amazon_id: string
  object_type: AmazonObjectType
  payment_collection_id: string
  payment_session_id: string | null
  charge_permission_id: string | null
  parent_id: string | null
  medusa_ref_id: string | null
  state: string
  reason_code: string | null
  amount: string | null
  currency_code: string | null
  captured_amount: string | null
  refunded_amount: string | null
  pending: boolean
  amazon_created_at: Date | null
  created_at: Date
  updated_at: Date
}

/** What is recorded of an Amazon object: its identity, its binding and Amazon's state. */
export type AmazonObjectInput = Pick<AmazonObjectRecord, "amazon_id" | "object_type" | "payment_collection_id" | "state"> &
  Partial<Omit<AmazonObjectRecord, "id" | "amazon_id" | "object_type" | "payment_collection_id" | "state" | "created_at" | "updated_at">>

export interface EventRecord {
  id: string
  payment_collection_id: string
  charge_permission_id: string | null
  kind: string
  amazon_id: string | null
  notification_id: string | null
  summary: string
  detail: Record<string, unknown> | null
  created_at: Date
}

export type NewEvent = Pick<EventRecord, "payment_collection_id" | "kind" | "summary"> &
  Partial<Pick<EventRecord, "charge_permission_id" | "amazon_id" | "notification_id" | "detail">>

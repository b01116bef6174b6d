import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129204202 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "amazon_pay_operation" drop constraint if exists "amazon_pay_operation_idempotency_key_unique";`);
    this.addSql(`alter table if exists "amazon_pay_object" drop constraint if exists "amazon_pay_object_amazon_id_unique";`);
    this.addSql(`create table if not exists "amazon_pay_event" ("id" text not null, "payment_collection_id" text not null, "charge_permission_id" text null, "kind" text not null, "amazon_id" text null, "notification_id" text null, "summary" text not null, "detail" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_pay_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_pay_event_deleted_at" ON "amazon_pay_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_pay_event_payment_collection_id_created_at" ON "amazon_pay_event" ("payment_collection_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_pay_event_notification_id" ON "amazon_pay_event" ("notification_id") WHERE notification_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "amazon_pay_object" ("id" text not null, "amazon_id" text not null, "object_type" text check ("object_type" in ('CheckoutSession', 'ChargePermission', 'Charge', 'Refund', 'Chargeback')) not null, "payment_collection_id" text not null, "payment_session_id" text null, "charge_permission_id" text null, "parent_id" text null, "medusa_ref_id" text null, "state" text not null, "reason_code" text null, "amount" text null, "currency_code" text null, "captured_amount" text null, "refunded_amount" text null, "pending" boolean not null default false, "amazon_created_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_pay_object_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_pay_object_deleted_at" ON "amazon_pay_object" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_pay_object_amazon_id_unique" ON "amazon_pay_object" ("amazon_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_pay_object_payment_collection_id" ON "amazon_pay_object" ("payment_collection_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_pay_object_updated_at" ON "amazon_pay_object" ("updated_at") WHERE pending = true AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "amazon_pay_operation" ("id" text not null, "kind" text check ("kind" in ('complete_checkout', 'capture_charge', 'create_charge', 'create_refund', 'cancel_charge', 'close_charge_permission', 'create_delivery_tracker')) not null, "status" text check ("status" in ('sent', 'succeeded', 'declined', 'failed', 'unknown')) not null, "idempotency_key" text null, "attempt" integer not null default 1, "payment_collection_id" text not null, "payment_session_id" text null, "payment_id" text null, "medusa_ref_id" text null, "charge_permission_id" text null, "target_id" text null, "amount" text null, "currency_code" text null, "request" jsonb null, "amazon_object_id" text null, "reason_code" text null, "message" text null, "settled_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "amazon_pay_operation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_pay_operation_deleted_at" ON "amazon_pay_operation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_amazon_pay_operation_idempotency_key_unique" ON "amazon_pay_operation" ("idempotency_key") WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_pay_operation_payment_collection_id_created_at" ON "amazon_pay_operation" ("payment_collection_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_amazon_pay_operation_updated_at" ON "amazon_pay_operation" ("updated_at") WHERE status IN ('sent', 'unknown') AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "amazon_pay_event" cascade;`);

    this.addSql(`drop table if exists "amazon_pay_object" cascade;`);

    this.addSql(`drop table if exists "amazon_pay_operation" cascade;`);
  }

}

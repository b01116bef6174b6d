/**
 * The sandbox's state: the Amazon objects, their state changes, and the IPN sent for each change of a
 * Charge, Refund, Charge Permission or Dispute (Amazon Pay "Instant Payment Notifications": one
 * notification per state change; the message carries ids only). Objects belong to a merchant
 * account: looked up with an owner, another merchant's object is "not found", as Amazon would not
 * reveal it.
 */
import type { SandboxClock } from "./clock"
import { notFound } from "./api-error"
import type {
  ChargePermissionRecord,
  ChargeRecord,
  CheckoutSessionRecord,
  DeliveryTrackerRecord,
  DisputeRecord,
  RefundRecord,
  Status,
} from "./records"

export type IpnObjectType = "CHARGE" | "REFUND" | "CHARGE_PERMISSION" | "CHARGEBACK"

export interface IpnNotifier {
  notify(input: { objectType: IpnObjectType; objectId: string; chargePermissionId: string; merchantId: string }): unknown
}

export interface StoreSettings {
  /** AuthorizationInitiated / CaptureInitiated / RefundInitiated settle after this (sandbox clock). */
  pendingDelayMs: number
  /** Base URL of the sandbox (for amazonPayRedirectUrl). */
  baseUrl: () => string
  /** Carrier codes Create Delivery Tracker accepts (resources/carrier-codes.ts). */
  carrierCodes: ReadonlySet<string>
}

export class SandboxStore {
  readonly checkoutSessions = new Map<string, CheckoutSessionRecord>()
  readonly chargePermissions = new Map<string, ChargePermissionRecord>()
  readonly charges = new Map<string, ChargeRecord>()
  readonly refunds = new Map<string, RefundRecord>()
  readonly disputes = new Map<string, DisputeRecord>()
  /** By tracking number: Amazon allows each tracking code once ("Delivery Tracker"). */
  readonly deliveryTrackers = new Map<string, DeliveryTrackerRecord>()

  constructor(
    readonly clock: SandboxClock,
    readonly settings: StoreSettings,
    private readonly notifier: IpnNotifier | null
  ) {}

  now(): number {
    return this.clock.nowMs()
  }

  reset(): void {
    this.checkoutSessions.clear()
    this.chargePermissions.clear()
    this.charges.clear()
    this.refunds.clear()
    this.disputes.clear()
    this.deliveryTrackers.clear()
  }

  /** `owner`: the calling merchant; another merchant's object is answered as not found. */
  checkoutSession(id: string, owner?: string): CheckoutSessionRecord {
    return owned(this.checkoutSessions.get(id), owner) ?? throwNotFound("Checkout Session", id)
  }

  chargePermission(id: string, owner?: string): ChargePermissionRecord {
    return owned(this.chargePermissions.get(id), owner) ?? throwNotFound("Charge Permission", id)
  }

  charge(id: string, owner?: string): ChargeRecord {
    return owned(this.charges.get(id), owner) ?? throwNotFound("Charge", id)
  }

  refund(id: string, owner?: string): RefundRecord {
    return owned(this.refunds.get(id), owner) ?? throwNotFound("Refund", id)
  }

  dispute(id: string, owner?: string): DisputeRecord {
    return owned(this.disputes.get(id), owner) ?? throwNotFound("Dispute", id)
  }

  chargesOf(permission: ChargePermissionRecord): ChargeRecord[] {
    return permission.chargeIds.map((id) => this.charges.get(id)).filter((c): c is ChargeRecord => Boolean(c))
  }

  refundsOfCharge(chargeId: string): RefundRecord[] {
    return [...this.refunds.values()].filter((r) => r.chargeId === chargeId)
  }

  newStatus(state: string, reasonCode: string | null = null, reasonDescription: string | null = null): Status {
    return { state, reasonCode, reasonDescription, updatedAt: this.now() }
  }

  setSessionState(session: CheckoutSessionRecord, state: string, reasonCode: string | null = null, description: string | null = null): void {
    session.status = this.newStatus(state, reasonCode, description)
  }

  setChargeState(charge: ChargeRecord, state: string, reasonCode: string | null = null, description: string | null = null): void {
    charge.status = this.newStatus(state, reasonCode, description)
    this.ipn("CHARGE", charge.id, charge.chargePermissionId, charge.merchantId)
  }

  setRefundState(refund: RefundRecord, state: string, reasonCode: string | null = null, description: string | null = null): void {
    refund.status = this.newStatus(state, reasonCode, description)
    this.ipn("REFUND", refund.id, refund.chargePermissionId, refund.merchantId)
  }

  setPermissionState(
    permission: ChargePermissionRecord,
    state: string,
    reasons: Array<{ reasonCode: string; reasonDescription: string | null }> = []
  ): void {
    permission.status = { state, reasons, updatedAt: this.now() }
    this.ipn("CHARGE_PERMISSION", permission.id, permission.id, permission.merchantId)
  }

  setDisputeState(dispute: DisputeRecord, state: string, reasonCode: string | null, description: string | null, resolution: string | null): void {
    dispute.status = { ...this.newStatus(state, reasonCode, description), resolution }
    this.ipn("CHARGEBACK", dispute.id, dispute.chargePermissionId, dispute.merchantId)
  }

  /** Announces a new object (Amazon sends an IPN for the initial state of charges, refunds and disputes too). */
  announce(objectType: IpnObjectType, objectId: string, chargePermissionId: string, merchantId: string): void {
    this.ipn(objectType, objectId, chargePermissionId, merchantId)
  }

  private ipn(objectType: IpnObjectType, objectId: string, chargePermissionId: string, merchantId: string): void {
    try {
      this.notifier?.notify({ objectType, objectId, chargePermissionId, merchantId })
    } catch (error) {
      // IPN delivery must never break the API call that changed the state.
      console.error("[amazon-pay-sandbox] IPN notify failed:", (error as Error).message)
    }
  }
}

function owned<T extends { merchantId: string }>(record: T | undefined, owner: string | undefined): T | undefined {
  return record && (owner === undefined || record.merchantId === owner) ? record : undefined
}

function throwNotFound(what: string, id: string): never {
  throw notFound(what, id)
}

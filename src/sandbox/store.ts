/**
 * The sandbox's state: the four Amazon objects, their state changes, and the IPN sent for each
 * change of a Charge, Refund or Charge Permission (Amazon Pay "Instant Payment Notifications":
 * one notification per state change; the message carries ids only).
 */
import type { SandboxClock } from "./clock"
import { notFound } from "./errors"
import type {
  ChargePermissionRecord,
  ChargeRecord,
  CheckoutSessionRecord,
  RefundRecord,
  Status,
} from "./records"

export interface IpnNotifier {
  notify(input: { objectType: "CHARGE" | "REFUND" | "CHARGE_PERMISSION"; objectId: string; chargePermissionId: string }): unknown
}

export interface StoreSettings {
  /** AuthorizationInitiated / CaptureInitiated / RefundInitiated settle after this (sandbox clock). */
  pendingDelayMs: number
  /** Base URL of the sandbox (for amazonPayRedirectUrl). */
  baseUrl: () => string
}

export class SandboxStore {
  readonly checkoutSessions = new Map<string, CheckoutSessionRecord>()
  readonly chargePermissions = new Map<string, ChargePermissionRecord>()
  readonly charges = new Map<string, ChargeRecord>()
  readonly refunds = new Map<string, RefundRecord>()

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
  }

  checkoutSession(id: string): CheckoutSessionRecord {
    return this.checkoutSessions.get(id) ?? throwNotFound("Checkout Session", id)
  }

  chargePermission(id: string): ChargePermissionRecord {
    return this.chargePermissions.get(id) ?? throwNotFound("Charge Permission", id)
  }

  charge(id: string): ChargeRecord {
    return this.charges.get(id) ?? throwNotFound("Charge", id)
  }

  refund(id: string): RefundRecord {
    return this.refunds.get(id) ?? throwNotFound("Refund", id)
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
    this.ipn("CHARGE", charge.id, charge.chargePermissionId)
  }

  setRefundState(refund: RefundRecord, state: string, reasonCode: string | null = null, description: string | null = null): void {
    refund.status = this.newStatus(state, reasonCode, description)
    this.ipn("REFUND", refund.id, refund.chargePermissionId)
  }

  setPermissionState(
    permission: ChargePermissionRecord,
    state: string,
    reasons: Array<{ reasonCode: string; reasonDescription: string | null }> = []
  ): void {
    permission.status = { state, reasons, updatedAt: this.now() }
    this.ipn("CHARGE_PERMISSION", permission.id, permission.id)
  }

  /** Announces a new object (Amazon sends an IPN for the initial state of charges and refunds too). */
  announce(objectType: "CHARGE" | "REFUND" | "CHARGE_PERMISSION", objectId: string, chargePermissionId: string): void {
    this.ipn(objectType, objectId, chargePermissionId)
  }

  private ipn(objectType: "CHARGE" | "REFUND" | "CHARGE_PERMISSION", objectId: string, chargePermissionId: string): void {
    try {
      this.notifier?.notify({ objectType, objectId, chargePermissionId })
    } catch (error) {
      // IPN delivery must never break the API call that changed the state.
      console.error("[amazon-pay-sandbox] IPN notify failed:", (error as Error).message)
    }
  }
}

function throwNotFound(what: string, id: string): never {
  throw notFound(what, id)
}

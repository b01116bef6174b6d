/**
 * Charge: AuthorizationInitiated -> Authorized -> CaptureInitiated -> Captured, or Declined
 * (SoftDeclined, HardDeclined, AmazonRejected, ProcessingFailure, TransactionTimedOut), or Canceled
 * (ExpiredUnused after 30 days Authorized, MerchantCanceled, ChargePermissionCanceled, ...).
 * Amazon Pay "Charge" reference and "Asynchronous processing". A charge is captured once; later
 * captures are new charges with `captureNow: true` on a Chargeable permission. How a decline is
 * answered: charge-declines.ts.
 */
import { DAY_MS } from "../clock"
import { badRequest, invalidState } from "../api-error"
import { newChargeId, uniqueId } from "../ids"
import { CHARGE_AUTHORIZATION_VALID_MS } from "../lifetimes"
import { requireCurrency, toMinor } from "../money"
import type { ChargePermissionRecord, ChargeRecord, PendingChargeOutcome } from "../records"
import type { SandboxStore } from "../store"
import { cancelChargeSchema, captureChargeSchema, createChargeSchema, validate } from "../validation"
import { chargeView } from "../views"
import { committedAmount } from "./balance"
import { MAX_CHARGES_PER_ONE_TIME_PERMISSION, closeIfFullyCaptured } from "./charge-permissions"
import { declineAttempt, declineCharge, declineError, isDeclineCode } from "./charge-declines"
import type { OperationContext, OperationResult } from "./context"

/** Capturing more than 7 days after authorization may go pending ("API introduction", Charge). */
export const CAPTURE_PENDING_AFTER_MS = 7 * DAY_MS

export type ChargeOutcome = Omit<PendingChargeOutcome, "dueAt">

export interface OpenChargeInput {
  permission: ChargePermissionRecord
  amount: bigint
  outcome: ChargeOutcome
  /** Start AuthorizationInitiated and settle after the pending delay. */
  pendingAuthorization: boolean
  /** Start CaptureInitiated (authorized, capture settles after the pending delay). */
  pendingCapture?: boolean
  softDescriptor?: string | null
  merchantMetadata?: ChargeRecord["merchantMetadata"]
  providerMetadata?: ChargeRecord["providerMetadata"]
  platformId?: string | null
  releaseEnvironment: "Sandbox" | "Live"
}

/** Creates a charge on the permission in its first state and schedules what follows. */
export function openCharge(store: SandboxStore, input: OpenChargeInput): ChargeRecord {
  const { permission } = input
  const id = uniqueId(() => newChargeId(permission.id), store.charges)
  const now = store.now()
  const charge: ChargeRecord = {
    id,
    merchantId: permission.merchantId,
    chargePermissionId: permission.id,
    createdAt: now,
    currencyCode: permission.currencyCode,
    chargeAmount: input.amount,
    captureAmount: null,
    refundedAmount: 0n,
    softDescriptor: input.softDescriptor ?? null,
    merchantMetadata: input.merchantMetadata ?? null,
    providerMetadata: input.providerMetadata ?? null,
    platformId: input.platformId ?? null,
    status: store.newStatus("AuthorizationInitiated"),
    authorizedAt: null,
    pending: null,
    releaseEnvironment: input.releaseEnvironment,
  }
  store.charges.set(id, charge)
  permission.chargeIds.push(id)
  if (input.pendingAuthorization) {
    startPending(store, charge, input.outcome)
    store.announce("CHARGE", id, permission.id, charge.merchantId)
  } else if (input.pendingCapture) {
    charge.authorizedAt = now
    charge.captureAmount = input.amount
    charge.status = store.newStatus("CaptureInitiated")
    startPending(store, charge, { state: "Captured", reasonCode: null })
    store.announce("CHARGE", id, permission.id, charge.merchantId)
  } else {
    applyChargeOutcome(store, charge, input.outcome)
  }
  return charge
}

function startPending(store: SandboxStore, charge: ChargeRecord, outcome: ChargeOutcome): void {
  const pending: PendingChargeOutcome = { ...outcome, dueAt: store.now() + store.settings.pendingDelayMs }
  charge.pending = pending
  store.clock.schedule(pending.dueAt, () => {
    if (charge.pending === pending) {
      charge.pending = null
      applyChargeOutcome(store, charge, pending)
    }
  })
}

/** Moves the charge to the outcome's state with every side effect (expiry, permission state). */
export function applyChargeOutcome(store: SandboxStore, charge: ChargeRecord, outcome: ChargeOutcome): void {
  const now = store.now()
  if (outcome.state === "Declined") {
    declineCharge(store, charge, outcome.reasonCode)
    return
  }
  charge.authorizedAt ??= now
  if (outcome.state === "Authorized") {
    store.setChargeState(charge, "Authorized")
    store.clock.schedule(now + CHARGE_AUTHORIZATION_VALID_MS, () => {
      if (charge.status.state === "Authorized") {
        store.setChargeState(charge, "Canceled", "ExpiredUnused", "The authorization expired after 30 days")
      }
    })
    return
  }
  charge.captureAmount ??= charge.chargeAmount
  store.setChargeState(charge, "Captured")
  closeIfFullyCaptured(store, store.chargePermission(charge.chargePermissionId))
}

export function createCharge(ctx: OperationContext, data: unknown): OperationResult {
  const { store } = ctx
  const body = validate(createChargeSchema, data)
  const permission = store.chargePermission(body.chargePermissionId, ctx.merchantId)
  const captureNow = body.captureNow ?? false
  const pendingCapable = body.canHandlePendingAuthorization === true
  if (captureNow && pendingCapable && ctx.behaviour.pendingWithCapture === "refuse") {
    // Amazon documents pending authorizations, not pending authorize-and-capture; its plugins send
    // canHandlePendingAuthorization only without captureNow (WooCommerce, Magento 2).
    throw badRequest("InvalidParameterValue", "canHandlePendingAuthorization true cannot be combined with captureNow true")
  }
  if (permission.status.state !== "Chargeable") {
    throw invalidState("InvalidChargePermissionStatus", `Charge Permission ${permission.id} is ${permission.status.state}`)
  }
  requireCurrency(body.chargeAmount, permission.currencyCode, "chargeAmount")
  const amount = toMinor(body.chargeAmount, "chargeAmount")
  if (permission.limit !== null) {
    if (permission.chargeIds.length + permission.declinedAttempts.length >= MAX_CHARGES_PER_ONE_TIME_PERMISSION) {
      throw badRequest("TransactionCountExceeded", `A one-time Charge Permission allows at most ${MAX_CHARGES_PER_ONE_TIME_PERMISSION} charges`)
    }
    if (committedAmount(store, permission) + amount > permission.limit) {
      throw badRequest("TransactionAmountExceeded", "chargeAmount exceeds the balance of the Charge Permission")
    }
  }
  const code = ctx.simulationCode
  if (code === "CaptureInitiated" && !captureNow) {
    throw badRequest("InvalidSandboxSimulationSpecified", "CaptureInitiated needs captureNow: true")
  }
  const declined = isDeclineCode(code)
  if (declined && !pendingCapable && ctx.behaviour.chargeDeclineStyle === "error") {
    throw declineAttempt(store, permission, amount, code)
  }
  const charge = openCharge(store, {
    permission,
    amount,
    outcome: declined ? { state: "Declined", reasonCode: code } : { state: captureNow ? "Captured" : "Authorized", reasonCode: null },
    // Asynchronous authorization only for callers that said they can handle it ("Asynchronous processing").
    pendingAuthorization: pendingCapable,
    pendingCapture: code === "CaptureInitiated" && !pendingCapable,
    softDescriptor: body.softDescriptor ?? null,
    merchantMetadata: body.merchantMetadata ?? null,
    providerMetadata: body.providerMetadata ?? null,
    platformId: body.platformId ?? permission.platformId,
    releaseEnvironment: ctx.releaseEnvironment,
  })
  return { status: 201, body: chargeView(store, charge) }
}

export function getCharge(ctx: OperationContext, id: string): OperationResult {
  return { status: 200, body: chargeView(ctx.store, ctx.store.charge(id, ctx.merchantId)) }
}

export function captureCharge(ctx: OperationContext, id: string, data: unknown): OperationResult {
  const { store } = ctx
  const charge = store.charge(id, ctx.merchantId)
  const body = validate(captureChargeSchema, data)
  if (charge.status.state !== "Authorized") {
    throw invalidState("InvalidChargeStatus", `Charge ${id} is ${charge.status.state}; only an Authorized charge can be captured`)
  }
  requireCurrency(body.captureAmount, charge.currencyCode, "captureAmount")
  const amount = toMinor(body.captureAmount, "captureAmount")
  if (amount > charge.chargeAmount) {
    throw badRequest("TransactionAmountExceeded", "captureAmount exceeds the charge amount")
  }
  if (body.softDescriptor !== undefined) {
    charge.softDescriptor = body.softDescriptor
  }
  if (ctx.simulationCode === "AmazonRejected") {
    // The merchant knows this charge's id, so the Declined charge stays readable (Get Charge, IPN);
    // the answer itself is the error (charge-declines.ts) unless the old shape is asked for.
    declineCharge(store, charge, "AmazonRejected")
    if (ctx.behaviour.chargeDeclineStyle === "error") {
      throw declineError("AmazonRejected")
    }
    return { status: 200, body: chargeView(store, charge) }
  }
  charge.captureAmount = amount
  const late = store.now() - (charge.authorizedAt ?? charge.createdAt) > CAPTURE_PENDING_AFTER_MS
  if (ctx.simulationCode === "CaptureInitiated" || late) {
    store.setChargeState(charge, "CaptureInitiated")
    startPending(store, charge, { state: "Captured", reasonCode: null })
  } else {
    applyChargeOutcome(store, charge, { state: "Captured", reasonCode: null })
  }
  return { status: 200, body: chargeView(store, charge) }
}

export function cancelCharge(ctx: OperationContext, id: string, data: unknown): OperationResult {
  const { store } = ctx
  const charge = store.charge(id, ctx.merchantId)
  const body = validate(cancelChargeSchema, data)
  const state = charge.status.state
  if (state !== "Authorized" && state !== "AuthorizationInitiated") {
    throw invalidState("InvalidChargeStatus", `Charge ${id} is ${state}; only an open authorization can be canceled`)
  }
  charge.pending = null
  store.setChargeState(charge, "Canceled", "MerchantCanceled", body.cancellationReason ?? null)
  return { status: 200, body: chargeView(store, charge) }
}

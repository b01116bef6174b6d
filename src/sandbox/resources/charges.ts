/**
 * Charge: AuthorizationInitiated -> Authorized -> CaptureInitiated -> Captured, or Declined
 * (SoftDeclined, HardDeclined, AmazonRejected, ProcessingFailure, TransactionTimedOut), or Canceled
 * (ExpiredUnused after 30 days Authorized, MerchantCanceled, ChargePermissionCanceled, ...).
 * Amazon Pay "Charge" reference and "Asynchronous processing". A charge is captured once; later
 * captures are new charges with `captureNow: true` on a Chargeable permission.
 */
import { DAY_MS } from "../clock"
import { badRequest, invalidState } from "../errors"
import { newChargeId } from "../ids"
import { requireCurrency, toMinor } from "../money"
import type { ChargePermissionRecord, ChargeRecord, PendingChargeOutcome } from "../records"
import type { SandboxStore } from "../store"
import { cancelChargeSchema, captureChargeSchema, createChargeSchema, validate } from "../validation"
import { CHARGE_AUTHORIZATION_VALID_MS, chargeView, committedAmount } from "../views"
import {
  MAX_CHARGES_PER_ONE_TIME_PERMISSION,
  closeIfFullyCaptured,
  markNonChargeable,
} from "./charge-permissions"
import type { OperationContext, OperationResult } from "./context"

/** Capturing more than 7 days after authorization may go pending ("API introduction", Charge). */
export const CAPTURE_PENDING_AFTER_MS = 7 * DAY_MS

export type ChargeOutcome = Omit<PendingChargeOutcome, "dueAt">

const DECLINE_CODES = new Set(["HardDeclined", "SoftDeclined", "AmazonRejected", "TransactionTimedOut", "ProcessingFailure"])
/** Declines after which the buyer must change the payment method before the next charge. */
const BLOCKING_DECLINES = new Set(["HardDeclined", "AmazonRejected"])

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
  releaseEnvironment: "Sandbox" | "Live"
}

/** Creates a charge on the permission in its first state and schedules what follows. */
export function openCharge(store: SandboxStore, input: OpenChargeInput): ChargeRecord {
  const { permission } = input
  let id = newChargeId(permission.id)
  while (store.charges.has(id)) {
    id = newChargeId(permission.id)
  }
  const now = store.now()
  const charge: ChargeRecord = {
    id,
    chargePermissionId: permission.id,
    createdAt: now,
    currencyCode: permission.currencyCode,
    chargeAmount: input.amount,
    captureAmount: null,
    refundedAmount: 0n,
    softDescriptor: input.softDescriptor ?? null,
    merchantMetadata: input.merchantMetadata ?? null,
    providerMetadata: input.providerMetadata ?? null,
    status: store.newStatus("AuthorizationInitiated"),
    authorizedAt: null,
    pending: null,
    releaseEnvironment: input.releaseEnvironment,
  }
  store.charges.set(id, charge)
  permission.chargeIds.push(id)
  if (input.pendingAuthorization) {
    startPending(store, charge, input.outcome)
    store.announce("CHARGE", id, permission.id)
  } else if (input.pendingCapture) {
    charge.authorizedAt = now
    charge.captureAmount = input.amount
    charge.status = store.newStatus("CaptureInitiated")
    startPending(store, charge, { state: "Captured", reasonCode: null })
    store.announce("CHARGE", id, permission.id)
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
  const permission = store.chargePermission(charge.chargePermissionId)
  const now = store.now()
  if (outcome.state === "Declined") {
    store.setChargeState(charge, "Declined", outcome.reasonCode)
    if (outcome.reasonCode && BLOCKING_DECLINES.has(outcome.reasonCode)) {
      // Charge Permission reason "PaymentMethodInvalid: the previous charge was declined".
      markNonChargeable(store, permission, "PaymentMethodInvalid", `The last charge was ${outcome.reasonCode}`)
    }
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
  closeIfFullyCaptured(store, permission)
}

export function createCharge(ctx: OperationContext, data: unknown): OperationResult {
  const { store } = ctx
  const body = validate(createChargeSchema, data)
  const permission = store.chargePermission(body.chargePermissionId)
  if (permission.status.state !== "Chargeable") {
    throw invalidState("InvalidChargePermissionStatus", `Charge Permission ${permission.id} is ${permission.status.state}`)
  }
  requireCurrency(body.chargeAmount, permission.currencyCode, "chargeAmount")
  const amount = toMinor(body.chargeAmount, "chargeAmount")
  if (permission.limit !== null) {
    if (permission.chargeIds.length >= MAX_CHARGES_PER_ONE_TIME_PERMISSION) {
      throw badRequest("TransactionCountExceeded", `A one-time Charge Permission allows at most ${MAX_CHARGES_PER_ONE_TIME_PERMISSION} charges`)
    }
    if (committedAmount(store, permission) + amount > permission.limit) {
      throw badRequest("TransactionAmountExceeded", "chargeAmount exceeds the balance of the Charge Permission")
    }
  }
  const captureNow = body.captureNow ?? false
  const code = ctx.simulationCode
  if (code === "CaptureInitiated" && !captureNow) {
    throw badRequest("InvalidSandboxSimulationSpecified", "CaptureInitiated needs captureNow: true")
  }
  const outcome: ChargeOutcome =
    code && DECLINE_CODES.has(code)
      ? { state: "Declined", reasonCode: code }
      : { state: captureNow ? "Captured" : "Authorized", reasonCode: null }
  const charge = openCharge(store, {
    permission,
    amount,
    outcome,
    // Asynchronous authorization only for callers that said they can handle it ("Asynchronous processing").
    pendingAuthorization: body.canHandlePendingAuthorization === true,
    pendingCapture: code === "CaptureInitiated" && body.canHandlePendingAuthorization !== true,
    softDescriptor: body.softDescriptor ?? null,
    merchantMetadata: body.merchantMetadata ?? null,
    providerMetadata: body.providerMetadata ?? null,
    releaseEnvironment: ctx.releaseEnvironment,
  })
  return { status: 201, body: chargeView(store, charge) }
}

export function getCharge(ctx: OperationContext, id: string): OperationResult {
  return { status: 200, body: chargeView(ctx.store, ctx.store.charge(id)) }
}

export function captureCharge(ctx: OperationContext, id: string, data: unknown): OperationResult {
  const { store } = ctx
  const charge = store.charge(id)
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
    store.setChargeState(charge, "Declined", "AmazonRejected")
  } else {
    charge.captureAmount = amount
    const late = store.now() - (charge.authorizedAt ?? charge.createdAt) > CAPTURE_PENDING_AFTER_MS
    if (ctx.simulationCode === "CaptureInitiated" || late) {
      store.setChargeState(charge, "CaptureInitiated")
      startPending(store, charge, { state: "Captured", reasonCode: null })
    } else {
      applyChargeOutcome(store, charge, { state: "Captured", reasonCode: null })
    }
  }
  return { status: 200, body: chargeView(store, charge) }
}

export function cancelCharge(ctx: OperationContext, id: string, data: unknown): OperationResult {
  const { store } = ctx
  const charge = store.charge(id)
  const body = validate(cancelChargeSchema, data)
  const state = charge.status.state
  if (state !== "Authorized" && state !== "AuthorizationInitiated") {
    throw invalidState("InvalidChargeStatus", `Charge ${id} is ${state}; only an open authorization can be canceled`)
  }
  charge.pending = null
  store.setChargeState(charge, "Canceled", "MerchantCanceled", body.cancellationReason ?? null)
  return { status: 200, body: chargeView(store, charge) }
}

/**
 * Lives one order through the real store, as a storefront, a buyer on Amazon's page and an admin
 * would, while faults hit every Amazon call. A step that fails the way a person would see it (an
 * error page) is tried again, up to three times, reading Medusa's state first so a retry asks only
 * for what is still missing (the admin captures "the rest", not the same amount twice). What the
 * store got wrong is not judged here: invariants.ts compares everything with Amazon's ledger later.
 */
import { sumMinor, toMinor } from "../../integration-tests/helpers/admin-orders"
import { formatMinorUnits } from "../../src/providers/amazon-pay/amounts"
import type { SandboxControl } from "../../integration-tests/helpers/amazon-pay-buyer"
import type { AdminOrders } from "../../integration-tests/helpers/admin-orders"
import type { Storefront } from "../../integration-tests/helpers/storefront"
import type { StoreFixture } from "../../integration-tests/helpers/store-fixture"
import { waitFor } from "../../integration-tests/helpers/checkout-context"
import { captureTargets, refundTargets, type OrderLife } from "./life"

const DECIMALS = 2
const CURRENCY = "USD"
const TRIES = 3
const AUTHORIZATION_WAIT_MS = 30_000

export interface OrderRecord {
  life: OrderLife
  cartId?: string
  checkoutSessionId?: string
  orderId?: string
  totalMinor?: bigint
  /** Failures a person would have seen (each followed by a retry or giving up). */
  visibleErrors: string[]
  /** What happened, step by step, for the report of a broken order. */
  steps: string[]
}

export interface OrderDeps {
  storefront: Storefront
  admin: AdminOrders
  buyer: SandboxControl
  store: StoreFixture
}

async function tryAgain<T>(record: OrderRecord, label: string, step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step()
    } catch (error) {
      record.visibleErrors.push(`${label}: ${(error as Error).message.slice(0, 200)}`)
      if (attempt >= TRIES) {
        throw error
      }
    }
  }
}

const major = (minor: bigint) => Number(formatMinorUnits(minor, CURRENCY))

export async function liveOrder(life: OrderLife, deps: OrderDeps): Promise<OrderRecord> {
  const record: OrderRecord = { life, visibleErrors: [], steps: [] }
  try {
    await checkout(record, deps)
    if (record.orderId) {
      await afterCheckout(record, deps)
    }
  } catch (error) {
    record.steps.push(`gave up: ${(error as Error).message.slice(0, 200)}`)
  }
  return record
}

async function checkout(record: OrderRecord, { storefront, buyer, store }: OrderDeps): Promise<void> {
  const { life } = record
  const cart = await tryAgain(record, "cart", () =>
    storefront.cartReadyForPayment({ regionId: store.regions.usd, variantId: store.variantId, quantity: life.quantity })
  )
  record.cartId = cart.id
  const first = await tryAgain(record, "initiate session", () => storefront.initiatePaymentSession(cart.id, life.providerId, {}))
  const { checkoutSessionId } = await buyer.clickButton(first.data.button)
  record.checkoutSessionId = checkoutSessionId
  await buyer.approve(checkoutSessionId)
  await tryAgain(record, "session with amazonCheckoutSessionId", () =>
    storefront.initiatePaymentSession(cart.id, life.providerId, { amazonCheckoutSessionId: checkoutSessionId })
  )
  await buyer.approve(checkoutSessionId, life.outcome)
  for (let attempt = 1; attempt <= TRIES; attempt++) {
    const result = await tryAgain(record, "complete cart", () => storefront.completeCart(cart.id))
    if (result.type === "order") {
      record.orderId = result.order.id
      record.totalMinor = toMinor(result.order.total, DECIMALS)
      record.steps.push(`placed ${result.order.id} for ${result.order.total}`)
      return
    }
    record.visibleErrors.push(`complete cart: ${result.error.message.slice(0, 200)}`)
    record.steps.push(`completion refused: ${result.error.message.slice(0, 120)}`)
  }
}

async function afterCheckout(record: OrderRecord, deps: OrderDeps): Promise<void> {
  const { life } = record
  const { admin } = deps
  const orderId = record.orderId!
  if (life.outcome === "pendingThenDeclined") {
    return // Amazon declines later; the IPN (or the poll) must cancel the order.
  }
  let [payment] = await admin.payments(orderId)
  if (!payment && life.outcome === "pendingThenAuthorized") {
    const authorized = await waitFor(() => admin.payments(orderId), (ps) => ps.length > 0, AUTHORIZATION_WAIT_MS, 500).catch(() => null)
    payment = authorized?.[0]
    record.steps.push(payment ? "authorized later (IPN)" : "still pending after 30 s; left to the poll")
  }
  if (!payment) {
    return
  }
  const capturedMinor = async () => sumMinor((await admin.getPayment(payment.id)).captures, DECIMALS)
  if (life.captureMode === "manual") {
    if (life.cancel) {
      await tryAgain(record, "cancel order", () => admin.cancelOrder(orderId))
      record.steps.push("canceled")
      return
    }
    for (const target of captureTargets(life, record.totalMinor!)) {
      await tryAgain(record, `capture up to ${formatMinorUnits(target, CURRENCY)}`, async () => {
        const missing = target - (await capturedMinor())
        if (missing > 0n) {
          await admin.capture(payment.id, major(missing))
        }
      })
      record.steps.push(`captured up to ${formatMinorUnits(target, CURRENCY)}`)
    }
  }
  const captured = await capturedMinor()
  const refundedMinor = async () => sumMinor((await admin.getPayment(payment.id)).refunds, DECIMALS)
  for (const target of refundTargets(life, captured)) {
    await tryAgain(record, `refund up to ${formatMinorUnits(target, CURRENCY)}`, async () => {
      const missing = target - (await refundedMinor())
      if (missing > 0n) {
        await admin.refund(payment.id, major(missing))
      }
    })
    record.steps.push(`refunded up to ${formatMinorUnits(target, CURRENCY)}`)
  }
}

/**
 * Lives one order through the real store, as a storefront, a buyer on Amazon's page and an admin
 * would, while faults hit every Amazon call. A step that fails the way a person would see it (an
 * error page) is tried again, up to three times, reading Medusa's state first so a retry asks only
 * for what is still missing (the admin captures "the rest", not the same amount twice). What the
 * store got wrong is not judged here: invariants.ts compares everything with Amazon's ledger later.
 */
import { sumMinor, toMinor } from "../test-kit/admin-orders"
import { formatMinorUnits } from "../../src/providers/amazon-pay/amounts"
import type { SandboxControl } from "../test-kit/amazon-pay-buyer"
import type { AdminOrders } from "../test-kit/admin-orders"
import type { Storefront } from "../test-kit/storefront"
import type { StoreFixture } from "../test-kit/store-fixture"
import { waitFor } from "../test-kit/checkout-context"
import type { AmazonPaySandbox } from "../../src/sandbox"
import { describeAnswer, injectedFields, reuseCheckout, type HostileAttempt } from "./hostile"
import { captureTargets, parallelCaptureParts, parallelRefundParts, refundTargets, type OrderLife } from "./life"

const DECIMALS = 2
const CURRENCY = "USD"
const TRIES = 3
const AUTHORIZATION_WAIT_MS = 30_000
/** Amazon: a SoftDeclined charge "may or may not" succeed when retried; the admin tries again this often, a little later. */
const SOFT_DECLINE_RETRIES = 4
const SOFT_DECLINE_PAUSE_MS = 1_000

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
  /** The order was found in the store after its completion's answer was lost (lost-orders.ts). */
  lostAnswer?: boolean
  /** reuse_checkout: what the hostile cart got. */
  hostile?: HostileAttempt
  /** Where Amazon sent the buyer after confirming (must be the buyer's own result URL). */
  buyerRedirectedTo?: string
  /** inject_fields: the injected initiate was refused (4xx) rather than its fields dropped. */
  injectionRefused?: boolean
  /** parallel_*: the answers of the calls started at once. */
  parallelAnswers?: string[]
  /** Captures Amazon soft-declined, and how each ended after the admin retried it later. */
  softDeclines: SoftDeclineEnd[]
}

/** How a soft-declined capture ended; only "still soft-declined" breaks the rule (a replayed decline). */
export type SoftDeclineEnd = "captured on a retry" | "still soft-declined" | "declined otherwise on a retry" | "retries failed on faults"

export interface OrderDeps {
  storefront: Storefront
  admin: AdminOrders
  buyer: SandboxControl
  store: StoreFixture
  sandbox: AmazonPaySandbox
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
  const record: OrderRecord = { life, visibleErrors: [], steps: [], softDeclines: [] }
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

async function checkout(record: OrderRecord, deps: OrderDeps): Promise<void> {
  const { storefront, buyer, store, sandbox } = deps
  const { life } = record
  const cart = await tryAgain(record, "cart", () =>
    storefront.cartReadyForPayment({ regionId: store.regions.usd, variantId: store.variantId, quantity: life.quantity })
  )
  record.cartId = cart.id
  const first = await tryAgain(record, "initiate session", () => storefront.initiatePaymentSession(cart.id, life.providerId, {}))
  const { checkoutSessionId } = await buyer.clickButton(first.data.button)
  record.checkoutSessionId = checkoutSessionId
  const attack = async (stage: string) => {
    if (life.reuse?.stage === stage) {
      record.hostile = await reuseCheckout(life, checkoutSessionId, deps)
      record.steps.push(`hostile cart ${record.hostile.cartId} (${life.reuse.totals} total) at ${stage}: ${record.hostile.answers.join("; ")}`)
    }
  }
  await attack("on_amazon_page")
  await buyer.approve(checkoutSessionId)
  // The hostile storefront's session is the one the cart completes on, unless it was refused.
  let injectedSession = false
  if (life.kind === "inject_fields") {
    const injected = { ...injectedFields(sandbox.ledger(), life.index), amazonCheckoutSessionId: checkoutSessionId }
    try {
      await storefront.initiatePaymentSession(cart.id, life.providerId, injected)
      injectedSession = true
      record.steps.push("injected internal fields: initiate 2xx")
    } catch (error) {
      record.injectionRefused = /^4\d\d /.test(describeAnswer(error))
      record.steps.push(`injected internal fields: initiate ${describeAnswer(error)}`)
    }
  }
  if (!injectedSession) {
    await tryAgain(record, "session with amazonCheckoutSessionId", () =>
      storefront.initiatePaymentSession(cart.id, life.providerId, { amazonCheckoutSessionId: checkoutSessionId })
    )
  }
  const confirmed = await buyer.approve(checkoutSessionId, life.outcome)
  record.buyerRedirectedTo = confirmed.redirectUrl
  await attack("confirmed")
  for (let attempt = 1; attempt <= TRIES; attempt++) {
    const result = await tryAgain(record, "complete cart", () => storefront.completeCart(cart.id))
    if (result.type === "order") {
      record.orderId = result.order.id
      record.totalMinor = toMinor(result.order.total, DECIMALS)
      record.steps.push(`placed ${result.order.id} for ${result.order.total}`)
      await attack("completed")
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
    const targets = captureTargets(life, record.totalMinor!)
    const parallel = life.kind === "parallel_captures" ? parallelCaptureParts(life, record.totalMinor!) : null
    for (const [i, target] of targets.entries()) {
      if (i === 1 && parallel) {
        // Two admins capture equal parts of the rest at the same moment (issue 10 item 3).
        record.parallelAnswers = await inParallel(life.parallel!, () => admin.capture(payment.id, major(parallel.part)))
        record.steps.push(`${life.parallel} parallel captures of ${formatMinorUnits(parallel.part, CURRENCY)}: ${record.parallelAnswers.join(", ")}`)
      }
      if (i === 1 && life.kind === "soft_decline_retry") {
        // The next Create Charge (a later capture: this one, or a concurrent life's) is soft-declined.
        deps.sandbox.addFault({ operation: "createCharge", kind: "simulate", simulationCode: "SoftDeclined", times: 1 })
      }
      await captureUpTo(record, target, capturedMinor, (amount) => admin.capture(payment.id, major(amount)))
      record.steps.push(`captured up to ${formatMinorUnits(target, CURRENCY)}`)
    }
  }
  const captured = await capturedMinor()
  const refundedMinor = async () => sumMinor((await admin.getPayment(payment.id)).refunds, DECIMALS)
  const parallelRefund = life.kind === "parallel_refunds" ? parallelRefundParts(life, captured) : null
  const refundPlan = parallelRefund ? [parallelRefund.target] : refundTargets(life, captured)
  if (parallelRefund) {
    record.parallelAnswers = await inParallel(life.parallel!, () => admin.refund(payment.id, major(parallelRefund.part)))
    record.steps.push(`${life.parallel} parallel refunds of ${formatMinorUnits(parallelRefund.part, CURRENCY)}: ${record.parallelAnswers.join(", ")}`)
  }
  for (const target of refundPlan) {
    await tryAgain(record, `refund up to ${formatMinorUnits(target, CURRENCY)}`, async () => {
      const missing = target - (await refundedMinor())
      if (missing > 0n) {
        await admin.refund(payment.id, major(missing))
      }
    })
    record.steps.push(`refunded up to ${formatMinorUnits(target, CURRENCY)}`)
  }
}

/** Starts `count` equal calls at once; their answers ("2xx" or the refusal), in order. */
async function inParallel(count: number, call: () => Promise<unknown>): Promise<string[]> {
  const settled = await Promise.allSettled(Array.from({ length: count }, call))
  return settled.map((s) => (s.status === "fulfilled" ? "2xx" : describeAnswer(s.reason)))
}

const SOFT_DECLINED = /SoftDeclined/

/**
 * Captures what is missing up to `target`, as a person would: an error page is tried again (reading
 * Medusa first, so only the rest is asked for). A soft decline is tried again a little later, as
 * Amazon recommends, and must be capturable then (issue 10 item 6: the retry used to replay the
 * stored decline under the same idempotency key).
 */
async function captureUpTo(record: OrderRecord, target: bigint, capturedMinor: () => Promise<bigint>, capture: (amount: bigint) => Promise<unknown>): Promise<void> {
  const label = `capture up to ${formatMinorUnits(target, CURRENCY)}`
  let softDeclined: number | null = null
  let tries = 0
  for (;;) {
    tries++
    try {
      const missing = target - (await capturedMinor())
      if (missing > 0n) {
        await capture(missing)
      }
      if (softDeclined !== null) record.softDeclines[softDeclined] = "captured on a retry"
      return
    } catch (error) {
      const message = (error as Error).message
      record.visibleErrors.push(`${label}: ${message.slice(0, 200)}`)
      if (SOFT_DECLINED.test(message)) {
        if (softDeclined === null) {
          softDeclined = record.softDeclines.push("still soft-declined") - 1
          tries = 0
        }
        if (tries >= SOFT_DECLINE_RETRIES) {
          record.softDeclines[softDeclined] = "still soft-declined"
          throw error
        }
        await new Promise((resolve) => setTimeout(resolve, SOFT_DECLINE_PAUSE_MS))
        continue
      }
      if (softDeclined !== null) {
        record.softDeclines[softDeclined] = /Declined|NonChargeable|no longer chargeable/i.test(message) ? "declined otherwise on a retry" : "retries failed on faults"
      }
      if (tries >= TRIES) {
        throw error
      }
    }
  }
}

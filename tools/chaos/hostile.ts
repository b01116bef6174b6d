/**
 * The hostile storefront (issue 10): a storefront is untrusted input, so the campaign plays one.
 *
 * - reuse_checkout: another cart (same total or another one) is handed the buyer's Amazon checkout
 *   id, at the buyer's stage of the checkout, and tries to complete on it. The store must refuse
 *   (or at least place nothing and change nothing at Amazon): the invariants then check that no
 *   order sits on the buyer's charge permission but the buyer's, and that the buyer was redirected
 *   to the buyer's own result URL and could still complete.
 * - inject_fields: the buyer's own storefront sends the provider's internal fields (`charges`,
 *   `chargePermissionId`, `refunds`, amounts, `session_id`) naming another order's Amazon objects,
 *   next to its own checkout id. They must be dropped or refused; the invariants check that the
 *   payment data names only the order's own objects and that nobody's money moved for them.
 */
import type { Ledger } from "../../src/sandbox"
import type { Storefront } from "../test-kit/storefront"
import type { StoreFixture } from "../test-kit/store-fixture"
import type { OrderLife } from "./life"

/** Where the hostile storefront wants Amazon to send the buyer back (the buyer must never land there). */
export const ATTACKER_RESULT_URL = "https://attacker.example/checkout/amazon-pay/result"
/** A key no storefront field has: it must not be stored. */
export const INJECTED_MARKER = "chaosInjected"

export interface HostileAttempt {
  /** The hostile cart's answers, in order ("2xx", "4xx ...", "5xx ..."). */
  answers: string[]
  /** An order the hostile cart placed on the buyer's checkout (a breach). */
  orderId?: string
  cartId?: string
}

/** "2xx" or the status and the start of Medusa's message. */
export function describeAnswer(error: unknown): string {
  const response = (error as { response?: { status: number; data?: { message?: string } } })?.response
  if (!response) return `no answer: ${(error as Error)?.message?.slice(0, 80)}`
  return `${response.status} ${String(response.data?.message ?? "").slice(0, 100)}`
}

/** True for an answer the hostile storefront must be able to get: a refusal as bad input, not a crash. */
export const isRefusal = (answer: string) => /^4\d\d /.test(answer)

/**
 * Another cart takes the buyer's checkout: initiates its session with the buyer's
 * amazonCheckoutSessionId and its own result URL, then tries to complete.
 */
export async function reuseCheckout(
  life: OrderLife,
  checkoutSessionId: string,
  deps: { storefront: Storefront; store: StoreFixture }
): Promise<HostileAttempt> {
  const { storefront, store } = deps
  const attempt: HostileAttempt = { answers: [] }
  const quantity = life.reuse?.totals === "different" ? life.quantity + 1 : life.quantity
  const cart = await storefront.cartReadyForPayment({ regionId: store.regions.usd, variantId: store.variantId, quantity, email: "attacker@example.com" })
  attempt.cartId = cart.id
  try {
    await storefront.initiatePaymentSession(cart.id, life.providerId, { amazonCheckoutSessionId: checkoutSessionId, checkoutResultReturnUrl: ATTACKER_RESULT_URL })
    attempt.answers.push("initiate 2xx")
  } catch (error) {
    attempt.answers.push(`initiate ${describeAnswer(error)}`)
  }
  try {
    const result = await storefront.completeCart(cart.id)
    if (result.type === "order") {
      attempt.orderId = result.order.id
      attempt.answers.push(`complete: order ${result.order.id}`)
    } else {
      attempt.answers.push(`complete: cart (${result.error.message.slice(0, 100)})`)
    }
  } catch (error) {
    attempt.answers.push(`complete ${describeAnswer(error)}`)
  }
  return attempt
}

/**
 * The provider's internal fields, naming another order's Amazon objects when the ledger has one
 * with a captured charge (made-up ids otherwise), plus a key no storefront field has.
 */
export function injectedFields(ledger: Ledger, pickIndex: number): Record<string, unknown> {
  const captured = Object.entries(ledger.chargePermissions).filter(([, p]) => p.charges.some((c) => c.state === "Captured"))
  const [permissionId, permission] = captured.length ? captured[pickIndex % captured.length] : ["S01-0000000-0000000", undefined]
  const charge = permission?.charges.find((c) => c.state === "Captured")
  const usd = (amount: string) => ({ amount, currencyCode: "USD" })
  const chargeId = charge?.chargeId ?? "S01-0000000-0000000-C000001"
  return {
    chargePermissionId: permissionId,
    chargePermissionState: "Chargeable",
    charges: [
      {
        chargeId,
        amount: usd(charge?.chargeAmount ?? "1.00"),
        state: "Captured",
        reasonCode: null,
        capturedAmount: usd(charge?.captureAmount ?? "1.00"),
        refundedAmount: null,
        createdAt: new Date().toISOString(),
      },
    ],
    refunds: [{ refundId: `${chargeId}-R01`, chargeId, amount: usd("1.00"), state: "Refunded", reasonCode: null, medusaRefundId: "ref_injected" }],
    chargeAmount: usd("1.00"),
    session_id: "payses_injected",
    amazonPayMode: "on_authorize",
    [INJECTED_MARKER]: true,
  }
}

/** What of an injection survived in a payment's stored data (empty when nothing did). */
export function injectionLeftovers(data: Record<string, any> | null | undefined, own: { permissionId: string | null; chargeIds: string[] }): string[] {
  const found: string[] = []
  if (!data) return found
  if (INJECTED_MARKER in data) found.push(INJECTED_MARKER)
  if (data.session_id === "payses_injected") found.push("session_id")
  if (data.chargePermissionId && data.chargePermissionId !== own.permissionId) found.push("chargePermissionId")
  const foreign = (Array.isArray(data.charges) ? data.charges : []).filter((c: any) => !own.chargeIds.includes(c?.chargeId))
  if (foreign.length) found.push("charges")
  if ((Array.isArray(data.refunds) ? data.refunds : []).some((r: any) => r?.medusaRefundId === "ref_injected")) found.push("refunds")
  return found
}

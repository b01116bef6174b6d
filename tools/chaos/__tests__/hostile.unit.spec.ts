/** The campaign's verdicts on hostile storefronts must catch what issue 10 saw, or a clean run means nothing. */
import type { Ledger } from "../../../src/sandbox"
import { ATTACKER_RESULT_URL, INJECTED_MARKER, injectedFields, injectionLeftovers } from "../hostile"
import { checkLife, refundCountBound } from "../invariants"
import { planLife } from "../life"
import { Random } from "../random"
import type { OrderRecord } from "../run-order"

const ledger: Ledger = {
  totals: {},
  chargePermissions: {
    "P-OTHER": {
      currencyCode: "USD",
      authorized: "60.00",
      captured: "60.00",
      refunded: "0.00",
      chargebacks: "0.00",
      charges: [{ chargeId: "P-OTHER-C1", state: "Captured", chargeAmount: "60.00", captureAmount: "60.00" }],
      refunds: [],
      declinedAttempts: [],
      disputes: [],
    },
  },
}

describe("injected internal fields", () => {
  const injected = injectedFields(ledger, 3)

  it("name another order's captured charge and permission", () => {
    expect(injected).toMatchObject({ chargePermissionId: "P-OTHER", charges: [{ chargeId: "P-OTHER-C1", state: "Captured" }], [INJECTED_MARKER]: true })
  })

  it("are found when any of them survived in the stored data, and only then", () => {
    const own = { permissionId: "P-OWN", chargeIds: ["P-OWN-C1"] }
    expect(injectionLeftovers({ ...injected }, own)).toEqual([INJECTED_MARKER, "session_id", "chargePermissionId", "charges", "refunds"])
    expect(injectionLeftovers({ chargePermissionId: "P-OWN", charges: [{ chargeId: "P-OWN-C1" }], refunds: [], session_id: "payses_1" }, own)).toEqual([])
    expect(injectionLeftovers({ chargePermissionId: "P-OWN", charges: [{ chargeId: "P-OTHER-C1" }] }, own)).toEqual(["charges"])
    expect(injectionLeftovers(undefined, own)).toEqual([])
  })
})

describe("checkLife", () => {
  const life = { ...planLife(0, new Random(1)), kind: "reuse_checkout" as const, outcome: "success" as const, reuse: { stage: "confirmed" as const, totals: "equal" as const } }
  const record = (change: Partial<OrderRecord>): OrderRecord => ({ life, visibleErrors: [], steps: [], softDeclines: [], orderId: "order_a", ...change })

  it("holds when the hostile cart was refused and the buyer completed on the buyer's own page", () => {
    expect(checkLife(record({ hostile: { answers: ["initiate 400 not this cart's checkout", "complete 400 no session"] }, buyerRedirectedTo: "http://localhost:8000/r?amazonCheckoutSessionId=x" }))).toEqual([])
  })

  it("breaks when the hostile cart placed an order, the buyer landed on its page, or could not complete", () => {
    const found = checkLife(
      record({ orderId: undefined, hostile: { answers: ["initiate 2xx", "complete: order order_b"], orderId: "order_b", cartId: "cart_b" }, buyerRedirectedTo: `${ATTACKER_RESULT_URL}?amazonCheckoutSessionId=x` })
    )
    expect(found.map((f) => f.invariant)).toEqual(Array(3).fill("hostile storefront refused, buyer unharmed"))
  })

  it("breaks only on a soft decline still replayed after the retries", () => {
    expect(checkLife(record({ softDeclines: ["captured on a retry", "declined otherwise on a retry", "retries failed on faults"] }))).toEqual([])
    expect(checkLife(record({ softDeclines: ["still soft-declined"] })).map((f) => f.invariant)).toEqual(["soft-declined captures succeed when retried"])
  })
})

describe("refundCountBound", () => {
  it("lets one Medusa refund be one Amazon refund per captured charge, and no more", () => {
    // Seen in a cluster run: a first capture, two parallel captures, then one refund over all three.
    expect(3 > refundCountBound(1, 3)).toBe(false)
    expect(4 > refundCountBound(1, 3)).toBe(true)
    expect(refundCountBound(2, 0)).toBe(2)
    expect(refundCountBound(0, 3)).toBe(0)
  })
})

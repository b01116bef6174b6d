/**
 * Amazon misbehaving under a real Medusa checkout: throttling (429), server errors (5xx) and the
 * worst case, an operation Amazon applied whose answer never arrived (commitThenDrop), during
 * authorization (Complete Checkout Session), capture and refund. After each, the sandbox ledger must
 * show exactly one Amazon capture/refund per Medusa one, and Medusa's totals must equal Amazon's.
 */
import {
  expectFailure,
  expectMedusaMatchesLedger as expectMedusaMatchesLedger_,
  placeAmazonPayOrder,

  type FaultInput,
} from "../../tools/test-kit"
import { amazonPayStoreSuite } from "../../tools/test-kit/amazon-pay-suite"

jest.setTimeout(180_000)

const PENDING_DELAY_MS = 60_000

amazonPayStoreSuite({ pendingDelayMs: PENDING_DELAY_MS }, (suite) => {
  const placeOrder = (fault?: FaultInput) =>
    placeAmazonPayOrder(suite.ctx, suite.sandbox, { afterButton: fault ? async () => void (await suite.sandbox.addFault(fault)) : undefined })
  const ledgerFor = async (permissionId: string) => (await suite.sandbox.ledger()).chargePermissions[permissionId]
  const expectMedusaMatchesLedger = (paymentId: string, permissionId: string) =>
    expectMedusaMatchesLedger_(suite.ctx, suite.sandbox, paymentId, permissionId)

  describe.each<[string, FaultInput]>([
    ["a 429", { operation: "completeCheckoutSession", kind: "status", status: 429, retryAfterSeconds: 0, times: 2 }],
    ["a 503", { operation: "completeCheckoutSession", kind: "status", status: 503, times: 1 }],
    ["a lost answer after Amazon committed", { operation: "completeCheckoutSession", kind: "commitThenDrop", times: 1 }],
  ])("authorization with %s", (_label, fault) => {
    it("places the order with exactly one Amazon charge", async () => {
      const { payment, permissionId } = await placeOrder(fault)
      expect(payment.amount).toBe(60)
      const ledger = await ledgerFor(permissionId)
      expect(ledger.charges).toHaveLength(1)
      expect(ledger.authorized).toBe("60.00")
      expect(Object.keys((await suite.sandbox.ledger()).chargePermissions)).toHaveLength(1)
    })
  })

  describe.each<[string, FaultInput[]]>([
    ["a 429", [{ operation: "captureCharge", kind: "status", status: 429, retryAfterSeconds: 0, times: 2 }]],
    ["a 500", [{ operation: "captureCharge", kind: "status", status: 500, times: 1 }]],
    [
      "a lost answer after Amazon committed",
      [
        { operation: "captureCharge", kind: "commitThenDrop", times: 1 },
        { operation: "createCharge", kind: "commitThenDrop", times: 1 },
      ],
    ],
  ])("capture with %s", (_label, faults) => {
    it("captures exactly once per Medusa capture (two partial captures)", async () => {
      const { payment, permissionId } = await placeOrder()
      for (const fault of faults) {
        await suite.sandbox.addFault(fault)
      }
      await suite.ctx.admin.capture(payment.id, 35)
      await suite.ctx.admin.capture(payment.id, 25)
      const { ledger } = await expectMedusaMatchesLedger(payment.id, permissionId)
      expect(ledger.captured).toBe("60.00")
      expect(ledger.charges.filter((c) => c.state === "Captured")).toHaveLength(2)
    })
  })

  it("capture that Amazon keeps failing: the admin gets an error, Medusa records nothing, a later retry captures once", async () => {
    const { payment, permissionId } = await placeOrder()
    await suite.sandbox.addFault({ operation: "captureCharge", kind: "status", status: 503, times: 20 })
    const failure = await expectFailure(suite.ctx.admin.capture(payment.id))
    expect(failure.status).toBeGreaterThanOrEqual(400)
    expect(failure.data.message).toMatch(/Amazon Pay/)
    expect(JSON.stringify(failure.data)).not.toMatch(/PRIVATE KEY|Signature=/)
    expect((await suite.ctx.admin.getPayment(payment.id)).captures).toHaveLength(0)
    expect((await ledgerFor(permissionId)).captured).toBe("0.00")

    await suite.sandbox.clearFaults()
    await suite.ctx.admin.capture(payment.id)
    const { ledger } = await expectMedusaMatchesLedger(payment.id, permissionId)
    expect(ledger.captured).toBe("60.00")
  })

  describe.each<[string, FaultInput]>([
    ["a 429", { operation: "createRefund", kind: "status", status: 429, retryAfterSeconds: 0, times: 2 }],
    ["a 503", { operation: "createRefund", kind: "status", status: 503, times: 1 }],
    ["a lost answer after Amazon committed", { operation: "createRefund", kind: "commitThenDrop", times: 1 }],
  ])("refund with %s", (_label, fault) => {
    it("refunds exactly once per Medusa refund", async () => {
      const { payment, permissionId } = await placeOrder()
      await suite.ctx.admin.capture(payment.id)
      await suite.sandbox.addFault(fault)
      await suite.ctx.admin.refund(payment.id, 12.34)
      await suite.sandbox.addFault(fault)
      await suite.ctx.admin.refund(payment.id, 7.66)
      await suite.sandbox.advanceClock(PENDING_DELAY_MS + 1000)
      const { ledger } = await expectMedusaMatchesLedger(payment.id, permissionId)
      expect(ledger.refunded).toBe("20.00")
      expect(ledger.refunds.map((r) => r.refundAmount).sort()).toEqual(["12.34", "7.66"])
    })
  })
})

/**
 * Money moves once, keyed by the journal (journal/key-rules.ts), against the sandbox over HTTP:
 * - a call whose answer was lost after all of the client's retries (sandbox fault `commitThenDrop`
 *   for more calls than `retry.maxAttempts`) is replayed with its SAME key when Medusa retries under
 *   a new Capture/Refund id (Medusa issue 16292), so Amazon answers what it did;
 * - a definite answer (a decline) ends a key: the retry Amazon recommends gets a new one;
 * - two concurrent equal operations are two entries with two keys, serialized by the payment lock.
 * The sandbox ledger says what really moved.
 */
import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { captureWithAmazon, type CaptureRequest } from "../capture"
import type { PaymentRef } from "../journal/journaled-call"
import type { AmazonPayPaymentData } from "../payment-data"
import { refundWithAmazon } from "../refund"
import { usd } from "./fixtures"
import { authorizedPayment, expressCheckout, startSandboxProvider, type SandboxProvider } from "./support/sandbox-provider"

jest.setTimeout(30_000)

/** The support provider retries 3 times: 4 lost answers outlast them. */
const BEYOND_RETRIES = 4

describe("Amazon Pay provider: money moves once, keyed by the journal (sandbox over HTTP)", () => {
  let env: SandboxProvider

  beforeAll(async () => {
    env = await startSandboxProvider()
  })
  afterEach(() => {
    env.sandbox.clearFaults()
    env.sandbox.reset()
  })
  afterAll(() => env.close())

  const ledger = (data: AmazonPayPaymentData) => env.sandbox.ledger().chargePermissions[data.chargePermissionId!]
  const operations = (ref: PaymentRef, kind: string) => env.journal.operations.filter((o) => o.payment_collection_id === ref.paymentCollectionId && o.kind === kind)
  const cents = (amount: string) => Number(amount.replace(".", ""))

  function capture(ref: PaymentRef, data: AmazonPayPaymentData, captureId: string, amount: string, others: Record<string, string> = {}) {
    const request: CaptureRequest = {
      captureId,
      amount: usd(amount),
      otherCapturesTotal: usd((Object.values(others).reduce((sum, a) => sum + cents(a), 0) / 100).toFixed(2)),
      otherCaptureIds: Object.keys(others),
    }
    return captureWithAmazon(env.deps(), ref, data, request)
  }
  const refund = (ref: PaymentRef, data: AmazonPayPaymentData, refundId: string, amount: string, live: string[] = []) =>
    refundWithAmazon(env.deps(), ref, data, { refundId, amount: usd(amount), liveRefundIds: [refundId, ...live] })

  async function captured(total: string, amounts: string[]): Promise<{ data: AmazonPayPaymentData; ref: PaymentRef }> {
    const authorized = await authorizedPayment(env, total)
    const ref = authorized.ref
    let data = authorized.data
    const others: Record<string, string> = {}
    for (const [index, amount] of amounts.entries()) {
      data = await capture(ref, data, `capt_${index}`, amount, { ...others })
      others[`capt_${index}`] = amount
    }
    return { data, ref }
  }

  it("authorize: a Complete whose answer was lost is found Completed and recorded on the retry", async () => {
    const provider = env.provider({ retry: false })
    const { data, ref } = await expressCheckout(env, provider, "42.00")
    env.sandbox.addFault({ operation: "completeCheckoutSession", kind: "commitThenDrop", times: 1 })
    const result = await provider.authorizePayment({ data: data as never, context: { idempotency_key: ref.paymentSessionId as string } })
    expect(result.status).toBe(PaymentSessionStatus.AUTHORIZED)
    const authorized = result.data as unknown as AmazonPayPaymentData
    expect(authorized.charges).toHaveLength(1)
    expect(ledger(authorized).charges).toHaveLength(1)
  })

  it("refund: a refund whose answer was lost is replayed with its own key under Medusa's new refund id: refunded once", async () => {
    const { data, ref } = await captured("50.00", ["50.00"])
    env.sandbox.addFault({ operation: "createRefund", kind: "commitThenDrop", times: BEYOND_RETRIES })
    await expect(refund(ref, data, "ref_lost", "20.00")).rejects.toThrow(/could not refund the charge/)
    env.sandbox.clearFaults()
    expect(operations(ref, "create_refund")).toEqual([expect.objectContaining({ status: "unknown", medusa_ref_id: "ref_lost" })])
    // Medusa deleted ref_lost; the admin refunds again.
    const retried = await refund(ref, data, "ref_retry", "20.00")
    const [call] = operations(ref, "create_refund")
    expect(operations(ref, "create_refund")).toHaveLength(1)
    expect(call).toMatchObject({ status: "succeeded", attempt: 2 })
    expect(retried.refunds).toEqual([expect.objectContaining({ amount: usd("20.00"), medusaRefundId: "ref_retry" })])
    expect(ledger(data).refunds.map((r) => r.refundAmount)).toEqual(["20.00"])
  })

  it("refund: a lost refund of another amount is settled first and stays recorded under its own Medusa id", async () => {
    const { data, ref } = await captured("50.00", ["50.00"])
    env.sandbox.addFault({ operation: "createRefund", kind: "commitThenDrop", times: BEYOND_RETRIES })
    await expect(refund(ref, data, "ref_lost", "20.00")).rejects.toThrow()
    env.sandbox.clearFaults()
    const next = await refund(ref, data, "ref_other", "5.00")
    expect(next.refunds.map((r) => [r.amount.amount, r.medusaRefundId])).toEqual([["20.00", "ref_lost"], ["5.00", "ref_other"]])
    expect(operations(ref, "create_refund").map((o) => o.status)).toEqual(["succeeded", "succeeded"])
    // Medusa's retry of the lost one adopts it instead of refunding again.
    const adopted = await refund(ref, next, "ref_again", "20.00", ["ref_other"])
    expect(adopted.refunds.map((r) => r.medusaRefundId)).toEqual(["ref_again", "ref_other"])
    expect(ledger(data).refunds).toHaveLength(2)
  })

  it("refund: two legitimate equal partial refunds, even at once, are two Amazon refunds with two keys", async () => {
    const { data, ref } = await captured("50.00", ["50.00"])
    await Promise.all([refund(ref, data, "ref_1", "10.00", ["ref_2"]), refund(ref, data, "ref_2", "10.00", ["ref_1"])])
    const keys = operations(ref, "create_refund").map((o) => o.idempotency_key)
    expect(new Set(keys).size).toBe(2)
    env.sandbox.advanceClock(61_000)
    expect(ledger(data).refunded).toBe("20.00")
  })

  it("capture: two concurrent equal later captures are two Amazon charges, never merged", async () => {
    const { data, ref } = await captured("60.00", ["20.00"])
    await Promise.all([
      capture(ref, data, "capt_a", "10.00", { capt_0: "20.00", capt_b: "10.00" }),
      capture(ref, data, "capt_b", "10.00", { capt_0: "20.00", capt_a: "10.00" }),
    ])
    expect(ledger(data).captured).toBe("40.00")
    expect(new Set(operations(ref, "create_charge").map((o) => o.idempotency_key)).size).toBe(2)
  })

  // Found by `npm run chaos -- --cluster` (three parallel refunds of 40: Medusa 120, Amazon 80). Medusa
  // commits each parallel call's row before any provider call; a provider that read the sibling rows
  // before it got the payment lock can miss a sibling whose row came a moment later, and then takes
  // that sibling's Amazon money for orphaned money of its own. The rows are read again under the lock.
  it("refund: a concurrent refund this one's early reading missed is not adopted; both are refunded", async () => {
    const { data, ref } = await captured("60.00", ["60.00"])
    const rows = ["ref_1", "ref_2"]
    await refundWithAmazon(env.deps(), ref, data, { refundId: "ref_1", amount: usd("10.00"), liveRefundIds: ["ref_1"], readLiveRefundIds: async () => rows })
    // ref_2 read the rows before ref_1's existed; under the lock it reads them again.
    await refundWithAmazon(env.deps(), ref, data, { refundId: "ref_2", amount: usd("10.00"), liveRefundIds: ["ref_2"], readLiveRefundIds: async () => rows })
    env.sandbox.advanceClock(61_000)
    expect({ refunded: ledger(data).refunded, amazonRefunds: ledger(data).refunds.length, calls: operations(ref, "create_refund").map((o) => o.medusa_ref_id) }).toEqual({
      refunded: "20.00",
      amazonRefunds: 2,
      calls: ["ref_1", "ref_2"],
    })
  })

  it("capture: a concurrent capture this one's early reading missed is not attributed to it; both are captured", async () => {
    const { data, ref } = await captured("60.00", ["20.00"])
    const fresh = async () => ({ otherCapturesTotal: usd("30.00"), otherCaptureIds: ["capt_0", "capt_a"] })
    await capture(ref, data, "capt_a", "10.00", { capt_0: "20.00" })
    // capt_b read the rows before capt_a's existed: 20.00 by capt_0 only; under the lock it reads them again.
    const stale: CaptureRequest = { captureId: "capt_b", amount: usd("10.00"), otherCapturesTotal: usd("20.00"), otherCaptureIds: ["capt_0"], readOthers: fresh }
    await captureWithAmazon(env.deps(), ref, data, stale)
    expect({ captured: ledger(data).captured, charges: operations(ref, "create_charge").map((o) => o.medusa_ref_id) }).toEqual({
      captured: "40.00",
      charges: ["capt_a", "capt_b"],
    })
  })

  it("capture: a Capture Charge whose answer was lost is not captured again by Medusa's retry", async () => {
    const { data, ref } = await authorizedPayment(env, "90.00")
    env.sandbox.addFault({ operation: "captureCharge", kind: "commitThenDrop", times: BEYOND_RETRIES })
    await expect(capture(ref, data, "capt_first", "90.00")).rejects.toThrow(/could not capture the charge/)
    env.sandbox.clearFaults()
    const retried = await capture(ref, data, "capt_second", "90.00")
    expect(retried.charges[0]).toMatchObject({ state: "Captured", medusaCaptureId: "capt_second" })
    expect(ledger(data).captured).toBe("90.00")
  })

  it("capture: a later capture (Create Charge) Amazon committed but never answered is replayed, not captured again", async () => {
    const { data, ref } = await captured("100.00", ["30.00"])
    env.sandbox.addFault({ operation: "createCharge", kind: "commitThenDrop", times: BEYOND_RETRIES })
    await expect(capture(ref, data, "capt_lost", "30.00", { capt_0: "30.00" })).rejects.toThrow(/could not create a charge/)
    env.sandbox.clearFaults()
    const retried = await capture(ref, data, "capt_retry", "30.00", { capt_0: "30.00" })
    expect(retried.charges).toHaveLength(2)
    expect(retried.charges[1]).toMatchObject({ state: "Captured", medusaCaptureId: "capt_retry" })
    expect(operations(ref, "create_charge")).toEqual([expect.objectContaining({ status: "succeeded", attempt: 2 })])
    expect(ledger(data).captured).toBe("60.00")
    // A legitimate third capture of the same amount still happens, with a new key.
    const third = await capture(ref, retried, "capt_3", "30.00", { capt_0: "30.00", capt_retry: "30.00" })
    expect(third.charges).toHaveLength(3)
    expect(ledger(data).captured).toBe("90.00")
  })

  it("capture: a soft decline ends its key; the retry of the same amount gets a new key and succeeds", async () => {
    const { data, ref } = await captured("100.00", ["30.00"])
    env.sandbox.addFault({ operation: "createCharge", kind: "simulate", simulationCode: "SoftDeclined", times: 1 })
    await expect(capture(ref, data, "capt_declined", "30.00", { capt_0: "30.00" })).rejects.toThrow(/SoftDeclined.*try the capture again/)
    const retried = await capture(ref, data, "capt_retry", "30.00", { capt_0: "30.00" })
    expect(retried.charges.at(-1)).toMatchObject({ state: "Captured", medusaCaptureId: "capt_retry" })
    const calls = operations(ref, "create_charge")
    expect(calls.map((o) => o.status)).toEqual(["declined", "succeeded"])
    expect(calls[0].idempotency_key).not.toBe(calls[1].idempotency_key)
    expect(ledger(data).captured).toBe("60.00")
  })

  it("capture: a hard decline says the buyer's payment method is no longer chargeable", async () => {
    const { data, ref } = await captured("100.00", ["30.00"])
    env.sandbox.addFault({ operation: "createCharge", kind: "simulate", simulationCode: "HardDeclined", times: 1 })
    await expect(capture(ref, data, "capt_declined", "30.00", { capt_0: "30.00" })).rejects.toThrow(/HardDeclined.*no longer chargeable/)
    expect(ledger(data).captured).toBe("30.00")
  })

  it("capture: a later partial capture is never recorded on a pending authorization that Amazon may still decline", async () => {
    // canHandlePendingAuthorization lets Amazon answer Create Charge with AuthorizationInitiated;
    // Medusa's capture hook cannot take that back, so a capture asks for Amazon's synchronous answer.
    const deps = env.deps({ canHandlePendingAuthorization: true })
    const { data, ref } = await captured("100.00", ["30.00"])
    const accepted = await captureWithAmazon(deps, ref, data, { captureId: "capt_ok", amount: usd("20.00"), otherCapturesTotal: usd("30.00"), otherCaptureIds: ["capt_0"] })
    expect(accepted.charges.at(-1)).toMatchObject({ state: "Captured", medusaCaptureId: "capt_ok" })
    expect(operations(ref, "create_charge")[0].request).toMatchObject({ canHandlePendingAuthorization: false })
  })
})

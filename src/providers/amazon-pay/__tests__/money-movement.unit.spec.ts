/**
 * Capture, refund and cancel against the real sandbox over HTTP, judged by the sandbox's ledger
 * (money that really moved). Capture is driven through `captureWithAmazon` with the facts the
 * service reads from Medusa's Capture rows (medusa-capture.ts; that lookup is covered by the
 * integration tests, which run a real Medusa).
 */
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { captureWithAmazon } from "../capture"
import type { AmazonPayPaymentData } from "../payment-data"
import { usd } from "./fixtures"
import { authorizedPayment, startSandboxProvider, type SandboxProvider } from "./support/sandbox-provider"

jest.setTimeout(30_000)

describe("Amazon Pay provider: capture, refund, cancel (sandbox over HTTP)", () => {
  let env: SandboxProvider

  beforeAll(async () => {
    env = await startSandboxProvider()
  })
  afterEach(() => env.sandbox.reset())
  afterAll(() => env.close())

  const authorized = (amount: string) => authorizedPayment(env, amount)

  const ledger = (data: AmazonPayPaymentData) => env.sandbox.ledger().chargePermissions[data.chargePermissionId!]

  it("captures partially on the authorized charge, then the rest as a new charge", async () => {
    const deps = env.deps()
    let data = await authorized("100.00")
    data = await captureWithAmazon(deps, data, { captureId: "capt_1", amount: usd("30.00"), otherCapturesTotal: usd("0.00") })
    expect(data.charges[0]).toMatchObject({ state: "Captured", capturedAmount: usd("30.00"), medusaCaptureId: "capt_1" })
    data = await captureWithAmazon(deps, data, { captureId: "capt_2", amount: usd("70.00"), otherCapturesTotal: usd("30.00") })
    expect(data.charges).toHaveLength(2)
    expect(data.charges[1]).toMatchObject({ state: "Captured", capturedAmount: usd("70.00"), medusaCaptureId: "capt_2" })
    expect(ledger(data).captured).toBe("100.00")
  })

  it("treats a capture id it already recorded as done (Medusa calls again after a captured webhook)", async () => {
    const deps = env.deps()
    let data = await authorized("40.00")
    data = await captureWithAmazon(deps, data, { captureId: "capt_1", amount: usd("40.00"), otherCapturesTotal: usd("0.00") })
    const again = await captureWithAmazon(deps, data, { captureId: "capt_1", amount: usd("40.00"), otherCapturesTotal: usd("0.00") })
    expect(again).toEqual(data)
    expect(ledger(data).captured).toBe("40.00")
  })

  it("never captures twice when a lost response is retried under a new Medusa capture id (issue 16292)", async () => {
    const deps = env.deps()
    const beforeCapture = await authorized("80.00")
    // The first attempt reached Amazon but Medusa never saw the answer (so it kept the old data).
    await captureWithAmazon(deps, beforeCapture, { captureId: "capt_lost", amount: usd("80.00"), otherCapturesTotal: usd("0.00") })
    const retried = await captureWithAmazon(deps, beforeCapture, {
      captureId: "capt_retry",
      amount: usd("80.00"),
      otherCapturesTotal: usd("0.00"),
    })
    expect(retried.charges).toHaveLength(1)
    expect(retried.charges[0]).toMatchObject({ state: "Captured", medusaCaptureId: "capt_retry" })
    expect(ledger(retried).captured).toBe("80.00")
  })

  it("captures only the difference when part of a retried capture already happened", async () => {
    const deps = env.deps()
    const beforeCapture = await authorized("100.00")
    await captureWithAmazon(deps, beforeCapture, { captureId: "capt_lost", amount: usd("50.00"), otherCapturesTotal: usd("0.00") })
    const retried = await captureWithAmazon(deps, beforeCapture, {
      captureId: "capt_retry",
      amount: usd("60.00"),
      otherCapturesTotal: usd("0.00"),
    })
    expect(ledger(retried).captured).toBe("60.00")
  })

  it("refuses to capture more than was authorized and moves no money", async () => {
    const deps = env.deps()
    let data = await authorized("20.00")
    data = await captureWithAmazon(deps, data, { captureId: "capt_1", amount: usd("20.00"), otherCapturesTotal: usd("0.00") })
    const error = await captureWithAmazon(deps, data, { captureId: "capt_2", amount: usd("5.00"), otherCapturesTotal: usd("20.00") }).catch(
      (e) => e
    )
    expect(error).toBeInstanceOf(MedusaError)
    expect(ledger(data).captured).toBe("20.00")
  })

  it("spreads a refund newest charge first, records each piece, and ignores a repeated refund id", async () => {
    const deps = env.deps()
    const provider = env.provider()
    let data = await authorized("100.00")
    data = await captureWithAmazon(deps, data, { captureId: "capt_1", amount: usd("60.00"), otherCapturesTotal: usd("0.00") })
    data = await captureWithAmazon(deps, data, { captureId: "capt_2", amount: usd("40.00"), otherCapturesTotal: usd("60.00") })
    const refunded = await provider.refundPayment({
      amount: { value: "55.5", precision: 20 },
      data,
      context: { idempotency_key: "ref_1" },
    })
    const refunds = (refunded.data as AmazonPayPaymentData).refunds
    expect(refunds.map((r) => [r.chargeId, r.amount.amount, r.medusaRefundId])).toEqual([
      [data.charges[1].chargeId, "40.00", "ref_1"],
      [data.charges[0].chargeId, "15.50", "ref_1"],
    ])
    expect(refunds.every((r) => r.state === "RefundInitiated")).toBe(true)
    const again = await provider.refundPayment({ amount: 55.5, data: refunded.data, context: { idempotency_key: "ref_1" } })
    expect((again.data as AmazonPayPaymentData).refunds).toHaveLength(2)
    env.sandbox.advanceClock(61_000)
    expect(ledger(data).refunded).toBe("55.50")
  })

  it("cancels an authorized payment by canceling the charge and closing the permission; twice is fine", async () => {
    const provider = env.provider()
    const data = await authorized("15.00")
    const canceled = await provider.cancelPayment({ data, context: { idempotency_key: "pay_1" } })
    const result = canceled.data as AmazonPayPaymentData
    expect(result.charges[0].state).toBe("Canceled")
    expect(result.chargePermissionState).toBe("Closed")
    await expect(provider.cancelPayment({ data: result })).resolves.toBeDefined()
    await expect(provider.cancelPayment({ data })).resolves.toBeDefined()
    expect(ledger(data).captured).toBe("0.00")
  })

  it("after a partial capture, cancel closes the permission so the rest is released", async () => {
    const deps = env.deps()
    const provider = env.provider()
    let data = await authorized("100.00")
    data = await captureWithAmazon(deps, data, { captureId: "capt_1", amount: usd("30.00"), otherCapturesTotal: usd("0.00") })
    const canceled = (await provider.cancelPayment({ data })).data as AmazonPayPaymentData
    expect(canceled.chargePermissionState).toBe("Closed")
    expect(canceled.charges[0].state).toBe("Captured")
    const status = await provider.getPaymentStatus({ data: canceled })
    expect(status.status).toBe(PaymentSessionStatus.CAPTURED)
    expect(ledger(data).captured).toBe("30.00")
  })

  it("reports live status and data: authorized, then captured", async () => {
    const deps = env.deps()
    const provider = env.provider()
    const data = await authorized("12.00")
    expect((await provider.getPaymentStatus({ data })).status).toBe(PaymentSessionStatus.AUTHORIZED)
    await captureWithAmazon(deps, data, { captureId: "capt_1", amount: usd("12.00"), otherCapturesTotal: usd("0.00") })
    // Stale data in, Amazon's live state out.
    const retrieved = (await provider.retrievePayment({ data })).data as AmazonPayPaymentData
    expect(retrieved.charges[0].state).toBe("Captured")
    expect((await provider.getPaymentStatus({ data })).status).toBe(PaymentSessionStatus.CAPTURED)
  })
})

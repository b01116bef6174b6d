/**
 * Capture, refund and cancel against the real sandbox over HTTP, judged by the sandbox's ledger
 * (money that really moved). Captures and refunds are driven through the logic (`captureWithAmazon`,
 * `refundWithAmazon`) with the facts the service reads from Medusa's rows (medusa-rows.ts; that
 * lookup is covered by the integration tests, which run a real Medusa).
 */
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { captureWithAmazon, type CaptureRequest } from "../capture"
import type { PaymentRef } from "../journal/journaled-call"
import type { AmazonPayPaymentData } from "../payment-data"
import { refundWithAmazon } from "../refund"
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

  const ledger = (data: AmazonPayPaymentData) => env.sandbox.ledger().chargePermissions[data.chargePermissionId!]
  const capture = (ref: PaymentRef, data: AmazonPayPaymentData, captureId: string, amount: string, others: string[] = []) => {
    const request: CaptureRequest = {
      captureId,
      amount: usd(amount),
      otherCapturesTotal: usd((others.reduce((sum, a) => sum + Number(a.replace(".", "")), 0) / 100).toFixed(2)),
      otherCaptureIds: others.map((_, i) => `capt_other_${i}`),
    }
    return captureWithAmazon(env.deps(), ref, data, request)
  }

  it("captures partially on the authorized charge, then the rest as a new charge", async () => {
    const { data: authorized, ref } = await authorizedPayment(env, "100.00")
    let data = await capture(ref, authorized, "capt_1", "30.00")
    expect(data.charges[0]).toMatchObject({ state: "Captured", capturedAmount: usd("30.00"), medusaCaptureId: "capt_1" })
    data = await capture(ref, data, "capt_2", "70.00", ["30.00"])
    expect(data.charges).toHaveLength(2)
    expect(data.charges[1]).toMatchObject({ state: "Captured", capturedAmount: usd("70.00"), medusaCaptureId: "capt_2" })
    expect(ledger(data).captured).toBe("100.00")
  })

  it("treats a capture id it already recorded as done (Medusa calls again after a captured webhook)", async () => {
    const { data: authorized, ref } = await authorizedPayment(env, "40.00")
    const data = await capture(ref, authorized, "capt_1", "40.00")
    env.sandbox.clearRequestCounts()
    expect(await capture(ref, data, "capt_1", "40.00")).toEqual(data)
    expect(env.sandbox.requestCounts()).toEqual({})
    expect(ledger(data).captured).toBe("40.00")
  })

  it("attributes money Amazon captured that no other Medusa capture accounts for, and captures only the difference", async () => {
    const { data: authorized, ref } = await authorizedPayment(env, "100.00")
    // A capture of 50 reached Amazon, then Medusa deleted its row (the provider threw afterwards).
    await capture(ref, authorized, "capt_deleted", "50.00")
    const retried = await capture(ref, authorized, "capt_retry", "60.00")
    expect(ledger(retried).captured).toBe("60.00")
    expect(retried.charges.map((c) => c.medusaCaptureId)).toEqual(["capt_deleted", "capt_retry"])
  })

  it("refuses to capture more than was authorized and moves no money", async () => {
    const { data: authorized, ref } = await authorizedPayment(env, "20.00")
    const data = await capture(ref, authorized, "capt_1", "20.00")
    const error = await capture(ref, data, "capt_2", "5.00", ["20.00"]).catch((e) => e)
    expect(error).toBeInstanceOf(MedusaError)
    expect(ledger(data).captured).toBe("20.00")
  })

  it("spreads a refund newest charge first, records each piece, and ignores a repeated refund id", async () => {
    const { data: authorized, ref } = await authorizedPayment(env, "100.00")
    let data = await capture(ref, authorized, "capt_1", "60.00")
    data = await capture(ref, data, "capt_2", "40.00", ["60.00"])
    const refunded = await refundWithAmazon(env.deps(), ref, data, { refundId: "ref_1", amount: usd("55.50"), liveRefundIds: ["ref_1"] })
    expect(refunded.refunds.map((r) => [r.chargeId, r.amount.amount, r.medusaRefundId])).toEqual([
      [data.charges[1].chargeId, "40.00", "ref_1"],
      [data.charges[0].chargeId, "15.50", "ref_1"],
    ])
    expect(refunded.refunds.every((r) => r.state === "RefundInitiated")).toBe(true)
    const again = await refundWithAmazon(env.deps(), ref, refunded, { refundId: "ref_1", amount: usd("55.50"), liveRefundIds: ["ref_1"] })
    expect(again.refunds).toHaveLength(2)
    env.sandbox.advanceClock(61_000)
    expect(ledger(data).refunded).toBe("55.50")
  })

  it("cancels an authorized payment by canceling the charge and closing the permission; twice is fine", async () => {
    const provider = env.provider()
    const { data } = await authorizedPayment(env, "15.00", provider)
    const canceled = await provider.cancelPayment({ data: data as never, context: { idempotency_key: "pay_1" } })
    const result = canceled.data as unknown as AmazonPayPaymentData
    expect(result.charges[0].state).toBe("Canceled")
    expect(result.chargePermissionState).toBe("Closed")
    await expect(provider.cancelPayment({ data: result as never })).resolves.toBeDefined()
    await expect(provider.cancelPayment({ data: data as never })).resolves.toBeDefined()
    expect(ledger(data).captured).toBe("0.00")
    const kinds = env.journal.operations.filter((o) => o.payment_collection_id === data.paymentCollectionId).map((o) => `${o.kind}:${o.status}`)
    expect(kinds).toEqual(["complete_checkout:succeeded", "cancel_charge:succeeded", "close_charge_permission:succeeded"])
  })

  it("after a partial capture, cancel closes the permission so the rest is released", async () => {
    const provider = env.provider()
    const { data: authorized, ref } = await authorizedPayment(env, "100.00", provider)
    const data = await capture(ref, authorized, "capt_1", "30.00")
    const canceled = (await provider.cancelPayment({ data: data as never })).data as unknown as AmazonPayPaymentData
    expect(canceled.chargePermissionState).toBe("Closed")
    expect(canceled.charges[0].state).toBe("Captured")
    expect((await provider.getPaymentStatus({ data: canceled as never })).status).toBe(PaymentSessionStatus.CAPTURED)
    expect(ledger(data).captured).toBe("30.00")
  })

  it("reports live status and data: authorized, then captured", async () => {
    const provider = env.provider()
    const { data, ref } = await authorizedPayment(env, "12.00", provider)
    expect((await provider.getPaymentStatus({ data: data as never })).status).toBe(PaymentSessionStatus.AUTHORIZED)
    await capture(ref, data, "capt_1", "12.00")
    // Stale data in, Amazon's live state out.
    const retrieved = (await provider.retrievePayment({ data: data as never })).data as unknown as AmazonPayPaymentData
    expect(retrieved.charges[0].state).toBe("Captured")
    expect((await provider.getPaymentStatus({ data: data as never })).status).toBe(PaymentSessionStatus.CAPTURED)
  })
})

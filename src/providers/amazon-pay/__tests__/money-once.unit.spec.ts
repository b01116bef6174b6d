/**
 * Money moves once even when Amazon applied an operation whose answer never arrived after all of
 * the client's retries (sandbox fault `commitThenDrop` for more calls than `retry.maxAttempts`).
 * Medusa then deletes its Refund/Capture row and the admin tries again under a NEW Medusa id with
 * the payment data from before the lost call; the sandbox ledger says what really moved.
 */
import type { AmazonPayProviderService } from "../service"
import { captureWithAmazon } from "../capture"
import type { AmazonPayPaymentData } from "../payment-data"
import { usd } from "./fixtures"
import { authorizedPayment, startSandboxProvider, type SandboxProvider } from "./support/sandbox-provider"

jest.setTimeout(30_000)

/** The support provider retries 3 times: 4 lost answers outlast them. */
const BEYOND_RETRIES = 4

describe("Amazon Pay provider: money moves once across lost answers (sandbox over HTTP)", () => {
  let env: SandboxProvider

  beforeAll(async () => {
    env = await startSandboxProvider()
  })
  afterEach(() => env.sandbox.reset())
  afterAll(() => env.close())

  const ledger = (data: AmazonPayPaymentData) => env.sandbox.ledger().chargePermissions[data.chargePermissionId!]
  const refunds = (data: AmazonPayPaymentData) => ledger(data).refunds.map((r) => [r.chargeId, r.refundAmount])

  async function captured(amounts: string[], total: string): Promise<AmazonPayPaymentData> {
    const deps = env.deps()
    let data = await authorizedPayment(env, total)
    let before = 0n
    for (const [index, amount] of amounts.entries()) {
      data = await captureWithAmazon(deps, data, {
        captureId: `capt_${index}`,
        amount: usd(amount),
        otherCapturesTotal: usd((Number(before) / 100).toFixed(2)),
      })
      before += BigInt(amount.replace(".", ""))
    }
    return data
  }

  async function refund(provider: AmazonPayProviderService, data: AmazonPayPaymentData, id: string, amount: string) {
    const result = await provider.refundPayment({ amount: { value: amount, precision: 20 }, data, context: { idempotency_key: id } })
    return result.data as AmazonPayPaymentData
  }

  async function lostRefund(provider: AmazonPayProviderService, data: AmazonPayPaymentData, id: string, amount: string) {
    env.sandbox.addFault({ operation: "createRefund", kind: "commitThenDrop", times: BEYOND_RETRIES })
    await expect(refund(provider, data, id, amount)).rejects.toThrow(/Amazon Pay could not refund the charge/)
    env.sandbox.clearFaults()
  }

  it("refund: a refund Amazon committed but never answered is not issued again under a new Medusa refund id", async () => {
    const provider = env.provider()
    const data = await captured(["50.00"], "50.00")
    await lostRefund(provider, data, "ref_lost", "20.00")
    // Medusa deleted ref_lost; the admin refunds again, with the payment data from before.
    const retried = await refund(provider, data, "ref_retry", "20.00")
    expect(retried.refunds).toHaveLength(1)
    expect(retried.refunds[0]).toMatchObject({ amount: usd("20.00"), medusaRefundId: "ref_retry" })
    expect(refunds(data)).toEqual([[data.charges[0].chargeId, "20.00"]])
  })

  it("refund: the retry finds the same refund after the lost one settled, even when that changed what is refundable", async () => {
    const provider = env.provider()
    // Two captures: 40.00 (newest) takes the refund; once Amazon settles it, Amazon's refundedAmount
    // on that charge says only 10.00 is left there, which must not split the retry differently.
    const data = await captured(["60.00", "40.00"], "100.00")
    await lostRefund(provider, data, "ref_lost", "30.00")
    env.sandbox.advanceClock(61_000)
    const retried = await refund(provider, data, "ref_retry", "30.00")
    expect(retried.refunds.map((r) => r.amount.amount)).toEqual(["30.00"])
    expect(refunds(data)).toEqual([[data.charges[1].chargeId, "30.00"]])
    expect(ledger(data).refunded).toBe("30.00")
  })

  it("refund: two legitimate equal partial refunds are two Amazon refunds", async () => {
    const provider = env.provider()
    const data = await captured(["50.00"], "50.00")
    const first = await refund(provider, data, "ref_1", "10.00")
    const second = await refund(provider, first, "ref_2", "10.00")
    expect(second.refunds.map((r) => r.medusaRefundId)).toEqual(["ref_1", "ref_2"])
    expect(refunds(data)).toHaveLength(2)
    env.sandbox.advanceClock(61_000)
    expect(ledger(data).refunded).toBe("20.00")
  })

  it("refund: after Amazon declined a refund, the same amount again is a new Amazon refund", async () => {
    const provider = env.provider()
    const data = await captured(["50.00"], "50.00")
    const first = await refund(provider, data, "ref_1", "10.00")
    // What the refund IPN records when Amazon declines the refund (webhooks/apply-plan.ts).
    const declined = { ...first, refunds: first.refunds.map((r) => ({ ...r, state: "Declined", reasonCode: "AmazonRejected" })) }
    const again = await refund(provider, declined, "ref_2", "10.00")
    expect(again.refunds).toHaveLength(2)
    expect(new Set(again.refunds.map((r) => r.refundId)).size).toBe(2)
    expect(refunds(data)).toHaveLength(2)
  })

  it("capture: a second partial capture (Create Charge) Amazon committed but never answered is not captured again", async () => {
    const deps = env.deps()
    const data = await captured(["30.00"], "100.00")
    env.sandbox.addFault({ operation: "createCharge", kind: "commitThenDrop", times: BEYOND_RETRIES })
    await expect(
      captureWithAmazon(deps, data, { captureId: "capt_lost", amount: usd("30.00"), otherCapturesTotal: usd("30.00") })
    ).rejects.toThrow(/Amazon Pay could not create a charge/)
    env.sandbox.clearFaults()
    const retried = await captureWithAmazon(deps, data, {
      captureId: "capt_retry",
      amount: usd("30.00"),
      otherCapturesTotal: usd("30.00"),
    })
    expect(retried.charges).toHaveLength(2)
    expect(retried.charges[1]).toMatchObject({ state: "Captured", medusaCaptureId: "capt_retry" })
    expect(ledger(data).captured).toBe("60.00")
    // A legitimate third capture of the same amount still happens.
    const third = await captureWithAmazon(deps, retried, { captureId: "capt_3", amount: usd("30.00"), otherCapturesTotal: usd("60.00") })
    expect(third.charges).toHaveLength(3)
    expect(ledger(data).captured).toBe("90.00")
  })

  it("capture: a later partial capture is never recorded on a pending authorization that Amazon may still decline", async () => {
    // canHandlePendingAuthorization lets Amazon answer Create Charge with AuthorizationInitiated;
    // Medusa's capture hook cannot take that back, so a capture must ask for Amazon's synchronous answer.
    const deps = env.deps({ canHandlePendingAuthorization: true })
    const data = await captured(["30.00"], "100.00")
    // SoftDeclined keeps the permission Chargeable (a HardDeclined one would close it to captures).
    env.sandbox.addFault({ operation: "createCharge", kind: "simulate", simulationCode: "SoftDeclined" })
    await expect(
      captureWithAmazon(deps, data, { captureId: "capt_declined", amount: usd("30.00"), otherCapturesTotal: usd("30.00") })
    ).rejects.toThrow(/did not capture: charge \S+ is Declined \(SoftDeclined\)/)
    const accepted = await captureWithAmazon(deps, data, { captureId: "capt_ok", amount: usd("20.00"), otherCapturesTotal: usd("30.00") })
    expect(accepted.charges.at(-1)).toMatchObject({ state: "Captured", medusaCaptureId: "capt_ok" })
    expect(ledger(data).captured).toBe("50.00")
  })
})

/**
 * Answers lost after Amazon applied the operation (the sandbox's `commitThenDrop` fault), with the
 * client's retries off so the provider's own reconciliation is what is tested: the Medusa retry
 * must find the money where Amazon put it, never move it twice.
 */
import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { captureWithAmazon } from "../capture"
import type { AmazonPayPaymentData } from "../payment-data"
import { usd } from "./fixtures"
import { authorizedPayment, expressCheckout, startSandboxProvider, type SandboxProvider } from "./support/sandbox-provider"

jest.setTimeout(30_000)

describe("Amazon Pay provider: lost responses (sandbox faults over HTTP)", () => {
  let env: SandboxProvider

  beforeAll(async () => {
    env = await startSandboxProvider()
  })
  afterEach(() => env.sandbox.reset())
  afterAll(() => env.close())

  it("authorize: a Complete whose answer was lost is found Completed and recorded on the retry", async () => {
    const provider = env.provider({ retry: false })
    const data = await expressCheckout(env, provider, "42.00")
    env.sandbox.addFault({ operation: "completeCheckoutSession", kind: "commitThenDrop", times: 1 })
    const result = await provider.authorizePayment({ data, context: { idempotency_key: "payses_second" } })
    expect(result.status).toBe(PaymentSessionStatus.AUTHORIZED)
    const authorized = result.data as AmazonPayPaymentData
    expect(authorized.charges).toHaveLength(1)
    expect(env.sandbox.ledger().chargePermissions[authorized.chargePermissionId!].charges).toHaveLength(1)
  })

  it("capture: a Capture Charge whose answer was lost fails, and Medusa's retry (new capture id) does not capture again", async () => {
    const provider = env.provider({ retry: false })
    const deps = env.deps({ retry: false })
    const authorized = await authorizedPayment(env, "90.00", provider)
    env.sandbox.addFault({ operation: "captureCharge", kind: "commitThenDrop", times: 1 })
    await expect(
      captureWithAmazon(deps, authorized, { captureId: "capt_first", amount: usd("90.00"), otherCapturesTotal: usd("0.00") })
    ).rejects.toThrow(/Amazon Pay could not capture the charge/)
    // Medusa deleted capt_first and the admin captures again: the payment data is still the old one.
    const retried = await captureWithAmazon(deps, authorized, {
      captureId: "capt_second",
      amount: usd("90.00"),
      otherCapturesTotal: usd("0.00"),
    })
    expect(retried.charges[0]).toMatchObject({ state: "Captured", medusaCaptureId: "capt_second" })
    expect(env.sandbox.ledger().chargePermissions[authorized.chargePermissionId!].captured).toBe("90.00")
  })

  it("capture: with the client's retries on, the same idempotency key replays Amazon's stored answer", async () => {
    const authorized = await authorizedPayment(env, "33.00")
    env.sandbox.addFault({ operation: "captureCharge", kind: "commitThenDrop", times: 1 })
    const captured = await captureWithAmazon(env.deps(), authorized, {
      captureId: "capt_1",
      amount: usd("33.00"),
      otherCapturesTotal: usd("0.00"),
    })
    expect(captured.charges[0]).toMatchObject({ state: "Captured", medusaCaptureId: "capt_1" })
    expect(env.sandbox.ledger().chargePermissions[authorized.chargePermissionId!].captured).toBe("33.00")
  })
})

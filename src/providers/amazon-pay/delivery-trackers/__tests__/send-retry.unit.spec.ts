/**
 * Sending delivery trackers against the real sandbox over HTTP (journal in memory, Medusa's
 * in-memory lock): lost answers, the client's own resend, the polling job's bounded resends.
 */
import { authorizedPayment, startSandboxProvider, type SandboxProvider } from "../../__tests__/support/sandbox-provider"
import type { PaymentRef } from "../../journal/journaled-call"
import { earlierSendArrived, retryDeliveryTracker } from "../retry"
import { sendDeliveryTrackers } from "../send"

const hints = { providerId: "manual_manual", shippingOptionName: "UPS Ground" }

describe("delivery trackers: sending", () => {
  let env: SandboxProvider
  let ref: PaymentRef
  let permissionId: string

  beforeAll(async () => {
    env = await startSandboxProvider()
  })
  afterAll(async () => {
    await env.close()
  })
  beforeEach(async () => {
    env.sandbox.clearFaults()
    const paid = await authorizedPayment(env, "60.00")
    ref = paid.ref
    permissionId = paid.data.chargePermissionId as string
  })

  const calls = async () => (await env.journal.operationsOf(ref.paymentCollectionId)).filter((op) => op.kind === "create_delivery_tracker")
  const atAmazon = () => env.sandbox.deliveryTrackers().filter((t) => t.chargePermissionId === permissionId)

  it("an answer lost on the way back: the client's resend carries the call's key and gets Amazon's first answer", async () => {
    env.sandbox.addFault({ operation: "createDeliveryTracker", kind: "commitThenDrop", times: 1 })
    const lines = await sendDeliveryTrackers(env.deps(), ref, permissionId, { fulfillmentId: "ful_1", trackingNumbers: ["DROP-1"], hints })
    expect(lines).toEqual(["DROP-1: sent (UPS)"])
    const [call] = await calls()
    expect(call).toMatchObject({ status: "succeeded", medusa_ref_id: "ful_1", idempotency_key: expect.stringMatching(/^dt-/) })
    expect(atAmazon().map((t) => [t.trackingNumber, t.carrierCode])).toEqual([["DROP-1", "UPS"]])
  })

  it("every answer of a send lost: the polling job's resend with the same key settles it, nothing is sent twice", async () => {
    env.sandbox.addFault({ operation: "createDeliveryTracker", kind: "commitThenDrop", times: 3 })
    const deps = env.deps()
    expect(await sendDeliveryTrackers(deps, ref, permissionId, { fulfillmentId: "ful_1", trackingNumbers: ["DROP-2"], hints })).toEqual([
      "DROP-2: no answer; retried by the polling job",
    ])
    expect(await retryDeliveryTracker(deps, (await calls())[0])).toBe("sent (attempt 2)")
    expect((await calls())[0]).toMatchObject({ status: "succeeded", attempt: 2 })
    expect(atAmazon()).toHaveLength(1)
  })

  it("a refusal as used number after a send without an answer means that send arrived; other refusals do not", () => {
    expect(earlierSendArrived({ status: "failed", reason_code: "InvalidParameterValue", message: "trackingNumber X was already used" })).toBe(true)
    expect(earlierSendArrived({ status: "failed", reason_code: "InvalidParameterValue", message: "carrierCode PIGEON is not a supported carrier code" })).toBe(false)
    expect(earlierSendArrived({ status: "unknown", reason_code: "ServiceUnavailable", message: "already used" })).toBe(false)
  })

  it("the polling job resends a tracker whose send met only 503s", async () => {
    // Every attempt of the first send (3 with the test client's policy) is answered 503: nothing applied.
    env.sandbox.addFault({ operation: "createDeliveryTracker", kind: "status", status: 503, times: 3 })
    const deps = env.deps({ deliveryTrackers: { maxAttempts: 2 } })
    expect(await sendDeliveryTrackers(deps, ref, permissionId, { fulfillmentId: "ful_1", trackingNumbers: ["LOST-1"], hints })).toEqual([
      "LOST-1: no answer; retried by the polling job",
    ])
    const [lost] = await calls()
    expect(lost).toMatchObject({ status: "unknown", attempt: 1 })
    expect(await retryDeliveryTracker(deps, lost)).toBe("sent (attempt 2)")
    expect(await retryDeliveryTracker(deps, (await calls())[0])).toBe("already settled")
    expect(atAmazon()).toHaveLength(1)
  })

  it("gives up after maxAttempts sends without an answer, and a redelivered shipment does not send it again", async () => {
    env.sandbox.addFault({ operation: "createDeliveryTracker", kind: "status", status: 503, times: 6 })
    const deps = env.deps({ deliveryTrackers: { maxAttempts: 2 } })
    const shipment = { fulfillmentId: "ful_1", trackingNumbers: ["GONE-1"], hints }
    await sendDeliveryTrackers(deps, ref, permissionId, shipment)
    expect(await retryDeliveryTracker(deps, (await calls())[0])).toBe("no answer (attempt 2)")
    expect(await retryDeliveryTracker(deps, (await calls())[0])).toBe("given up after 2 attempt(s)")
    expect((await calls())[0]).toMatchObject({ status: "failed", attempt: 2 })
    expect(await sendDeliveryTrackers(deps, ref, permissionId, shipment)).toEqual(["GONE-1: refused by Amazon before"])
    expect(atAmazon()).toEqual([])
  })

  it("off: nothing is sent", async () => {
    const deps = env.deps({ deliveryTrackers: false })
    expect(await sendDeliveryTrackers(deps, ref, permissionId, { fulfillmentId: "ful_1", trackingNumbers: ["OFF-1"], hints })).toEqual([])
    expect(await calls()).toEqual([])
  })
})

/**
 * Issue 10, hostile storefronts: a storefront is untrusted input. One that hands in another buyer's
 * Amazon checkout, or writes the provider's internal fields into its payment session data, must not
 * move or count anyone's money: the attempt is refused (4xx) or the fields are dropped, the other
 * buyer's checkout stays as it was at Amazon and can still be completed, and every order's Medusa
 * totals equal what Amazon moved on that order's own charge permission (found from Amazon, never
 * from the payment data: amazon-pay-audit.ts).
 *
 * Each test gathers what happened into one object and compares it once, so a failure shows every
 * broken promise of the scenario, not only the first.
 */
import {
  AMAZON_PAY_PROVIDER_ID,
  auditOrders,
  describeOutcome,
  inParallel,
  isClientError,
  outcomeOf,
  placeAmazonPayOrder,
  readyCarts,
  startAmazonPayCheckout,
  type CompleteCartResult,
  type Outcome,
  type PlacedOrder,
} from "../../tools/test-kit"
import { amazonPayStoreSuite } from "../../tools/test-kit/amazon-pay-suite"

jest.setTimeout(120_000)

const PENDING_DELAY_MS = 60_000
const A_RESULT_URL = "http://localhost:8000/buyer-a/checkout/amazon-pay/result"
const B_RESULT_URL = "https://attacker.example/checkout/amazon-pay/result"

/** How far buyer A got with its Amazon checkout when the hostile storefront B acts. */
type Stage = "on Amazon's page" | "confirmed on Amazon, cart not completed" | "completed"

const describeCompletion = (outcome: Outcome<CompleteCartResult>) =>
  outcome.ok ? (outcome.value.type === "order" ? "order" : `200 cart: ${outcome.value.error.message}`) : describeOutcome(outcome)

amazonPayStoreSuite({ pendingDelayMs: PENDING_DELAY_MS }, (suite) => {
  // A: 60, B: 60 (A's total) or 110 (another total).
  const carts = readyCarts(suite, { a: { quantity: 1 }, b: { quantity: 1 }, b110: { quantity: 2 } })
  const cartOfB = (quantity: number) => (quantity === 1 ? carts().b : carts().b110)
  const settle = () => suite.sandbox.advanceClock(PENDING_DELAY_MS + 1000)

  /** Captures each placed order in full from the admin; answers per label ("captured" or the refusal). */
  async function captureAll(orders: PlacedOrder[]): Promise<Record<string, string>> {
    const answers: Record<string, string> = {}
    for (const { label, orderId } of orders) {
      const [payment] = await suite.ctx.admin.payments(orderId)
      const outcome = await outcomeOf(suite.ctx.admin.capture(payment.id))
      answers[label] = outcome.ok ? "captured" : describeOutcome(outcome)
    }
    return answers
  }

  interface CrossCartCase {
    totals: string
    /** Cart B's quantity: 1 is A's total (60), 2 another one (110). */
    bQuantity: number
    stage: Stage
    /** The field B hands A's checkout id in: the documented one, or the provider's internal name. */
    key: "amazonCheckoutSessionId" | "checkoutSessionId"
  }

  describe.each<CrossCartCase>([
    { totals: "equal totals", bQuantity: 1, stage: "on Amazon's page", key: "amazonCheckoutSessionId" },
    { totals: "equal totals", bQuantity: 1, stage: "confirmed on Amazon, cart not completed", key: "amazonCheckoutSessionId" },
    { totals: "equal totals", bQuantity: 1, stage: "completed", key: "amazonCheckoutSessionId" },
    { totals: "different totals", bQuantity: 2, stage: "on Amazon's page", key: "amazonCheckoutSessionId" },
    { totals: "different totals", bQuantity: 2, stage: "confirmed on Amazon, cart not completed", key: "amazonCheckoutSessionId" },
    { totals: "different totals", bQuantity: 2, stage: "completed", key: "amazonCheckoutSessionId" },
    { totals: "equal totals", bQuantity: 1, stage: "confirmed on Amazon, cart not completed", key: "checkoutSessionId" },
  ])("cart B hands in cart A's Amazon checkout as $key ($totals) while A is $stage", ({ bQuantity, stage, key }) => {
    it("B is refused, A's checkout is untouched at Amazon and A completes; Medusa equals Amazon per order", async () => {
      const { storefront } = suite.ctx
      const cartA = carts().a
      const b = cartOfB(bQuantity)
      const { checkoutSessionId } = await startAmazonPayCheckout(storefront, suite.sandbox, cartA.id, { data: { checkoutResultReturnUrl: A_RESULT_URL } })
      // Where A's storefront had Amazon send its buyer (A_RESULT_URL, unless the provider does not take overrides).
      const aResultUrl = (await suite.amazon.checkout(checkoutSessionId)).resultUrl as string
      const placed: PlacedOrder[] = []
      let aReturnedTo: string | null = null
      let aCompletion: Outcome<CompleteCartResult> | null = null
      const completeA = async () => {
        aCompletion = await outcomeOf(storefront.completeCart(cartA.id))
        if (aCompletion.ok && aCompletion.value.type === "order") {
          placed.push({ label: "A", orderId: aCompletion.value.order.id, checkoutSessionId })
        }
      }
      if (stage !== "on Amazon's page") {
        aReturnedTo = (await suite.sandbox.approve(checkoutSessionId, "success")).redirectUrl
      }
      if (stage === "completed") {
        await completeA()
      }
      const aBefore = await suite.amazon.checkout(checkoutSessionId)

      // The hostile storefront: its own cart, A's checkout id, its own result URL.
      const bInitiate = await outcomeOf(
        storefront.initiatePaymentSession(b.id, AMAZON_PAY_PROVIDER_ID, { [key]: checkoutSessionId, checkoutResultReturnUrl: B_RESULT_URL })
      )
      const bCompletion = await outcomeOf(storefront.completeCart(b.id))
      if (bCompletion.ok && bCompletion.value.type === "order") {
        placed.push({ label: "B", orderId: bCompletion.value.order.id, checkoutSessionId })
      }
      const aAfter = await suite.amazon.checkout(checkoutSessionId)

      // Buyer A goes on as if nothing happened.
      if (stage === "on Amazon's page") {
        aReturnedTo = (await suite.sandbox.approve(checkoutSessionId, "success")).redirectUrl
      }
      if (stage !== "completed") {
        await completeA()
      }
      const captures = await captureAll(placed)
      const audit = await auditOrders(suite.ctx, suite.amazon, placed)

      expect({
        bAnswers: { initiate: describeOutcome(bInitiate), complete: describeCompletion(bCompletion) },
        bRefusedWith4xx: isClientError(bInitiate) || isClientError(bCompletion),
        bPlacedAnOrder: placed.some((p) => p.label === "B"),
        aCheckoutAtAmazon: aAfter,
        // Amazon appends amazonCheckoutSessionId to the result URL: shown as the bare URL when it is A's.
        aBuyerReturnedTo: aReturnedTo?.startsWith(aResultUrl) ? aResultUrl : aReturnedTo,
        aCompletion: aCompletion ? describeCompletion(aCompletion) : null,
        captures,
        audit,
      }).toEqual({
        bAnswers: expect.anything(),
        bRefusedWith4xx: true,
        bPlacedAnOrder: false,
        aCheckoutAtAmazon: aBefore,
        aBuyerReturnedTo: aResultUrl,
        aCompletion: "order",
        captures: { A: "captured" },
        audit: { mismatches: [], shared: [] },
      })
    })
  })

  it("internal fields injected by a storefront are not stored and move nobody's money", async () => {
    const { storefront, admin } = suite.ctx
    // Buyer A: an order captured in full, so A has a Captured charge a hostile storefront can name.
    const a = await placeAmazonPayOrder(suite.ctx, suite.sandbox, { cart: carts().a })
    await admin.capture(a.payment.id)
    const aLedgerBefore = await suite.amazon.ledgerOfCheckout(a.checkoutSessionId)
    const aPermissionId = aLedgerBefore.chargePermissionId
    const [aCharge] = aLedgerBefore.charges
    const usd = (amount: string) => ({ amount, currencyCode: "USD" })
    const injected = {
      charges: [
        {
          chargeId: aCharge.chargeId,
          amount: usd(aCharge.chargeAmount),
          state: "Captured",
          reasonCode: null,
          capturedAmount: usd(aCharge.captureAmount as string),
          refundedAmount: null,
          createdAt: new Date().toISOString(),
        },
      ],
      chargePermissionId: aPermissionId,
      chargePermissionState: "Chargeable",
      refunds: [
        { refundId: "S01-0000000-0000000-R000001", chargeId: aCharge.chargeId, amount: usd("5.00"), state: "Refunded", reasonCode: null, medusaRefundId: "ref_injected" },
      ],
      chargeAmount: usd("1.00"),
      session_id: "payses_injected",
      amazonPayMode: "on_authorize",
      foo: "bar",
    }

    // Storefront B: its own checkout, with the injected fields next to its own checkout id.
    const cartB = carts().b
    const button = (await storefront.initiatePaymentSession(cartB.id, AMAZON_PAY_PROVIDER_ID, {})).data.button
    const { checkoutSessionId } = await suite.sandbox.clickButton(button)
    await suite.sandbox.approve(checkoutSessionId)
    const initiate = await outcomeOf(storefront.initiatePaymentSession(cartB.id, AMAZON_PAY_PROVIDER_ID, { ...injected, amazonCheckoutSessionId: checkoutSessionId }))
    if (!initiate.ok) {
      // Refusing the injected fields is as good as dropping them: B goes on without them.
      await storefront.initiatePaymentSession(cartB.id, AMAZON_PAY_PROVIDER_ID, { amazonCheckoutSessionId: checkoutSessionId })
    }
    const [storedSession] = (await storefront.getCart(cartB.id)).payment_collection.payment_sessions
    await suite.sandbox.approve(checkoutSessionId, "success")
    const completion = await storefront.completeCart(cartB.id)
    if (completion.type !== "order") {
      throw new Error(`B's own checkout failed: ${completion.error.message}`)
    }
    const [bPayment] = await admin.payments(completion.order.id)
    const bOwn = await suite.amazon.checkout(checkoutSessionId)

    // What of the injection survived: unknown keys at all; the provider's own fields only with the
    // provider's own values (absent is fine: how the provider stores its state is its business).
    const leftovers = (data: Record<string, any>, own: { sessionId: string; permissionId: string | null; chargeIds: string[] }) => {
      const present = (field: string) => data[field] !== undefined && data[field] !== null
      const found: string[] = []
      if ("foo" in data) found.push("foo")
      if ((data.charges ?? []).some((c: any) => !own.chargeIds.includes(c?.chargeId))) found.push("charges")
      if ((data.refunds ?? []).length > 0) found.push("refunds")
      if (present("chargePermissionId") && data.chargePermissionId !== own.permissionId) found.push("chargePermissionId")
      if (present("chargeAmount") && `${data.chargeAmount.amount} ${data.chargeAmount.currencyCode}` !== "60.00 USD") found.push("chargeAmount")
      if (present("session_id") && data.session_id !== own.sessionId) found.push("session_id")
      if (present("amazonPayMode") && data.amazonPayMode !== "manual") found.push("amazonPayMode")
      return found
    }

    // Admin: B captured in full, then 10 refunded; Amazon settles the refund.
    const capture = await outcomeOf(admin.capture(bPayment.id))
    const refund = await outcomeOf(admin.refund(bPayment.id, 10))
    await settle()
    const placed: PlacedOrder[] = [
      { label: "A", orderId: a.order.id, checkoutSessionId: a.checkoutSessionId },
      { label: "B", orderId: completion.order.id, checkoutSessionId },
    ]

    expect({
      initiate: initiate.ok ? "2xx" : String(initiate.status),
      leftovers: {
        session: leftovers(storedSession.data, { sessionId: storedSession.id, permissionId: null, chargeIds: [] }),
        payment: leftovers(bPayment.data, { sessionId: bPayment.payment_session_id, permissionId: bOwn.chargePermissionId, chargeIds: [bOwn.chargeId as string] }),
      },
      admin: { capture: capture.ok ? "2xx" : capture.message, refund: refund.ok ? "2xx" : refund.message },
      aLedger: await suite.amazon.ledgerOfCheckout(a.checkoutSessionId),
      audit: await auditOrders(suite.ctx, suite.amazon, placed),
    }).toEqual({
      initiate: expect.stringMatching(/^(2xx|4\d\d)$/),
      leftovers: { session: [], payment: [] },
      admin: { capture: "2xx", refund: "2xx" },
      aLedger: aLedgerBefore,
      audit: { mismatches: [], shared: [] },
    })
  })

  it("two storefronts completing carts on one Amazon checkout at the same moment: one order at most", async () => {
    const { storefront } = suite.ctx
    const { a: cartA, b: cartB } = carts()
    const { checkoutSessionId } = await startAmazonPayCheckout(storefront, suite.sandbox, cartA.id, { data: { checkoutResultReturnUrl: A_RESULT_URL } })
    await suite.sandbox.approve(checkoutSessionId, "success")
    await outcomeOf(storefront.initiatePaymentSession(cartB.id, AMAZON_PAY_PROVIDER_ID, { amazonCheckoutSessionId: checkoutSessionId }))
    const [a, b] = await inParallel([() => storefront.completeCart(cartA.id), () => storefront.completeCart(cartB.id)])
    const placed: PlacedOrder[] = []
    for (const [label, outcome] of [["A", a], ["B", b]] as const) {
      if (outcome.ok && outcome.value.type === "order") placed.push({ label, orderId: outcome.value.order.id, checkoutSessionId })
    }
    const captures = await captureAll(placed)
    expect({ orders: placed.map((p) => p.label), captures, audit: await auditOrders(suite.ctx, suite.amazon, placed) }).toEqual({
      orders: ["A"],
      captures: { A: "captured" },
      audit: { mismatches: [], shared: [] },
    })
  })
})

/**
 * The provider inside a real Medusa 2.21 (PostgreSQL) through the payment module, against the real
 * sandbox: proves what only a running Medusa can, namely that `capturePayment` finds the amount of
 * the Capture row Medusa committed (Medusa passes none), that Medusa's raw BigNumber refund amounts
 * arrive exactly, and that a capture Amazon failed leaves no Capture row behind.
 * (Store/Admin API flows are in the integration helper's specs.)
 */
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../../src/sandbox"

jest.setTimeout(120_000)

const PROVIDER_ID = "pp_amazon-pay_amazon-pay"
const credentials = generateSandboxCredentials()
let sandbox: AmazonPaySandbox
const previousEnv = { ...process.env }

// Runs before the Medusa runner's own beforeAll, so medusa-config.ts sees the provider's env.
beforeAll(async () => {
  sandbox = await startAmazonPaySandbox({ publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem } })
  Object.assign(process.env, {
    AMAZON_PAY_PUBLIC_KEY_ID: credentials.publicKeyId,
    AMAZON_PAY_PRIVATE_KEY: credentials.privateKeyPem,
    AMAZON_PAY_MERCHANT_ID: "SANDBOX-MERCHANT",
    AMAZON_PAY_STORE_ID: "amzn1.application-oa2-client.test",
    AMAZON_PAY_API_BASE_URL: sandbox.url,
    AMAZON_PAY_CHECKOUT_REVIEW_RETURN_URL: "http://localhost:8000/checkout/review",
    AMAZON_PAY_CHECKOUT_RESULT_RETURN_URL: "http://localhost:8000/checkout/result",
  })
})
afterAll(async () => {
  await sandbox?.close()
  for (const name of Object.keys(process.env).filter((n) => n.startsWith("AMAZON_PAY_") && !(n in previousEnv))) {
    delete process.env[name]
  }
})

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ getContainer }) => {
    const paymentModule = () => getContainer().resolve(Modules.PAYMENT) as any

    /** Payment collection -> button -> Amazon -> session with amazonCheckoutSessionId -> buyer confirms -> authorize. */
    async function authorizedPayment(amount: number) {
      const pm = paymentModule()
      const collection = await pm.createPaymentCollections({ amount, currency_code: "usd" })
      const first = await pm.createPaymentSession(collection.id, { provider_id: PROVIDER_ID, amount, currency_code: "usd", data: {} })
      const { payloadJSON, signature, publicKeyId, algorithm } = first.data.button
      const { checkoutSessionId } = sandbox.createCheckoutSessionFromButton({ payloadJSON, signature, publicKeyId, algorithm })
      sandbox.approveCheckoutSession(checkoutSessionId)
      const session = await pm.createPaymentSession(collection.id, {
        provider_id: PROVIDER_ID,
        amount,
        currency_code: "usd",
        data: { amazonCheckoutSessionId: checkoutSessionId },
      })
      expect(session.data.amazonPayRedirectUrl).toContain(checkoutSessionId)
      sandbox.approveCheckoutSession(checkoutSessionId, { outcome: "success" })
      const payment = await pm.authorizePaymentSession(session.id, {})
      return { payment, permissionId: payment.data.chargePermissionId as string }
    }

    afterEach(() => {
      sandbox.clearFaults()
    })

    it("captures exactly the amounts of Medusa's partial captures and refunds a raw BigNumber amount", async () => {
      const pm = paymentModule()
      const { payment, permissionId } = await authorizedPayment(100)
      expect(payment.data.charges[0].state).toBe("Authorized")

      await pm.capturePayment({ payment_id: payment.id, amount: 30 })
      expect(sandbox.ledger().chargePermissions[permissionId].captured).toBe("30.00")
      await pm.capturePayment({ payment_id: payment.id, amount: 70 })
      expect(sandbox.ledger().chargePermissions[permissionId].captured).toBe("100.00")

      const captured = await pm.retrievePayment(payment.id, { relations: ["captures"] })
      expect(captured.captured_at).toBeTruthy()
      const captureIds = captured.captures.map((c: any) => c.id).sort()
      expect(captured.data.charges.map((c: any) => c.medusaCaptureId).sort()).toEqual(captureIds)

      await pm.refundPayment({ payment_id: payment.id, amount: 80.5 })
      const refunded = await pm.retrievePayment(payment.id, { relations: ["refunds"] })
      expect(refunded.data.refunds.map((r: any) => r.amount.amount)).toEqual(["70.00", "10.50"])
      expect(refunded.data.refunds.every((r: any) => r.medusaRefundId === refunded.refunds[0].id)).toBe(true)
    })

    it("leaves no Capture row when Amazon fails, and the retry captures once", async () => {
      const pm = paymentModule()
      const { payment, permissionId } = await authorizedPayment(50)
      sandbox.addFault({ operation: "captureCharge", kind: "status", status: 503, times: 10 })
      await expect(pm.capturePayment({ payment_id: payment.id, amount: 50 })).rejects.toThrow(/Amazon Pay/)
      const afterFailure = await pm.retrievePayment(payment.id, { relations: ["captures"] })
      expect(afterFailure.captures).toHaveLength(0)
      expect(sandbox.ledger().chargePermissions[permissionId].captured).toBe("0.00")

      sandbox.clearFaults()
      await pm.capturePayment({ payment_id: payment.id, amount: 50 })
      expect(sandbox.ledger().chargePermissions[permissionId].captured).toBe("50.00")
    })

    it("cancels an authorized payment at Amazon", async () => {
      const pm = paymentModule()
      const { payment, permissionId } = await authorizedPayment(20)
      await pm.cancelPayment(payment.id)
      const canceled = await pm.retrievePayment(payment.id)
      expect(canceled.canceled_at).toBeTruthy()
      expect(canceled.data.chargePermissionState).toBe("Closed")
      expect(sandbox.ledger().chargePermissions[permissionId].charges[0].state).toBe("Canceled")
    })
  },
})

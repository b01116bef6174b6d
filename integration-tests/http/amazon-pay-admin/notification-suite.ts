/**
 * A store with the Amazon Pay sandbox behind the simulation proxy (so a test can make Amazon
 * decline exactly one capture or refund), IPNs delivered to the store, and what the admin's
 * notification bell reads: `GET /admin/notifications?channel=feed`, as the dashboard asks for it.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { placeAmazonPayOrder, prepareCheckout, waitFor, type BuyerOutcome, type CheckoutContext } from "../../../tools/test-kit"
import { useAmazonPaySandbox, type SandboxHandle } from "../../../tools/test-kit/amazon-pay-suite"
import type { ContainerLike } from "../../../tools/test-kit/admin-auth"
import type { HttpClient } from "../../../tools/test-kit/http"
import { useSimulationProxy, type SimulationProxy } from "../amazon-pay-ipn/simulation-proxy"

export const PENDING_DELAY_MS = 60_000
export const EFFECT_TIMEOUT_MS = 30_000
/** IPNs about what happens to a placed order's money (each is applied and recorded in the journal). */
const AFTER_CHECKOUT: ReadonlySet<string> = new Set(["CHARGE", "REFUND", "CHARGEBACK"])

export interface NotificationSuite {
  ctx: CheckoutContext
  api: HttpClient
  container: ContainerLike
  amazon: SandboxHandle
  proxy: SimulationProxy
  /** Feed notifications the dashboard's bell lists (every admin: `to` ""). */
  feed(): Promise<any[]>
  placeOrder(outcome?: BuyerOutcome): Promise<{ order: any; payment: any }>
  capturedOrder(): Promise<{ order: any; payment: any }>
  /** Amazon's pending states (pending authorization, refunds) settle now. */
  settle(): Promise<string>
  /** The payment as the Admin API shows it, with the provider's data. */
  payment(paymentId: string): Promise<any>
  /** Waits until every IPN the sandbox delivered for the payment is recorded as applied. */
  allIpnsApplied(paymentId: string): Promise<void>
}

export function notificationSuite(env: Record<string, string>, body: (suite: () => NotificationSuite) => void): void {
  const amazon = useAmazonPaySandbox({ AMAZON_PAY_CAN_HANDLE_PENDING_AUTHORIZATION: "true", ...env }, { pendingDelayMs: PENDING_DELAY_MS })
  const proxy = useSimulationProxy(() => amazon.sandbox().url)

  medusaIntegrationTestRunner({
    inApp: true,
    env: {},
    testSuite: ({ api, getContainer }) => {
      let suite: NotificationSuite | undefined
      beforeAll(async () => {
        const ctx = await prepareCheckout(api, getContainer())
        const payment = async (paymentId: string) =>
          (await api.get(`/admin/payments/${paymentId}?fields=id,amount,data,*captures,*refunds`, { headers: ctx.adminHeaders })).data.payment
        const placeOrder = async (outcome: BuyerOutcome = "success") => {
          const placed = await placeAmazonPayOrder(ctx, amazon.control(), { outcome })
          return { order: placed.order, payment: placed.payment }
        }
        suite = {
          ctx,
          api,
          container: getContainer(),
          amazon,
          proxy: proxy(),
          feed: async () =>
            (await api.get(`/admin/notifications?channel=feed&limit=100`, { headers: ctx.adminHeaders })).data.notifications,
          placeOrder,
          capturedOrder: async () => {
            const placed = await placeOrder()
            await ctx.admin.capture(placed.payment.id)
            return placed
          },
          settle: () => amazon.control().advanceClock(PENDING_DELAY_MS + 1000),
          payment,
          allIpnsApplied: async (paymentId) => {
            await amazon.sandbox().ipn.drain()
            const permissionId = (await payment(paymentId)).data.chargePermissionId
            const delivered = amazon
              .sandbox()
              .ipn.deliveries()
              .filter((d) => d.ok && d.chargePermissionId === permissionId && AFTER_CHECKOUT.has(d.objectType))
              .map((d) => d.notificationId)
            const applied = (view: any) => new Set(view.events.filter((e: any) => e.kind === "ipn_applied").map((e: any) => e.notification_id))
            await waitFor(() => ctx.admin.amazonPayView(paymentId), (view) => delivered.every((id) => applied(view).has(id)), EFFECT_TIMEOUT_MS)
          },
        }
      })
      beforeEach(async () => {
        await amazon.control().reset()
        amazon.sandbox().ipn.configure({ url: `${api.defaults.baseURL}/hooks/payment/amazon-pay_amazon-pay`, duplicate: 1 })
      })
      body(() => {
        if (!suite) throw new Error("the store is seeded in beforeAll; use the suite inside tests")
        return suite
      })
    },
  })
}


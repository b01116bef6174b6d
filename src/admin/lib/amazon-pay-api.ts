/**
 * The widget's calls to the plugin's Admin API (`/admin/amazon-pay/...`), same origin as the
 * dashboard, authenticated by the dashboard's session cookie. The answer's types are the server's
 * own (src/providers/amazon-pay/admin/view-model.ts, order-payments.ts).
 */
/** Type-only: erased from the bundle, so no server code reaches the browser. */
import type { OrderAmazonPayPayment } from "../../providers/amazon-pay/admin/order-payments"
import type { Price } from "../../lib/amazon-pay/types"

export type { Price }
export type AmazonPayPayment = Omit<OrderAmazonPayPayment, "data" | "operations" | "objects" | "events">
export type TimelineEntry = AmazonPayPayment["timeline"][number]

export class AmazonPayApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
    this.name = "AmazonPayApiError"
  }
}

async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: "include",
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = await response.json().catch(() => ({}))
  if (!response.ok) {
    throw new AmazonPayApiError(response.status, (data as { message?: string }).message ?? `${method} ${path} answered ${response.status}`)
  }
  return data as T
}

const paymentPath = (paymentId: string, action: string) => `/admin/amazon-pay/payments/${encodeURIComponent(paymentId)}/${action}`

export const amazonPayApi = {
  orderPayments: async (orderId: string) =>
    (await call<{ amazon_pay_payments: AmazonPayPayment[] }>("GET", `/admin/amazon-pay/orders/${encodeURIComponent(orderId)}`)).amazon_pay_payments,
  capture: (paymentId: string, amount: number) => call("POST", paymentPath(paymentId, "capture"), { amount }),
  sync: (paymentId: string) => call("POST", paymentPath(paymentId, "sync"), {}),
  close: (paymentId: string, reason?: string) => call("POST", paymentPath(paymentId, "close"), reason ? { reason } : {}),
}

export const formatPrice = (price: Price | null | undefined): string => (price ? `${price.amount} ${price.currencyCode}` : "–")

/** Amazon states in the colours Medusa's dashboard uses for payment states. */
export function stateColor(state: string): "green" | "orange" | "red" | "grey" | "blue" {
  switch (state) {
    case "Captured":
    case "Refunded":
    case "Chargeable":
      return "green"
    case "Authorized":
      return "blue"
    case "AuthorizationInitiated":
    case "CaptureInitiated":
    case "RefundInitiated":
    case "ActionRequired":
    case "UnderReview":
      return "orange"
    case "Declined":
    case "NonChargeable":
      return "red"
    default:
      return "grey"
  }
}

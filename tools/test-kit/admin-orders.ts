/** The Admin API calls that move money after checkout: read an order's payments, capture, refund, cancel. */
import { withServerMessage, type HttpClient } from "./http"

const ORDER_FIELDS = [
  "id",
  "status",
  "payment_status",
  "currency_code",
  "total",
  "metadata",
  "summary",
  "*payment_collections",
  "*payment_collections.payments",
  "*payment_collections.payments.captures",
  "*payment_collections.payments.refunds",
].join(",")

export class AdminOrders {
  constructor(
    private readonly http: HttpClient,
    private readonly admin: Record<string, string>
  ) {}

  private get config() {
    return { headers: this.admin }
  }

  async getOrder(orderId: string): Promise<any> {
    return (await this.http.get(`/admin/orders/${orderId}?fields=${encodeURIComponent(ORDER_FIELDS)}`, this.config)).data.order
  }

  /** The order's payments (one per authorized session), with captures and refunds. */
  async payments(orderId: string): Promise<any[]> {
    const order = await this.getOrder(orderId)
    return order.payment_collections.flatMap((c: any) => c.payments ?? [])
  }

  async getPayment(paymentId: string): Promise<any> {
    return (await this.http.get(`/admin/payments/${paymentId}?fields=*captures,*refunds`, this.config)).data.payment
  }

  /**
   * Everything about an order's money that a refund (refundPaymentWorkflow: Refund row, order
   * transaction, refund credit line; @medusajs/core-flows payment/workflows/refund-payment) or its
   * undoing can change, in a stable order so two readings compare with `toEqual`.
   */
  async moneyState(orderId: string): Promise<Record<string, unknown>> {
    const fields = [
      "id",
      "total",
      "summary",
      "payment_status",
      "*credit_lines",
      "*transactions",
      "*payment_collections",
      "*payment_collections.payments",
      "*payment_collections.payments.refunds",
    ].join(",")
    const { order } = (await this.http.get(`/admin/orders/${orderId}?fields=${encodeURIComponent(fields)}`, this.config)).data
    const lines = (rows: any[] | undefined) =>
      (rows ?? []).map((row) => ({ amount: row.amount, reference: row.reference ?? null, reference_id: row.reference_id ?? null })).sort((a, b) =>
        JSON.stringify(a).localeCompare(JSON.stringify(b))
      )
    return {
      total: order.total,
      summary: order.summary,
      payment_status: order.payment_status,
      credit_lines: lines(order.credit_lines),
      transactions: lines(order.transactions),
      payment_collections: order.payment_collections.map((c: any) => ({
        status: c.status,
        captured_amount: c.captured_amount,
        refunded_amount: c.refunded_amount,
        refunds: (c.payments ?? []).flatMap((p: any) => p.refunds ?? []).map((r: any) => ({ id: r.id, amount: r.amount })),
      })),
    }
  }

  /** `POST /admin/payments/:id/capture`; without an amount Medusa tries the payment's FULL amount (not the rest). */
  async capture(paymentId: string, amount?: number): Promise<any> {
    const request = this.http.post(`/admin/payments/${paymentId}/capture`, amount === undefined ? {} : { amount }, this.config)
    return (await withServerMessage(`capture ${amount ?? "rest"} of ${paymentId}`, request)).data.payment
  }

  /**
   * `POST /admin/payments/:id/refund`. `extra` is what the dashboard's Refund form adds (`note`,
   * `refund_reason_id`; @medusajs/dashboard order-create-refund).
   */
  async refund(paymentId: string, amount?: number, extra: { note?: string; refund_reason_id?: string } = {}): Promise<any> {
    const request = this.http.post(`/admin/payments/${paymentId}/refund`, amount === undefined ? { ...extra } : { amount, ...extra }, this.config)
    return (await withServerMessage(`refund ${amount ?? "rest"} of ${paymentId}`, request)).data.payment
  }

  /** `GET /admin/amazon-pay/payments/:id`: payment data plus the journal's calls, objects and timeline. */
  async amazonPayView(paymentId: string): Promise<any> {
    return (await this.http.get(`/admin/amazon-pay/payments/${paymentId}`, this.config)).data.amazon_pay_payment
  }

  async cancelOrder(orderId: string): Promise<any> {
    return (await withServerMessage(`cancel order ${orderId}`, this.http.post(`/admin/orders/${orderId}/cancel`, {}, this.config))).data.order
  }
}

/** Sum of a payment's captures or refunds, in minor units as a BigInt (money is exact). */
export function sumMinor(rows: Array<{ amount: number | string }>, decimals: number): bigint {
  return rows.reduce((total, row) => total + toMinor(row.amount, decimals), 0n)
}

/** "12.3" / 12.3 -> 1230n for 2 decimals; refuses more decimals than the currency has. */
export function toMinor(amount: number | string, decimals: number): bigint {
  const text = typeof amount === "number" ? amount.toString() : amount
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim())
  if (!match) {
    throw new Error(`not a decimal amount: ${text}`)
  }
  const fraction = (match[3] ?? "").replace(/0+$/, "")
  if (fraction.length > decimals) {
    throw new Error(`${text} has more than ${decimals} decimals`)
  }
  const minor = BigInt(match[2] + fraction.padEnd(decimals, "0"))
  return match[1] ? -minor : minor
}

/** The plugin's own Admin API (`/admin/amazon-pay/...`): the order widget's view and its actions. */
import { withServerMessage, type HttpClient } from "./http"

export class AmazonPayAdmin {
  constructor(
    private readonly http: HttpClient,
    private readonly admin: Record<string, string>
  ) {}

  private get config() {
    return { headers: this.admin }
  }

  /** `GET /admin/amazon-pay/orders/:id`: the order's Amazon Pay payments as the widget shows them. */
  async orderPayments(orderId: string): Promise<any[]> {
    return (await this.http.get(`/admin/amazon-pay/orders/${orderId}`, this.config)).data.amazon_pay_payments
  }

  /** `POST /admin/amazon-pay/payments/:id/capture`: the body as given (tests send bad ones too). */
  async capture(paymentId: string, body: unknown): Promise<any> {
    const request = this.http.post(`/admin/amazon-pay/payments/${paymentId}/capture`, body, this.config)
    return (await withServerMessage(`amazon-pay capture of ${paymentId}`, request)).data.amazon_pay_payment
  }

  async sync(paymentId: string, body: unknown = {}): Promise<{ outcomes: string[]; amazon_pay_payment: any }> {
    const request = this.http.post(`/admin/amazon-pay/payments/${paymentId}/sync`, body, this.config)
    return (await withServerMessage(`amazon-pay sync of ${paymentId}`, request)).data
  }

  async close(paymentId: string, body: unknown = {}): Promise<any> {
    const request = this.http.post(`/admin/amazon-pay/payments/${paymentId}/close`, body, this.config)
    return (await withServerMessage(`amazon-pay close of ${paymentId}`, request)).data.amazon_pay_payment
  }
}

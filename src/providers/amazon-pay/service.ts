/**
 * Amazon Pay (Checkout v2) as a Medusa 2.21 payment provider: a readable mapping of Medusa's hooks
 * onto the Amazon Pay client. The work itself lives in one file per concern (button, checkout,
 * capture, refund, cancel, sync); this class only reads Medusa's input and hands back the whole
 * payment data record (Medusa replaces `payment.data` with what each hook returns).
 */
import type { Logger } from "@medusajs/framework/types"
import type {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { AbstractPaymentProvider, MathBN, MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { AmazonPayClient } from "../../lib/amazon-pay/client"
import type { Price } from "../../lib/amazon-pay/types"
import { normalizeCurrency, priceToBigNumber, toAmazonPrice, type MedusaAmount } from "./amounts"
import { signedButton } from "./button"
import { cancelWithAmazon } from "./cancel"
import { captureWithAmazon } from "./capture"
import { completeCheckout, prepareForConfirmation, type CheckoutDeps } from "./checkout"
import { asMedusa } from "./errors"
import { readMedusaCapture } from "./medusa-capture"
import { loadPrivateKey, parseAmazonPayOptions, type AmazonPayOptions, type AmazonPayOptionsInput } from "./options"
import { readPaymentData, type AmazonPayPaymentData } from "./payment-data"
import { refundWithAmazon } from "./refund"
import { parseStorefrontInput, returnUrls } from "./storefront-input"
import { mapAmazonStatus } from "./status-map"
import { aggregateStatus, syncWithAmazon } from "./sync"
import { handleWebhook } from "./webhooks/handle-webhook"

/** The cradle is an awilix proxy that throws for unregistered names. */
function resolveLogger(cradle: Record<string, unknown>): Logger | undefined {
  try {
    return cradle.logger as Logger | undefined
  } catch {
    return undefined
  }
}

export class AmazonPayProviderService extends AbstractPaymentProvider<AmazonPayOptionsInput> {
  static override identifier = "amazon-pay"

  protected readonly options_: AmazonPayOptions
  protected readonly client_: AmazonPayClient
  protected readonly logger_: Logger | undefined

  /** Called by Medusa when the module loads: a bad option stops start-up. */
  static override validateOptions(options: Record<string, unknown>): void {
    parseAmazonPayOptions(options)
  }

  constructor(cradle: Record<string, unknown>, options: AmazonPayOptionsInput) {
    super(cradle, options)
    this.options_ = parseAmazonPayOptions(options)
    this.client_ = new AmazonPayClient({
      publicKeyId: this.options_.publicKeyId,
      privateKey: loadPrivateKey(this.options_),
      region: this.options_.region,
      sandbox: this.options_.sandbox,
      baseUrl: this.options_.apiBaseUrl,
      timeoutMs: this.options_.timeoutMs,
      retry: this.options_.retry,
    })
    this.logger_ = resolveLogger(cradle)
  }

  private get deps(): CheckoutDeps {
    return { client: this.client_, options: this.options_ }
  }

  /**
   * Medusa's amounts may carry digits below the currency's minor unit (tax fractions in cart
   * totals, e.g. 11.8881 USD); Medusa itself compares payment amounts rounded to the currency's
   * precision (payment module `roundToCurrencyPrecision`), so the same rounding is applied here,
   * and logged, never silent.
   */
  private amazonPrice(amount: unknown, currencyCode: string): Price {
    const price = toAmazonPrice(amount as MedusaAmount, currencyCode, "currency")
    if (!MathBN.eq(amount as MedusaAmount, priceToBigNumber(price))) {
      this.logger_?.warn(
        `Amazon Pay: amount ${MathBN.convert(amount as MedusaAmount).toFixed()} ${price.currencyCode} rounded to ` +
          `${price.amount} (the currency's precision)`
      )
    }
    return price
  }

  /** A fresh record for a session, or the stored one with the (possibly new) amount. */
  private sessionData(input: InitiatePaymentInput | UpdatePaymentInput): AmazonPayPaymentData {
    const stored = readPaymentData(input.data)
    const currencyCode = normalizeCurrency(input.currency_code)
    return {
      ...stored,
      session_id: stored.session_id,
      currencyCode,
      chargeAmount: this.amazonPrice(input.amount, currencyCode),
      amazonPayMode: this.options_.capture,
    }
  }

  /**
   * Signs the button for exactly this amount; when the storefront already sends the buyer's
   * `amazonCheckoutSessionId` (back from Amazon's review page), also puts the current amount on
   * that checkout session and returns `amazonPayRedirectUrl`.
   */
  private async prepare(input: InitiatePaymentInput | UpdatePaymentInput): Promise<AmazonPayPaymentData> {
    const storefront = parseStorefrontInput(input.data)
    let data = this.sessionData(input)
    data = { ...data, button: signedButton(this.client_, this.options_, storefront, data.session_id, data.chargeAmount) }
    if (data.checkoutSessionId) {
      data = await prepareForConfirmation(this.deps, data, returnUrls(storefront, this.options_))
    }
    return data
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const data = await this.prepare(input)
    return { id: data.checkoutSessionId ?? data.session_id, data, status: PaymentSessionStatus.PENDING }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    return { data: await this.prepare(input) }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const data = readPaymentData(input.data)
    if (!data.checkoutSessionId) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Amazon Pay needs `amazonCheckoutSessionId` in the payment session data: create the session again with " +
          "the id Amazon appended to the return URL"
      )
    }
    if (!data.chargeAmount) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Amazon Pay payment session has no amount; create it again")
    }
    const urls = returnUrls(parseStorefrontInput(input.data), this.options_)
    const { status, data: result } = await completeCheckout(this.deps, data, urls, input.context?.idempotency_key)
    return { status, data: result }
  }

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const data = readPaymentData(input.data)
    const captureId = input.context?.idempotency_key
    if (captureId && data.charges.some((c) => c.medusaCaptureId === captureId)) {
      return { data }
    }
    const facts = await readMedusaCapture(this.container, captureId, data.currencyCode)
    return { data: await captureWithAmazon(this.deps, data, facts) }
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const data = readPaymentData(input.data)
    const refundId = input.context?.idempotency_key
    if (!refundId) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Amazon Pay refund needs Medusa's refund id (context.idempotency_key)")
    }
    // Medusa passes the Refund row's raw amount ({value, precision}).
    const amount = this.amazonPrice(input.amount, data.currencyCode)
    return { data: await refundWithAmazon(this.deps, data, refundId, amount) }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const data = readPaymentData(input.data)
    return { data: await asMedusa("cancel the payment", () => cancelWithAmazon(this.client_, data)) }
  }

  /** Medusa deletes a session that was never completed: Amazon expires the checkout session itself. */
  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: input.data ?? {} }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const data = readPaymentData(input.data)
    if (!data.chargePermissionId) {
      return { status: await this.checkoutSessionStatus(data), data }
    }
    const synced = await syncWithAmazon(this.client_, data)
    return { status: aggregateStatus(synced), data: synced }
  }

  /**
   * Before authorization only the Checkout Session exists: Open is pending, Canceled is canceled
   * (or error when declined). Completed stays pending here: authorizePayment records the charge.
   */
  private async checkoutSessionStatus(data: AmazonPayPaymentData): Promise<PaymentSessionStatus> {
    if (!data.checkoutSessionId) {
      return PaymentSessionStatus.PENDING
    }
    const id = data.checkoutSessionId
    const session = await asMedusa("read the checkout session", () => this.client_.getCheckoutSession(id))
    const { state, reasonCode } = session.statusDetails
    return state === "Canceled" ? mapAmazonStatus("CheckoutSession", state, reasonCode).status : PaymentSessionStatus.PENDING
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const data = readPaymentData(input.data)
    return { data: data.chargePermissionId ? await syncWithAmazon(this.client_, data) : data }
  }

  /**
   * Amazon Pay IPNs posted to `/hooks/payment/amazon-pay_amazon-pay`: verified, the object fetched
   * from Amazon, and the charge's state turned into Medusa's action (webhooks/handle-webhook.ts;
   * refunds and permissions are applied by the plugin's subscriber, Medusa issue 16398). Never throws.
   */
  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    return handleWebhook({ client: this.client_, options: this.options_, logger: this.logger_, cradle: this.container }, payload)
  }
}

export default AmazonPayProviderService

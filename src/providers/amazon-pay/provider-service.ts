/**
 * Amazon Pay (Checkout v2) as a Medusa 2.21 payment provider: a readable mapping of Medusa's hooks
 * onto the provider's logic (one file per concern: button, checkout, capture, refund, cancel, sync).
 * This class reads Medusa's input, finds the facts Medusa does not pass (the payment collection a
 * session belongs to, the amount of the Capture or Refund being made: medusa-rows.ts), and hands
 * back the whole payment data record (Medusa replaces `payment.data` with what each hook returns).
 *
 * Trust: a session's `data` is `{...what the storefront sent, ...what this provider returned}`, so
 * before authorization only the documented storefront fields are read from it
 * (storefront-input.ts); everything the provider relies on comes from Medusa's rows, the plugin's
 * journal and Amazon (binding.ts, journal/).
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
import { AbstractPaymentProvider, MathBN, MedusaError, Modules, PaymentSessionStatus } from "@medusajs/framework/utils"
import type { AmazonPayClient } from "../../lib/amazon-pay/client"
import type { Price } from "../../lib/amazon-pay/types"
import { amazonPayClientFor } from "./amazon-client"
import { moneyMoveAmount, normalizeCurrency, priceToBigNumber, toAmazonPrice, type MedusaAmount } from "./amounts"
import { signedButton } from "./button"
import { deliverySpecificationsFor, needsRegionCountries } from "./delivery"
import { regionCountriesOf } from "./region-countries"
import { cancelWithAmazon } from "./cancel"
import { captureWithAmazon } from "./capture"
import { adoptCheckout, completeCheckout } from "./checkout"
import type { ProviderDeps } from "./deps"
import { asMedusa } from "./medusa-errors"
import type { EventEmitter } from "./capture-declined"
import type { PaymentRef } from "./journal/journaled-call"
import { resolveJournal, resolveShared } from "./journal/journal-port"
import { resolvePaymentLock } from "./journal/payment-lock"
import { permissionOf, projectPaymentData } from "./journal/registry"
import { readMoneyMove, readSession, sumOf } from "./medusa-rows"
import { parseAmazonPayOptions, type AmazonPayOptions, type AmazonPayOptionsInput } from "./options"
import { refundWithAmazon } from "./refund"
import { readPaymentData, withoutForeignKeys, type AmazonPayPaymentData } from "./payment-data"
import { parseStorefrontInput, returnUrls, type StorefrontInput } from "./storefront-input"
import { mapAmazonStatus } from "./status-map"
import { aggregateStatus, syncWithAmazon } from "./sync"
import { handleWebhook } from "./core-webhook/handle-webhook"

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
  private deps_: ProviderDeps | undefined

  /** Called by Medusa when the module loads: a bad option stops start-up. */
  static override validateOptions(options: Record<string, unknown>): void {
    parseAmazonPayOptions(options)
  }

  constructor(cradle: Record<string, unknown>, options: AmazonPayOptionsInput) {
    super(cradle, options)
    this.options_ = parseAmazonPayOptions(options)
    this.client_ = amazonPayClientFor(this.options_)
    this.logger_ = resolveLogger(cradle)
  }

  /** The journal and the lock are other modules: resolved on first use, once they are loaded. */
  private get deps(): ProviderDeps {
    this.deps_ ??= {
      client: this.client_,
      options: this.options_,
      journal: resolveJournal(this.container),
      lock: resolvePaymentLock(this.container, this.options_.lockWaitMs),
      logger: this.logger_,
      events: resolveShared<EventEmitter>(this.container, Modules.EVENT_BUS),
    }
    return this.deps_
  }

  /**
   * Medusa's checkout totals may carry digits below the currency's minor unit (tax fractions, e.g.
   * 11.8881 USD); Medusa itself compares payment amounts rounded to the currency's precision
   * (payment module `roundToCurrencyPrecision`), so the same rounding is applied here, and logged.
   */
  private checkoutPrice(amount: unknown, currencyCode: string): Price {
    const price = toAmazonPrice(amount as MedusaAmount, currencyCode, "currency")
    if (!MathBN.eq(amount as MedusaAmount, priceToBigNumber(price))) {
      this.logRounding(amount, price)
    }
    return price
  }

  private logRounding(amount: unknown, price: Price): void {
    this.logger_?.warn(
      `Amazon Pay: amount ${MathBN.convert(amount as MedusaAmount).toFixed()} ${price.currencyCode} rounded to ` +
        `${price.amount} (the currency's precision)`
    )
  }

  /** A session's record: Medusa's facts and the validated storefront input, nothing else. */
  private async sessionRecord(input: InitiatePaymentInput | UpdatePaymentInput): Promise<{ ref: PaymentRef; data: AmazonPayPaymentData; storefront: StorefrontInput }> {
    const storefront = parseStorefrontInput(input.data)
    const session = await readSession(this.container, (input.data as { session_id?: string } | undefined)?.session_id)
    const currencyCode = normalizeCurrency(input.currency_code)
    const { amazonCheckoutSessionId: _handedIn, ...kept } = storefront
    const data: AmazonPayPaymentData = {
      ...kept,
      session_id: session.paymentSessionId,
      paymentCollectionId: session.paymentCollectionId,
      checkoutSessionId: null,
      chargePermissionId: null,
      chargePermissionState: null,
      chargePermissionReasons: [],
      currencyCode,
      chargeAmount: this.checkoutPrice(input.amount, currencyCode),
      amazonPayMode: this.options_.capture,
      charges: [],
      refunds: [],
      chargebacks: [],
    }
    return { ref: { paymentCollectionId: session.paymentCollectionId, paymentSessionId: session.paymentSessionId }, data, storefront }
  }

  /** The button for this cart and amount, with the delivery restrictions (the region's countries when configured). */
  private async signedButton(storefront: StorefrontInput, paymentCollectionId: string, chargeAmount: Price) {
    const productType = storefront.productType ?? "PayAndShip"
    const countries = needsRegionCountries(this.options_, productType) ? await regionCountriesOf(this.container, paymentCollectionId) : null
    const delivery = deliverySpecificationsFor(this.options_, productType, countries)
    return signedButton(this.client_, this.options_, storefront, paymentCollectionId, chargeAmount, delivery)
  }

  /**
   * Signs the button for exactly this amount, bound to the cart's payment collection; when the
   * storefront hands in `amazonCheckoutSessionId` (back from Amazon), checks with Amazon that the
   * checkout is this cart's, binds it and prepares it for the buyer's confirmation.
   */
  private async prepare(input: InitiatePaymentInput | UpdatePaymentInput): Promise<Record<string, unknown>> {
    const { ref, data: fresh, storefront } = await this.sessionRecord(input)
    let data = fresh
    if (storefront.amazonCheckoutSessionId) {
      data = await adoptCheckout(this.deps, ref, data, storefront.amazonCheckoutSessionId, returnUrls(storefront, this.options_))
    }
    data = {
      ...data,
      button: data.checkoutSessionId
        ? null
        : await this.signedButton(storefront, ref.paymentCollectionId, data.chargeAmount),
    }
    return withoutForeignKeys(input.data, data)
  }

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const data = await this.prepare(input)
    return { id: (data.checkoutSessionId as string | null) ?? (data.session_id as string), data, status: PaymentSessionStatus.PENDING }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    return { data: await this.prepare(input) }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const stored = readPaymentData(input.data)
    // Medusa's own session id (payment module authorizePaymentSession: context.idempotency_key).
    const session = await readSession(this.container, input.context?.idempotency_key ?? stored.session_id)
    if (stored.paymentCollectionId !== session.paymentCollectionId || !stored.chargeAmount) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Amazon Pay payment session data is not this provider's; create the payment session again")
    }
    const ref: PaymentRef = { paymentCollectionId: session.paymentCollectionId, paymentSessionId: session.paymentSessionId }
    const data: AmazonPayPaymentData = { ...stored, session_id: session.paymentSessionId, charges: [], refunds: [], chargebacks: [] }
    const urls = returnUrls(parseStorefrontInput(input.data), this.options_)
    const { status, data: result } = await completeCheckout(this.deps, ref, data, urls)
    if (status === PaymentSessionStatus.REQUIRES_MORE && !result.checkoutSessionId) {
      // A new Amazon checkout: the storefront renders a fresh button from the session data.
      const storefront = parseStorefrontInput(input.data)
      return { status, data: { ...result, button: await this.signedButton(storefront, ref.paymentCollectionId, result.chargeAmount) } }
    }
    return { status, data: { ...result, button: null } }
  }

  /** The payment after authorization: `payment.data` is written only by this provider. */
  private paymentRecord(raw: Record<string, unknown> | undefined): { ref: PaymentRef; data: AmazonPayPaymentData } {
    const data = readPaymentData(raw)
    if (!data.paymentCollectionId) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Amazon Pay payment data has no payment collection; this payment was not authorized by this provider")
    }
    return { ref: { paymentCollectionId: data.paymentCollectionId, paymentSessionId: data.session_id || null }, data }
  }

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const { ref, data } = this.paymentRecord(input.data)
    const move = await readMoneyMove(this.container, "capture", input.context?.idempotency_key)
    const remainder = MathBN.sub(move.paymentAmount, sumOf(move.others))
    const { price, rounded } = moneyMoveAmount(move.amount, data.currencyCode, remainder)
    if (rounded) {
      this.logRounding(move.amount, price)
    }
    const result = await captureWithAmazon(this.deps, { ...ref, paymentId: move.paymentId }, data, {
      captureId: move.id,
      amount: price,
      otherCapturesTotal: toAmazonPrice(sumOf(move.others), data.currencyCode, "currency"),
      otherCaptureIds: move.others.map((c) => c.id),
      readOthers: async () => {
        const now = await readMoneyMove(this.container, "capture", input.context?.idempotency_key)
        return { otherCapturesTotal: toAmazonPrice(sumOf(now.others), data.currencyCode, "currency"), otherCaptureIds: now.others.map((c) => c.id) }
      },
    })
    return { data: result as unknown as Record<string, unknown> }
  }

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const { ref, data } = this.paymentRecord(input.data)
    const move = await readMoneyMove(this.container, "refund", input.context?.idempotency_key)
    const remainder = MathBN.sub(sumOf(move.captures), sumOf(move.others))
    // Medusa passes the Refund row's raw amount ({value, precision}); the row says the same.
    const { price, rounded } = moneyMoveAmount(input.amount as MedusaAmount, data.currencyCode, remainder)
    if (rounded) {
      this.logRounding(input.amount, price)
    }
    const result = await refundWithAmazon(this.deps, { ...ref, paymentId: move.paymentId }, data, {
      refundId: move.id,
      amount: price,
      liveRefundIds: [move.id, ...move.others.map((r) => r.id)],
      readLiveRefundIds: async () => {
        const now = await readMoneyMove(this.container, "refund", input.context?.idempotency_key)
        return [now.id, ...now.others.map((r) => r.id)]
      },
    })
    return { data: result as unknown as Record<string, unknown> }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const data = readPaymentData(input.data)
    if (!data.paymentCollectionId || !data.chargePermissionId) {
      // Never authorized here (or compensation before anything was recorded): nothing to release.
      return { data: input.data ?? {} }
    }
    const result = await asMedusa("cancel the payment", () =>
      cancelWithAmazon(this.deps, { paymentCollectionId: data.paymentCollectionId as string, paymentSessionId: data.session_id || null }, data)
    )
    return { data: result as unknown as Record<string, unknown> }
  }

  /** Medusa deletes a session that was never completed: Amazon expires the checkout session itself. */
  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: input.data ?? {} }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const data = readPaymentData(input.data)
    if (!data.chargePermissionId || !data.paymentCollectionId) {
      return { status: await this.checkoutSessionStatus(data), data: input.data ?? {} }
    }
    const synced = await this.synced(data)
    return { status: aggregateStatus(synced), data: synced as unknown as Record<string, unknown> }
  }

  private async synced(data: AmazonPayPaymentData): Promise<AmazonPayPaymentData> {
    const ref = { paymentCollectionId: data.paymentCollectionId as string }
    return this.deps.lock.run(ref.paymentCollectionId, async () => {
      const objects = await syncWithAmazon(this.deps, ref, data.chargePermissionId as string)
      return permissionOf(objects, data.chargePermissionId) ? projectPaymentData(data, objects) : data
    })
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
    if (!data.chargePermissionId || !data.paymentCollectionId) {
      return { data: input.data ?? {} }
    }
    return { data: (await this.synced(data)) as unknown as Record<string, unknown> }
  }

  /**
   * Amazon Pay IPNs posted to `/hooks/payment/amazon-pay_amazon-pay`: verified, the object fetched
   * from Amazon, and the charge's state turned into Medusa's action (core-webhook/handle-webhook.ts;
   * refunds and permissions are applied by the plugin's subscriber, Medusa issue 16398). Never throws.
   */
  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    return handleWebhook({ client: this.client_, options: this.options_, logger: this.logger_, cradle: this.container }, payload)
  }
}

export default AmazonPayProviderService

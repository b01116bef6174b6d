/**
 * The payment data record: what this provider keeps in Medusa's `payment_session.data` and
 * `payment.data`. Field names are stable (stores query them) and hold no secret: Amazon ids, states,
 * amounts as Amazon Prices, and the signed button configuration (a button signature authorizes only
 * creating a checkout session for exactly that payload, which the browser must receive anyway).
 *
 * This record is a VIEW. What the provider relies on lives in the plugin's journal module, where a
 * storefront cannot write (journal/registry.ts): Medusa stores a session's data as
 * `{...storefront data, ...provider data}`, so anything read back from a session's data before
 * authorization may have been written by a storefront. The record is rebuilt from the journal on
 * every hook and returned whole (Medusa replaces `payment.data` with what authorize, capture and
 * refund return: payment module `capturePaymentFromProvider_`, `refundPaymentFromProvider_`).
 */
import type { Price } from "../../lib/amazon-pay/types"
import { STOREFRONT_KEYS, type StorefrontInput } from "./storefront-input"

export type AmazonPayMode = "on_authorize" | "manual"

/** Configuration for `amazon.Pay.renderButton(selector, {...button, createCheckoutSessionConfig})`. */
export interface AmazonPayButtonConfig {
  /** `createCheckoutSessionConfig.payloadJSON`: pass this exact string, it is what was signed. */
  payloadJSON: string
  /** `createCheckoutSessionConfig.signature`. */
  signature: string
  /** `createCheckoutSessionConfig.publicKeyId`. */
  publicKeyId: string
  /** `createCheckoutSessionConfig.algorithm`. */
  algorithm: string
  merchantId: string
  ledgerCurrency: string
  checkoutLanguage?: string
  productType: "PayAndShip" | "PayOnly"
  placement: "Checkout"
  sandbox: boolean
  /** The payload's amount, to detect a stale button. */
  chargeAmount: Price
  /** Express buttons: renderButton's `estimatedOrderAmount` (the cart total when signed). */
  estimatedOrderAmount?: Price
}

export interface AmazonPayChargeRecord {
  chargeId: string
  /** The authorized amount (Amazon `chargeAmount`). */
  amount: Price
  /** Amazon Charge state: AuthorizationInitiated | Authorized | CaptureInitiated | Captured | Canceled | Declined. */
  state: string
  reasonCode: string | null
  /** Amazon `captureAmount` once captured (or being captured), else null. */
  capturedAmount: Price | null
  /** Amazon `refundedAmount`, else null. */
  refundedAmount: Price | null
  /** The Medusa Capture (`capt_...`) this charge's capture belongs to. */
  medusaCaptureId?: string
  createdAt: string
}

export interface AmazonPayRefundRecord {
  refundId: string
  chargeId: string
  amount: Price
  /** Amazon Refund state: RefundInitiated | Refunded | Declined. */
  state: string
  reasonCode: string | null
  /** The Medusa Refund (`ref_...`) this piece belongs to; one Medusa refund may span charges. */
  medusaRefundId: string
}

export interface AmazonPayChargebackRecord {
  chargebackId: string
  chargeId: string
  amount: Price | null
  state: string
  reasonCode: string | null
}

export interface BuyerActionRequired {
  /**
   * `BuyerConfirmationRequired`: the buyer has not finished on Amazon's page: send them to
   * `amazonPayRedirectUrl`. `NewCheckoutRequired`: the cart changed after the buyer may have
   * confirmed on Amazon; Amazon cannot re-confirm a changed amount, so the buyer starts a new Amazon
   * checkout with the fresh `button`.
   */
  reason: "BuyerConfirmationRequired" | "NewCheckoutRequired"
  message: string
}

export interface AmazonPayPaymentData extends StorefrontInput {
  /** Medusa payment session id (Medusa's webhook handling looks sessions up by it). */
  session_id: string
  /** The Medusa payment collection the Amazon checkout is bound to (binding.ts). */
  paymentCollectionId: string | null
  /** The Amazon Checkout Session, once the storefront handed in a checkout that belongs to this cart. */
  checkoutSessionId: string | null
  chargePermissionId: string | null
  chargePermissionState: string | null
  chargePermissionReasons: string[]
  currencyCode: string
  /** The amount this session authorizes, as an Amazon Price (Medusa's session amount). */
  chargeAmount: Price
  amazonPayMode: AmazonPayMode
  /** Signed configuration for Amazon's button (until the checkout session exists). */
  button?: AmazonPayButtonConfig | null
  /** Where to send the buyer to confirm the payment (express flow, after Update Checkout Session). */
  amazonPayRedirectUrl?: string | null
  /** Set when the storefront must send the buyer to Amazon again; cleared once authorized. */
  buyerActionRequired?: BuyerActionRequired | null
  charges: AmazonPayChargeRecord[]
  refunds: AmazonPayRefundRecord[]
  chargebacks: AmazonPayChargebackRecord[]
}

function asString(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null
}

function asPrice(value: unknown): Price | null {
  const price = value as Price | null | undefined
  return price && typeof price.amount === "string" && typeof price.currencyCode === "string"
    ? { amount: price.amount, currencyCode: price.currencyCode }
    : null
}

/**
 * Reads a record the provider wrote (`payment.data` after authorization: only the provider writes
 * it). Unknown keys are dropped; lists default to empty.
 */
export function readPaymentData(data: Record<string, unknown> | undefined | null): AmazonPayPaymentData {
  const raw = (data ?? {}) as Record<string, any>
  const storefront = Object.fromEntries(STOREFRONT_KEYS.filter((key) => raw[key] != null).map((key) => [key, raw[key]]))
  return {
    ...(storefront as StorefrontInput),
    session_id: asString(raw.session_id) ?? "",
    paymentCollectionId: asString(raw.paymentCollectionId),
    checkoutSessionId: asString(raw.checkoutSessionId),
    chargePermissionId: asString(raw.chargePermissionId),
    chargePermissionState: asString(raw.chargePermissionState),
    chargePermissionReasons: Array.isArray(raw.chargePermissionReasons) ? raw.chargePermissionReasons.filter((r: unknown) => typeof r === "string") : [],
    currencyCode: asString(raw.currencyCode) ?? "",
    chargeAmount: asPrice(raw.chargeAmount) as Price,
    amazonPayMode: raw.amazonPayMode === "on_authorize" ? "on_authorize" : "manual",
    ...(raw.button ? { button: raw.button as AmazonPayButtonConfig } : {}),
    ...(raw.amazonPayRedirectUrl !== undefined ? { amazonPayRedirectUrl: asString(raw.amazonPayRedirectUrl) } : {}),
    ...(raw.buyerActionRequired ? { buyerActionRequired: raw.buyerActionRequired as BuyerActionRequired } : {}),
    charges: Array.isArray(raw.charges) ? raw.charges : [],
    refunds: Array.isArray(raw.refunds) ? raw.refunds : [],
    chargebacks: Array.isArray(raw.chargebacks) ? raw.chargebacks : [],
  }
}

/**
 * What the provider returns for a session: the record, plus every other key the storefront sent
 * set to `undefined`. Medusa stores `{...storefront data, ...returned data}` as JSON, so those keys
 * are dropped instead of being kept next to the provider's fields (issue 10: a storefront's
 * `charges` was stored and later trusted).
 */
export function withoutForeignKeys(sent: Record<string, unknown> | undefined, record: AmazonPayPaymentData): Record<string, unknown> {
  const dropped = Object.fromEntries(Object.keys(sent ?? {}).map((key) => [key, undefined]))
  return { ...dropped, ...record }
}

/** Charges whose money moved or is moving (Captured, CaptureInitiated). */
export function capturedCharges(data: Pick<AmazonPayPaymentData, "charges">): AmazonPayChargeRecord[] {
  return data.charges.filter((c) => (c.state === "Captured" || c.state === "CaptureInitiated") && c.capturedAmount)
}

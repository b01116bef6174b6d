/**
 * The payment data record: what this provider keeps in Medusa's `payment_session.data` and
 * `payment.data`. Field names are stable (stores query them, IPN handling reads them) and hold no
 * secret: Amazon ids, states, amounts as Amazon Prices, and the signed button configuration (a
 * button signature authorizes only creating a checkout session for exactly that payload, which is
 * what the browser must receive anyway).
 *
 * Medusa replaces `payment.data` with what authorize/capture/refund return, so every hook returns
 * the whole record (Medusa payment module `capturePaymentFromProvider_`, `refundPaymentFromProvider_`).
 */
import type { Charge, Price, Refund } from "../../lib/amazon-pay/types"

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

export interface AmazonPayPaymentData {
  /** Medusa payment session id (Medusa's webhook handling looks sessions up by it). */
  session_id: string
  /** Amazon Checkout Session id, once the buyer has been to Amazon (storefront sends `amazonCheckoutSessionId`). */
  checkoutSessionId: string | null
  chargePermissionId: string | null
  chargePermissionState: string | null
  currencyCode: string
  /** The amount this session authorizes, as an Amazon Price (Medusa's session amount). */
  chargeAmount: Price
  amazonPayMode: AmazonPayMode
  /** Signed configuration for Amazon's button (until the checkout session exists). */
  button?: AmazonPayButtonConfig
  /** Where to send the buyer to confirm the payment (express flow, after Update Checkout Session). */
  amazonPayRedirectUrl?: string | null
  /**
   * Set when authorization returned `requires_more` because the buyer must (re)confirm on Amazon's
   * page (e.g. the cart total changed after the buyer confirmed); cleared once completed.
   */
  buyerActionRequired?: { reason: "BuyerConfirmationRequired"; message: string } | null
  charges: AmazonPayChargeRecord[]
  refunds: AmazonPayRefundRecord[]
  [extra: string]: unknown
}

function asString(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null
}

/**
 * Reads the record from Medusa's `data` (which also carries what the storefront sent). Missing
 * lists become empty lists; unknown fields are kept so nothing the storefront stored is lost.
 */
export function readPaymentData(data: Record<string, unknown> | undefined | null): AmazonPayPaymentData {
  const raw = (data ?? {}) as Record<string, any>
  return {
    ...raw,
    session_id: asString(raw.session_id) ?? "",
    checkoutSessionId: asString(raw.checkoutSessionId) ?? asString(raw.amazonCheckoutSessionId),
    chargePermissionId: asString(raw.chargePermissionId),
    chargePermissionState: asString(raw.chargePermissionState),
    currencyCode: asString(raw.currencyCode) ?? "",
    chargeAmount: raw.chargeAmount,
    amazonPayMode: raw.amazonPayMode === "on_authorize" ? "on_authorize" : "manual",
    charges: Array.isArray(raw.charges) ? raw.charges : [],
    refunds: Array.isArray(raw.refunds) ? raw.refunds : [],
  }
}

export function chargeRecordFromAmazon(charge: Charge, previous?: AmazonPayChargeRecord): AmazonPayChargeRecord {
  return {
    chargeId: charge.chargeId,
    amount: charge.chargeAmount,
    state: charge.statusDetails.state,
    reasonCode: charge.statusDetails.reasonCode ?? null,
    capturedAmount: charge.captureAmount ?? null,
    refundedAmount: charge.refundedAmount ?? null,
    ...(previous?.medusaCaptureId ? { medusaCaptureId: previous.medusaCaptureId } : {}),
    createdAt: charge.creationTimestamp ?? previous?.createdAt ?? new Date().toISOString(),
  }
}

/** Returns a new record with the charge inserted or replaced (by chargeId), keeping its Medusa capture id. */
export function upsertCharge(
  data: AmazonPayPaymentData,
  charge: Charge,
  medusaCaptureId?: string
): AmazonPayPaymentData {
  const previous = data.charges.find((c) => c.chargeId === charge.chargeId)
  const record = chargeRecordFromAmazon(charge, previous)
  if (medusaCaptureId) {
    record.medusaCaptureId = medusaCaptureId
  }
  const charges = previous
    ? data.charges.map((c) => (c.chargeId === charge.chargeId ? record : c))
    : [...data.charges, record]
  return { ...data, charges }
}

/** Returns a new record with the refund inserted or replaced (by refundId). */
export function upsertRefund(data: AmazonPayPaymentData, refund: Refund, medusaRefundId: string): AmazonPayPaymentData {
  const previous = data.refunds.find((r) => r.refundId === refund.refundId)
  const record: AmazonPayRefundRecord = {
    refundId: refund.refundId,
    chargeId: refund.chargeId,
    amount: refund.refundAmount,
    state: refund.statusDetails.state,
    reasonCode: refund.statusDetails.reasonCode ?? null,
    medusaRefundId: previous?.medusaRefundId ?? medusaRefundId,
  }
  const refunds = previous
    ? data.refunds.map((r) => (r.refundId === refund.refundId ? record : r))
    : [...data.refunds, record]
  return { ...data, refunds }
}

/** Charges whose money moved or is moving (Captured, CaptureInitiated). */
export function capturedCharges(data: AmazonPayPaymentData): AmazonPayChargeRecord[] {
  return data.charges.filter((c) => (c.state === "Captured" || c.state === "CaptureInitiated") && c.capturedAmount)
}

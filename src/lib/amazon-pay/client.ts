/**
 * Typed Amazon Pay Checkout v2 client: native fetch, node:crypto signing, idempotent retries.
 * Knows nothing of Medusa.
 *
 * SKELETON: the public surface below is fixed (the provider is written against it); the
 * implementation is being filled in.
 */
import type { KeyObject } from "node:crypto"
import type { SignatureAlgorithm } from "./signer"
import type {
  CancelChargeRequest,
  CaptureChargeRequest,
  Charge,
  ChargePermission,
  CheckoutSession,
  CloseChargePermissionRequest,
  CompleteCheckoutSessionRequest,
  CreateChargeRequest,
  CreateCheckoutSessionRequest,
  CreateRefundRequest,
  DeliveryTrackerRequest,
  DeliveryTrackerResponse,
  FinalizeCheckoutSessionRequest,
  Refund,
  UpdateChargePermissionRequest,
  UpdateCheckoutSessionRequest,
} from "./types"

export type AmazonPayRegion = "na" | "us" | "eu" | "uk" | "de" | "jp"

export interface RetryPolicy {
  /** Total attempts including the first. @default 4 */
  maxAttempts?: number
  /** First backoff delay; doubles each attempt, with full jitter. @default 200 */
  baseDelayMs?: number
  /** Cap for one backoff delay (and for an honoured Retry-After). @default 5000 */
  maxDelayMs?: number
  /** No new attempt starts after this much time since the first. @default 30000 */
  maxTotalMs?: number
}

export interface AmazonPayClientConfig {
  /** e.g. `SANDBOX-AHEGSJCM3L2S637RBGABLAFW`, `LIVE-...`, or a legacy ID without prefix. */
  publicKeyId: string
  /** PEM text, or a path to a PEM file. Parsed once into a KeyObject. */
  privateKey: string | KeyObject
  region: AmazonPayRegion
  /** Only for legacy key IDs without the LIVE-/SANDBOX- prefix: selects `/sandbox/v2` vs `/live/v2`. */
  sandbox?: boolean
  /** @default "AMZN-PAY-RSASSA-PSS-V2" */
  algorithm?: SignatureAlgorithm
  /** Overrides `https://pay-api.amazon.{com|eu|jp}`, e.g. the local sandbox `http://127.0.0.1:4010`. */
  baseUrl?: string
  /** Per-attempt timeout. @default 10000 */
  timeoutMs?: number
  /** `false` turns retries off. */
  retry?: RetryPolicy | false
}

export interface RequestOptions {
  /** `x-amz-pay-idempotency-key` for POSTs; generated when absent. At most 32 of [A-Za-z0-9_-]. */
  idempotencyKey?: string
  /** `x-amz-pay-simulation-code` (sandbox only). */
  simulationCode?: string
  signal?: AbortSignal
}

export declare class AmazonPayClient {
  constructor(config: AmazonPayClientConfig)
  readonly publicKeyId: string
  readonly algorithm: SignatureAlgorithm

  createCheckoutSession(body: CreateCheckoutSessionRequest, options?: RequestOptions): Promise<CheckoutSession>
  getCheckoutSession(checkoutSessionId: string, options?: RequestOptions): Promise<CheckoutSession>
  updateCheckoutSession(checkoutSessionId: string, body: UpdateCheckoutSessionRequest, options?: RequestOptions): Promise<CheckoutSession>
  /** 200 (Completed) and 202 (authorization pending) both resolve; read `statusDetails`/the charge. */
  completeCheckoutSession(checkoutSessionId: string, body: CompleteCheckoutSessionRequest, options?: RequestOptions): Promise<CheckoutSession>
  finalizeCheckoutSession(checkoutSessionId: string, body: FinalizeCheckoutSessionRequest, options?: RequestOptions): Promise<CheckoutSession>
  getChargePermission(chargePermissionId: string, options?: RequestOptions): Promise<ChargePermission>
  updateChargePermission(chargePermissionId: string, body: UpdateChargePermissionRequest, options?: RequestOptions): Promise<ChargePermission>
  closeChargePermission(chargePermissionId: string, body: CloseChargePermissionRequest, options?: RequestOptions): Promise<ChargePermission>
  createCharge(body: CreateChargeRequest, options?: RequestOptions): Promise<Charge>
  getCharge(chargeId: string, options?: RequestOptions): Promise<Charge>
  captureCharge(chargeId: string, body: CaptureChargeRequest, options?: RequestOptions): Promise<Charge>
  cancelCharge(chargeId: string, body: CancelChargeRequest, options?: RequestOptions): Promise<Charge>
  createRefund(body: CreateRefundRequest, options?: RequestOptions): Promise<Refund>
  getRefund(refundId: string, options?: RequestOptions): Promise<Refund>
  createDeliveryTracker(body: DeliveryTrackerRequest, options?: RequestOptions): Promise<DeliveryTrackerResponse>
  /**
   * Signs a `createCheckoutSessionConfig` payload for `amazon.Pay.renderButton`. The returned
   * `payloadJSON` is the exact string that was signed: pass it through unchanged.
   */
  signButtonPayload(payload: string | object): {
    payloadJSON: string
    signature: string
    publicKeyId: string
    algorithm: SignatureAlgorithm
  }
}

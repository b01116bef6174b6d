/**
 * Typed Amazon Pay Checkout v2 client: native fetch, node:crypto signing, idempotent retries.
 * Knows nothing of Medusa.
 *
 * Method names follow the official Node SDK; each resolves to Amazon's parsed JSON body and throws
 * AmazonPayError otherwise. Configuration (and the private key) is resolved once in the constructor;
 * a call serializes its body once and signs each attempt afresh (new x-amz-pay-date, same
 * idempotency key), as Amazon Pay API v2 "Signing requests" and "Idempotency" require.
 */
import type { KeyObject } from "node:crypto"
import { resolveClientConfig, type AmazonPayClientConfig } from "./config"
import { invalidInput } from "./response"
import { signButtonPayload, type SignatureAlgorithm } from "./signer"
import { AmazonPayTransport, type HttpMethod, type RequestOptions } from "./transport"
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
  Dispute,
  FinalizeCheckoutSessionRequest,
  Refund,
  UpdateChargePermissionRequest,
  UpdateCheckoutSessionRequest,
} from "./types"

export type { AmazonPayClientConfig, AmazonPayRegion, RetryPolicy } from "./config"
export type { RequestOptions } from "./transport"

// Amazon IDs are UUIDs or `S01-...-C000000`; anything else (slashes, dots, encodings) could change
// the path after signing or address a different resource, so it is refused before sending.
const RESOURCE_ID_PATTERN = /^(?!\.{1,2}$)[A-Za-z0-9._~-]{1,128}$/

export class AmazonPayClient {
  readonly publicKeyId: string
  readonly algorithm: SignatureAlgorithm
  readonly #privateKey: KeyObject
  readonly #transport: AmazonPayTransport

  constructor(config: AmazonPayClientConfig) {
    const resolved = resolveClientConfig(config)
    this.#privateKey = resolved.privateKey
    this.#transport = new AmazonPayTransport(resolved)
    this.publicKeyId = resolved.publicKeyId
    this.algorithm = resolved.algorithm
  }

  createCheckoutSession(body: CreateCheckoutSessionRequest, options?: RequestOptions): Promise<CheckoutSession> {
    return this.#call("createCheckoutSession", "POST", "/checkoutSessions", undefined, body, options)
  }
  getCheckoutSession(checkoutSessionId: string, options?: RequestOptions): Promise<CheckoutSession> {
    return this.#call("getCheckoutSession", "GET", "/checkoutSessions/", checkoutSessionId, undefined, options)
  }
  updateCheckoutSession(checkoutSessionId: string, body: UpdateCheckoutSessionRequest, options?: RequestOptions): Promise<CheckoutSession> {
    return this.#call("updateCheckoutSession", "PATCH", "/checkoutSessions/", checkoutSessionId, body, options)
  }
  /** 200 (Completed) and 202 (authorization pending) both resolve; read `statusDetails`/the charge. */
  completeCheckoutSession(checkoutSessionId: string, body: CompleteCheckoutSessionRequest, options?: RequestOptions): Promise<CheckoutSession> {
    return this.#call("completeCheckoutSession", "POST", "/checkoutSessions/", checkoutSessionId, body, options, "/complete")
  }
  finalizeCheckoutSession(checkoutSessionId: string, body: FinalizeCheckoutSessionRequest, options?: RequestOptions): Promise<CheckoutSession> {
    return this.#call("finalizeCheckoutSession", "POST", "/checkoutSessions/", checkoutSessionId, body, options, "/finalize")
  }
  getChargePermission(chargePermissionId: string, options?: RequestOptions): Promise<ChargePermission> {
    return this.#call("getChargePermission", "GET", "/chargePermissions/", chargePermissionId, undefined, options)
  }
  updateChargePermission(chargePermissionId: string, body: UpdateChargePermissionRequest, options?: RequestOptions): Promise<ChargePermission> {
    return this.#call("updateChargePermission", "PATCH", "/chargePermissions/", chargePermissionId, body, options)
  }
  /** DELETE with a signed JSON body (`closureReason`, `cancelPendingCharges`). */
  closeChargePermission(chargePermissionId: string, body: CloseChargePermissionRequest, options?: RequestOptions): Promise<ChargePermission> {
    return this.#call("closeChargePermission", "DELETE", "/chargePermissions/", chargePermissionId, body, options, "/close")
  }
  createCharge(body: CreateChargeRequest, options?: RequestOptions): Promise<Charge> {
    return this.#call("createCharge", "POST", "/charges", undefined, body, options)
  }
  getCharge(chargeId: string, options?: RequestOptions): Promise<Charge> {
    return this.#call("getCharge", "GET", "/charges/", chargeId, undefined, options)
  }
  captureCharge(chargeId: string, body: CaptureChargeRequest, options?: RequestOptions): Promise<Charge> {
    return this.#call("captureCharge", "POST", "/charges/", chargeId, body, options, "/capture")
  }
  /** DELETE with a signed JSON body (`cancellationReason`). */
  cancelCharge(chargeId: string, body: CancelChargeRequest, options?: RequestOptions): Promise<Charge> {
    return this.#call("cancelCharge", "DELETE", "/charges/", chargeId, body, options, "/cancel")
  }
  createRefund(body: CreateRefundRequest, options?: RequestOptions): Promise<Refund> {
    return this.#call("createRefund", "POST", "/refunds", undefined, body, options)
  }
  getRefund(refundId: string, options?: RequestOptions): Promise<Refund> {
    return this.#call("getRefund", "GET", "/refunds/", refundId, undefined, options)
  }
  /** A chargeback (Amazon Pay API v2 "Get Dispute"). */
  getDispute(disputeId: string, options?: RequestOptions): Promise<Dispute> {
    return this.#call("getDispute", "GET", "/disputes/", disputeId, undefined, options)
  }
  createDeliveryTracker(body: DeliveryTrackerRequest, options?: RequestOptions): Promise<DeliveryTrackerResponse> {
    return this.#call("createDeliveryTracker", "POST", "/deliveryTrackers", undefined, body, options)
  }

  /**
   * Signs a `createCheckoutSessionConfig` payload for `amazon.Pay.renderButton`. The returned
   * `payloadJSON` is the exact string that was signed: pass it through unchanged.
   */
  signButtonPayload(payload: string | object): {
    payloadJSON: string
    signature: string
    publicKeyId: string
    algorithm: SignatureAlgorithm
  } {
    const payloadJSON = typeof payload === "string" ? payload : JSON.stringify(payload)
    if (typeof payloadJSON !== "string") {
      throw invalidInput("signButtonPayload", "payload must be a JSON string or a JSON-serializable object")
    }
    const signature = signButtonPayload(this.#privateKey, this.algorithm, payloadJSON)
    return { payloadJSON, signature, publicKeyId: this.publicKeyId, algorithm: this.algorithm }
  }

  #call<T>(
    operation: string,
    method: HttpMethod,
    resource: string,
    id: string | undefined,
    body: unknown,
    options: RequestOptions | undefined,
    action = ""
  ): Promise<T> {
    if (id === undefined) {
      return this.#transport.request<T>(operation, method, resource, body, options)
    }
    if (typeof id !== "string" || !RESOURCE_ID_PATTERN.test(id)) {
      return Promise.reject(
        invalidInput(operation, "the resource id must be 1-128 characters of A-Z, a-z, 0-9, '.', '_', '~' and '-'")
      )
    }
    return this.#transport.request<T>(operation, method, resource + id + action, body, options)
  }
}

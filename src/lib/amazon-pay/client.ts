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
import { resolveClientConfig, type AmazonPayClientConfig, type ResolvedClientConfig } from "./config"
import { isAmazonPayError, type AmazonPayError } from "./errors"
import { generateIdempotencyKey, idempotencyKeyProblem } from "./idempotency"
import { httpError, invalidInput, parseSuccessBody, transportError } from "./response"
import { mayStartAnotherAttempt, parseRetryAfter, retryDelayMs, sleep, type ResolvedRetryPolicy } from "./retry"
import { formatAmzDate, signButtonPayload, signRequest, type SignatureAlgorithm } from "./signer"
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

export type { AmazonPayClientConfig, AmazonPayRegion, RetryPolicy } from "./config"

export interface RequestOptions {
  /** `x-amz-pay-idempotency-key` for POSTs; generated when absent. At most 32 of [A-Za-z0-9_-]. */
  idempotencyKey?: string
  /** `x-amz-pay-simulation-code` (sandbox only). */
  simulationCode?: string
  signal?: AbortSignal
}

type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE"

/** Outcome of one attempt; failures carry the server's Retry-After for the retry decision. */
type AttemptResult<T> = { ok: true; value: T } | { ok: false; error: AmazonPayError; retryAfterMs?: number }

// Amazon IDs are UUIDs or `S01-...-C000000`; anything else (slashes, dots, encodings) could change
// the path after signing or address a different resource, so it is refused before sending.
const RESOURCE_ID_PATTERN = /^(?!\.{1,2}$)[A-Za-z0-9._~-]{1,128}$/
const SIMULATION_CODE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export class AmazonPayClient {
  readonly publicKeyId: string
  readonly algorithm: SignatureAlgorithm
  readonly #privateKey: KeyObject
  readonly #config: Omit<ResolvedClientConfig, "privateKey">
  readonly #retry: ResolvedRetryPolicy

  constructor(config: AmazonPayClientConfig) {
    const { privateKey, ...resolved } = resolveClientConfig(config)
    this.#privateKey = privateKey
    this.#config = resolved
    this.#retry = resolved.retry
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

  async #call<T>(
    operation: string,
    method: HttpMethod,
    resource: string,
    id: string | undefined,
    body: unknown,
    options: RequestOptions | undefined,
    action = ""
  ): Promise<T> {
    if (id !== undefined && (typeof id !== "string" || !RESOURCE_ID_PATTERN.test(id))) {
      throw invalidInput(operation, "the resource id must be 1-128 characters of A-Z, a-z, 0-9, '.', '_', '~' and '-'")
    }
    const simulationCode = options?.simulationCode
    if (simulationCode !== undefined && !SIMULATION_CODE_PATTERN.test(simulationCode)) {
      throw invalidInput(operation, "simulationCode must be 1-64 characters of A-Z, a-z, 0-9, _ and -")
    }
    let idempotencyKey: string | undefined
    if (method === "POST") {
      idempotencyKey = options?.idempotencyKey ?? generateIdempotencyKey()
      const problem = options?.idempotencyKey === undefined ? null : idempotencyKeyProblem(idempotencyKey)
      if (problem) {
        throw invalidInput(operation, problem)
      }
    }
    // Serialized once: every attempt sends (and signs) the identical bytes.
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const path = id === undefined ? this.#config.pathPrefix + resource : this.#config.pathPrefix + resource + id + action
    const signal = options?.signal
    const started = Date.now()

    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) {
        throw transportError("aborted", 0, signal.reason, { operation, attempts: attempt - 1, requestId: undefined })
      }
      const remainingMs = this.#retry.maxTotalMs - (Date.now() - started)
      const timeoutMs = this.#retry.maxAttempts > 1 ? Math.max(1, Math.min(this.#config.timeoutMs, remainingMs)) : this.#config.timeoutMs
      const result = await this.#attempt<T>(operation, attempt, method, path, payload, idempotencyKey, simulationCode, timeoutMs, signal)
      if (result.ok) {
        return result.value
      }
      if (!result.error.retryable) {
        throw result.error
      }
      const delayMs = retryDelayMs(this.#retry, attempt + 1, result.retryAfterMs, Math.random())
      if (!mayStartAnotherAttempt(this.#retry, attempt, Date.now() - started, delayMs)) {
        throw result.error
      }
      try {
        await sleep(delayMs, signal)
      } catch (reason) {
        throw transportError("aborted", 0, reason, { operation, attempts: attempt, requestId: undefined })
      }
    }
  }

  async #attempt<T>(
    operation: string,
    attempt: number,
    method: HttpMethod,
    path: string,
    payload: string | undefined,
    idempotencyKey: string | undefined,
    simulationCode: string | undefined,
    timeoutMs: number,
    signal: AbortSignal | undefined
  ): Promise<AttemptResult<T>> {
    const headers: Record<string, string> = {
      accept: "application/json",
      "content-type": "application/json",
      "x-amz-pay-date": formatAmzDate(new Date()),
      "x-amz-pay-host": this.#config.host,
      "x-amz-pay-region": this.#config.region,
    }
    if (idempotencyKey !== undefined) {
      headers["x-amz-pay-idempotency-key"] = idempotencyKey
    }
    if (simulationCode !== undefined) {
      headers["x-amz-pay-simulation-code"] = simulationCode
    }
    // Signed headers are exactly the ones above; authorization is added after signing.
    headers.authorization = signRequest({
      method,
      path,
      headers,
      body: payload ?? "",
      privateKey: this.#privateKey,
      publicKeyId: this.publicKeyId,
      algorithm: this.algorithm,
    }).authorization

    // One controller per attempt: our timeout and the caller's signal both end this attempt only.
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    const forwardAbort = () => controller.abort()
    signal?.addEventListener("abort", forwardAbort, { once: true })
    let requestId: string | undefined
    try {
      const response = await fetch(this.#config.origin + path, {
        method,
        headers,
        body: payload,
        signal: controller.signal,
      })
      requestId = response.headers.get("x-amz-pay-request-id") ?? undefined
      const text = await response.text()
      const context = { operation, attempts: attempt, requestId }
      if (response.ok) {
        return { ok: true, value: parseSuccessBody<T>(response.status, text, context) }
      }
      return {
        ok: false,
        error: httpError(response.status, response.statusText, text, context),
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
      }
    } catch (error) {
      if (isAmazonPayError(error)) {
        throw error
      }
      const kind = signal?.aborted ? "aborted" : controller.signal.aborted ? "timeout" : "network"
      return { ok: false, error: transportError(kind, timeoutMs, error, { operation, attempts: attempt, requestId }) }
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener("abort", forwardAbort)
    }
  }
}

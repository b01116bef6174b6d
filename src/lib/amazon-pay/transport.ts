/**
 * The request engine behind AmazonPayClient: one logical call = validated options, a body
 * serialized once, and attempts that are each signed afresh (new x-amz-pay-date, same idempotency
 * key; Amazon Pay API v2 "Signing requests", "Idempotency") and retried per the policy in retry.ts.
 *
 * The hot path is deliberately plain: configuration and the KeyObject are resolved once, headers
 * are one object literal that is both signed and sent, and the date string is formatted once per second.
 */
import type { KeyObject } from "node:crypto"
import type { ResolvedClientConfig } from "./config"
import { isAmazonPayError, type AmazonPayError } from "./errors"
import { generateIdempotencyKey, idempotencyKeyProblem } from "./idempotency"
import { httpError, invalidInput, parseSuccessBody, transportError } from "./response"
import { mayStartAnotherAttempt, parseRetryAfter, retryDelayMs, sleep, type ResolvedRetryPolicy } from "./retry"
import { formatAmzDate, signRequest } from "./signer"

export interface RequestOptions {
  /** `x-amz-pay-idempotency-key` for POSTs; generated when absent. At most 32 of [A-Za-z0-9_-]. */
  idempotencyKey?: string
  /** `x-amz-pay-simulation-code` (sandbox only). */
  simulationCode?: string
  signal?: AbortSignal
}

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE"

/** Outcome of one attempt; failures carry the server's Retry-After for the retry decision. */
type AttemptResult<T> = { ok: true; value: T } | { ok: false; error: AmazonPayError; retryAfterMs?: number }

const SIMULATION_CODE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export class AmazonPayTransport {
  readonly #privateKey: KeyObject
  readonly #config: ResolvedClientConfig
  readonly #retry: ResolvedRetryPolicy

  constructor(config: ResolvedClientConfig) {
    this.#config = config
    this.#privateKey = config.privateKey
    this.#retry = config.retry
  }

  // x-amz-pay-date has one-second resolution: format it once per second, not once per request.
  #dateSecond = -1
  #dateText = ""
  #amzDate(): string {
    const now = Date.now()
    const second = Math.floor(now / 1000)
    if (second !== this.#dateSecond) {
      this.#dateSecond = second
      this.#dateText = formatAmzDate(new Date(second * 1000))
    }
    return this.#dateText
  }

  /** One logical call: validated, serialized once, then attempted (and re-signed) per the retry policy. */
  async request<T>(
    operation: string,
    method: HttpMethod,
    resourcePath: string,
    body: unknown,
    options: RequestOptions | undefined
  ): Promise<T> {
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
    const path = this.#config.pathPrefix + resourcePath
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
      "x-amz-pay-date": this.#amzDate(),
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
      publicKeyId: this.#config.publicKeyId,
      algorithm: this.#config.algorithm,
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

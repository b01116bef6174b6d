/**
 * Turning one HTTP answer (or its absence) into a parsed body or an AmazonPayError.
 *
 * Error text is built only from Amazon's reply and our own words, and is passed through `redact`
 * anyway: a proxy or a misbehaving server echoing our request must not smuggle the Authorization
 * header, a signature or key material into logs.
 */
import { AmazonPayError, DECLINE_REASON_CODES, isRetryableStatus } from "./errors"

/** Generic codes for answers without a usable Amazon `reasonCode` (Amazon's own names where they exist). */
const STATUS_REASON_CODES: Record<number, string> = {
  400: "InvalidRequest",
  401: "UnauthorizedAccess",
  403: "UnauthorizedAccess",
  404: "ResourceNotFound",
  408: "RequestTimeout",
  409: "Conflict",
  413: "RequestEntityTooLarge",
  422: "UnprocessableEntity",
  425: "TooEarly",
  429: "TooManyRequests",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
}

const REASON_CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/
const MAX_MESSAGE_LENGTH = 300

export function genericReasonCode(status: number): string {
  return STATUS_REASON_CODES[status] ?? (status >= 500 ? "InternalServerError" : `HttpStatus${status}`)
}

/** Removes anything shaped like our secrets from text that came from the network. */
export function redact(text: string): string {
  return text
    .replace(/-----BEGIN [^-]*-----[\s\S]*?(-----END [^-]*-----|$)/g, "[redacted key]")
    .replace(/AMZN-PAY-RSASSA-PSS(-V2)?\s+PublicKeyId=[^\s]*[^\n]*/g, "[redacted authorization]")
    .replace(/Signature=[A-Za-z0-9+/=_-]+/gi, "Signature=[redacted]")
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export interface ErrorContext {
  operation: string
  attempts: number
  requestId: string | undefined
}

/**
 * An HTTP error answer. Amazon's error body is `{reasonCode, message}`; for 5xx a body that is not
 * that shape (an HTML page from a load balancer, a misleading code) falls back to a generic code.
 */
export function httpError(status: number, statusText: string, bodyText: string, context: ErrorContext): AmazonPayError {
  const body = tryParseJson(bodyText) as { reasonCode?: unknown; message?: unknown } | undefined
  const amazonCode =
    body && typeof body === "object" && typeof body.reasonCode === "string" && REASON_CODE_PATTERN.test(body.reasonCode)
      ? body.reasonCode
      : undefined
  const amazonMessage = body && typeof body === "object" && typeof body.message === "string" ? body.message : undefined
  const reasonCode = amazonCode ?? genericReasonCode(status)
  const message = amazonMessage
    ? redact(amazonMessage.slice(0, 8 * MAX_MESSAGE_LENGTH)).slice(0, MAX_MESSAGE_LENGTH)
    : `HTTP ${status}${statusText ? ` ${statusText}` : ""} without an Amazon Pay error body`
  return new AmazonPayError({
    operation: context.operation,
    status,
    reasonCode,
    message,
    // A decline below 500 is Amazon's answer, not a failure to answer (a 5xx body may mislead).
    retryable: isRetryableStatus(status) && !(status < 500 && amazonCode !== undefined && DECLINE_REASON_CODES.has(amazonCode)),
    attempts: context.attempts,
    requestId: context.requestId,
  })
}

/** A 2xx answer's JSON body, or InvalidResponse when it is not JSON (not retried: Amazon did act). */
export function parseSuccessBody<T>(status: number, bodyText: string, context: ErrorContext): T {
  const body = bodyText.length > 0 ? tryParseJson(bodyText) : undefined
  if (body === undefined || body === null || typeof body !== "object") {
    throw new AmazonPayError({
      operation: context.operation,
      status,
      reasonCode: "InvalidResponse",
      message: `HTTP ${status} answer is not a JSON object`,
      retryable: false,
      attempts: context.attempts,
      requestId: context.requestId,
    })
  }
  return body as T
}

/** No HTTP answer: our per-attempt timeout fired, the caller aborted, or the network failed. */
export function transportError(
  kind: "timeout" | "aborted" | "network",
  timeoutMs: number,
  cause: unknown,
  context: ErrorContext
): AmazonPayError {
  // fetch reports "fetch failed" and hides the useful part (ECONNREFUSED, ECONNRESET...) in `cause`.
  const inner = cause instanceof Error ? (cause.cause as { code?: unknown; message?: unknown } | undefined) : undefined
  const parts = [cause instanceof Error ? cause.message : "unknown error", inner?.code ?? inner?.message]
  const causeText = redact(parts.filter((p) => typeof p === "string" && p).join(": ")).slice(0, MAX_MESSAGE_LENGTH)
  const details = {
    timeout: { reasonCode: "RequestTimeout", message: `no answer within ${timeoutMs} ms`, retryable: true },
    aborted: { reasonCode: "RequestAborted", message: "the caller aborted the request", retryable: false },
    network: { reasonCode: "NetworkError", message: `network failure: ${causeText}`, retryable: true },
  }[kind]
  return new AmazonPayError({ operation: context.operation, ...details, attempts: context.attempts, requestId: undefined })
}

/** Input refused before anything was sent (attempts: 0). */
export function invalidInput(operation: string, message: string): AmazonPayError {
  return new AmazonPayError({
    operation,
    reasonCode: "InvalidParameterValue",
    message,
    retryable: false,
    attempts: 0,
  })
}

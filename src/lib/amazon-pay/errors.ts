/**
 * The one error type the client throws. It carries what a caller needs to decide (HTTP status,
 * Amazon's `reasonCode`, whether the failure was retryable) and never the private key, the
 * signature or the Authorization header: messages are built only from Amazon's reply and our own
 * words, so they are safe to log.
 */

/** Failures that never reached an HTTP answer. */
export type TransportReasonCode = "NetworkError" | "RequestTimeout" | "InvalidResponse"

export interface AmazonPayErrorInit {
  /** e.g. `captureCharge`. */
  operation: string
  /** HTTP status, or `undefined` when no answer arrived (network error, timeout). */
  status?: number
  /** Amazon's `reasonCode` (open string), or a transport reason. */
  reasonCode: string
  message: string
  /** Whether the failure is of a kind that may be retried (408, 425, 429, 5xx, network, timeout). */
  retryable: boolean
  /** Attempts made, including the first. */
  attempts?: number
  /** Amazon's `x-amz-pay-request-id`, when present. */
  requestId?: string
  cause?: unknown
}

export class AmazonPayError extends Error {
  override readonly name = "AmazonPayError"
  readonly operation: string
  readonly status: number | undefined
  readonly reasonCode: string
  readonly retryable: boolean
  readonly attempts: number
  readonly requestId: string | undefined

  constructor(init: AmazonPayErrorInit) {
    const where = init.status === undefined ? "no response" : `HTTP ${init.status}`
    super(`Amazon Pay ${init.operation} failed (${where}, ${init.reasonCode}): ${init.message}`, {
      cause: init.cause,
    })
    this.operation = init.operation
    this.status = init.status
    this.reasonCode = init.reasonCode
    this.retryable = init.retryable
    this.attempts = init.attempts ?? 1
    this.requestId = init.requestId
  }

  /** Plain data for logs and payment records. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      operation: this.operation,
      status: this.status,
      reasonCode: this.reasonCode,
      message: this.message,
      retryable: this.retryable,
      attempts: this.attempts,
      requestId: this.requestId,
    }
  }
}

export function isAmazonPayError(error: unknown): error is AmazonPayError {
  return error instanceof AmazonPayError
}

/** HTTP statuses Amazon Pay documents as safe to retry (API v2 "Error handling"). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500
}

/**
 * Amazon's reason codes for a payment it declined ("Charge" reason codes; "If Create Charge returns
 * a different HTTP status code [than 201], check the reasonCode"). Such an answer is definite, even
 * when it comes with a status that is otherwise retryable (408 TransactionTimedOut: the authorization
 * timed out at the bank; retrying the same key only replays it).
 */
export const DECLINE_REASON_CODES: ReadonlySet<string> = new Set([
  "SoftDeclined",
  "HardDeclined",
  "AmazonRejected",
  "ProcessingFailure",
  "TransactionTimedOut",
  "MFANotCompleted",
  "PaymentMethodNotAllowed",
  "Declined",
  "BuyerCanceled",
  "AmazonCanceled",
])

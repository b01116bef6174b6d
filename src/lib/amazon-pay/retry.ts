/**
 * Retry policy: which failures are retried, and how long to wait before the next attempt.
 *
 * Amazon Pay API v2 "Error handling" names 408, 425, 429 and 5xx as retryable (plus failures that
 * never got an answer). Waits are exponential with full jitter (AWS Architecture Blog "Exponential
 * Backoff and Jitter") so that many shops retrying after one outage do not hit Amazon in lockstep;
 * a `Retry-After` from Amazon wins over the computed wait but is capped by `maxDelayMs`.
 *
 * Everything here is a pure function of the policy (plus the random draw, passed in): the client
 * sleeps for real, and tests use tiny real delays instead of fake timers.
 */
export interface ResolvedRetryPolicy {
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  maxTotalMs: number
}

export const DEFAULT_RETRY_POLICY: ResolvedRetryPolicy = Object.freeze({
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxTotalMs: 30_000,
})

/** `false` means exactly one attempt. */
export function resolveRetryPolicy(policy: Partial<ResolvedRetryPolicy> | false | undefined): ResolvedRetryPolicy {
  if (policy === false) {
    return { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 }
  }
  return { ...DEFAULT_RETRY_POLICY, ...stripUndefined(policy ?? {}) }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}



/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110 section 10.2.3).
 * `undefined` when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (!value) {
    return undefined
  }
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000
  }
  // An HTTP date always names its weekday and month; anything else ("-1", "1.5") is unreadable.
  const date = /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs)
}

/**
 * Wait before attempt `nextAttempt` (2 for the first retry). Full jitter: uniform in
 * [0, min(maxDelayMs, baseDelayMs * 2^(nextAttempt-2))]. A server's Retry-After replaces it, capped.
 */
export function retryDelayMs(
  policy: ResolvedRetryPolicy,
  nextAttempt: number,
  retryAfterMs: number | undefined,
  random: number
): number {
  if (retryAfterMs !== undefined) {
    return Math.min(retryAfterMs, policy.maxDelayMs)
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, nextAttempt - 2))
  return Math.floor(random * ceiling)
}

/**
 * Whether another attempt may start: attempts left, and the attempt would begin (after `delayMs`)
 * before `maxTotalMs` since the first attempt started.
 */
export function mayStartAnotherAttempt(
  policy: ResolvedRetryPolicy,
  attemptsMade: number,
  elapsedMs: number,
  delayMs: number
): boolean {
  return attemptsMade < policy.maxAttempts && elapsedMs + delayMs < policy.maxTotalMs
}

/** Real sleep that ends early (rejecting with the signal's reason) when the caller aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 && !signal?.aborted) {
    return Promise.resolve()
  }
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort)
      resolve()
    }, ms)
    signal?.addEventListener("abort", onAbort, { once: true })
  })
}

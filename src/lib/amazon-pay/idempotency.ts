/**
 * `x-amz-pay-idempotency-key` (Amazon Pay API v2 "Idempotency"): POST only, at most 32 characters
 * of [A-Za-z0-9_-]. Amazon returns the stored response for a reused key, so one key per logical
 * call, reused by every retry, is what makes retrying a POST safe (Magento's plugin drew a fresh key
 * per attempt and lost that protection).
 */
import { randomBytes } from "node:crypto"

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,32}$/

/** 24 random bytes in base64url: exactly 32 characters from the allowed alphabet. */
export function generateIdempotencyKey(): string {
  return randomBytes(24).toString("base64url")
}

export function isValidIdempotencyKey(value: unknown): value is string {
  return typeof value === "string" && IDEMPOTENCY_KEY_PATTERN.test(value)
}

/** Why a caller's key is refused, or `null` when it is valid. Never repeats the key itself. */
export function idempotencyKeyProblem(value: unknown): string | null {
  if (typeof value !== "string") {
    return "idempotencyKey must be a string"
  }
  if (value.length === 0 || value.length > 32) {
    return `idempotencyKey must be 1-32 characters long (got ${value.length})`
  }
  return IDEMPOTENCY_KEY_PATTERN.test(value) ? null : "idempotencyKey may contain only A-Z, a-z, 0-9, _ and -"
}

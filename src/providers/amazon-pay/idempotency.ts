/**
 * Amazon idempotency keys derived from Medusa's ids. Amazon Pay API v2 "Idempotency": at most 32
 * characters of [A-Za-z0-9_-]; a reused key returns the stored response, a reused key with another
 * body fails with DuplicateIdempotencyKey. Medusa hands us its row ids as `context.idempotency_key`
 * (`payses_...` is 33 characters, `capt_...` 31, `ref_...` 30), so keys are derived
 * deterministically: the same Medusa id and purpose always give the same Amazon key, and a key that
 * does not fit is replaced by a hash of it instead of being cut (cutting could merge two keys).
 */
import { createHash } from "node:crypto"
import { MedusaError } from "@medusajs/framework/utils"

const VALID = /^[A-Za-z0-9_-]{1,32}$/

/**
 * `medusaKey` plus an optional purpose suffix (e.g. `-0` for the first refund piece) as an Amazon
 * key: used verbatim when valid, else `h` + 31 characters of base64url(sha256).
 */
export function amazonIdempotencyKey(medusaKey: string | undefined | null, suffix = ""): string {
  if (!medusaKey) {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      "Amazon Pay provider needs Medusa's context.idempotency_key for this operation and got none"
    )
  }
  const candidate = `${medusaKey}${suffix}`
  if (VALID.test(candidate)) {
    return candidate
  }
  return `h${createHash("sha256").update(candidate).digest("base64url").slice(0, 31)}`
}

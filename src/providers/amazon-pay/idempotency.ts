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

/**
 * A key derived from the payment's recorded state instead of Medusa's row id, for money-moving
 * calls that Medusa may retry under a NEW row id after a lost answer (a failed capture/refund
 * deletes the Capture/Refund row: Medusa issue 16292). Medusa only stores the returned payment
 * data on success, so a retry sees the same recorded state and sends the same key, and Amazon
 * replays its stored answer instead of moving money again; a legitimately new operation sees the
 * previous one recorded and gets a new key. Amazon keeps keys for 24 hours ("Idempotency"): a
 * retry later than that is no longer protected by the key. `purpose` + sha256 of the parts, 32
 * characters of [A-Za-z0-9_-].
 */
export function stateIdempotencyKey(purpose: "r" | "c", parts: ReadonlyArray<string>): string {
  const digest = createHash("sha256").update(JSON.stringify([purpose, ...parts])).digest("base64url")
  return `${purpose}${digest.slice(0, 31)}`
}

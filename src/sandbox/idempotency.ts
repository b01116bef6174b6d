/**
 * Idempotency as Amazon Pay implements it ("Idempotency key", API v2 basics): a key of at most 32
 * characters of [A-Za-z0-9_-]; a reused key with the same request returns the stored response
 * (status and body) without doing anything again; the same key with a different request is
 * refused with 400 DuplicateIdempotencyKey. Keys are scoped per public key id (per merchant key).
 */
import { createHash } from "node:crypto"
import { badRequest } from "./errors"

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,32}$/

export interface StoredResponse {
  status: number
  body: string
}

interface Entry {
  fingerprint: string
  response: StoredResponse
}

export function checkIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw badRequest("InvalidParameterValue", "x-amz-pay-idempotency-key must be 1 to 32 characters of A-Z a-z 0-9 _ -")
  }
}

export function requestFingerprint(method: string, path: string, body: Buffer): string {
  return createHash("sha256").update(`${method}\n${path}\n`).update(body).digest("hex")
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>()

  /** The stored response for a replay, `null` for a new key; throws on a conflicting reuse. */
  lookup(publicKeyId: string, key: string, fingerprint: string): StoredResponse | null {
    const entry = this.entries.get(`${publicKeyId}\n${key}`)
    if (!entry) {
      return null
    }
    if (entry.fingerprint !== fingerprint) {
      throw badRequest("DuplicateIdempotencyKey", "This idempotency key was already used with a different request")
    }
    return entry.response
  }

  save(publicKeyId: string, key: string, fingerprint: string, response: StoredResponse): void {
    this.entries.set(`${publicKeyId}\n${key}`, { fingerprint, response })
  }

  size(): number {
    return this.entries.size
  }

  clear(): void {
    this.entries.clear()
  }
}

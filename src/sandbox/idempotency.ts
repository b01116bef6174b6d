/**
 * Idempotency as Amazon Pay implements it ("Idempotency key", API v2 basics): a key of at most 32
 * characters of [A-Za-z0-9_-]; a reused key with the same request returns the stored response
 * (status and body) without doing anything again; the same key with a different request is
 * refused with 400 DuplicateIdempotencyKey. Keys are scoped per public key id (per merchant key).
 * Amazon keeps keys for 24 hours; so does the sandbox (on its clock), and it holds at most
 * MAX_ENTRIES so a long-running sandbox cannot grow without bound.
 */
import { createHash } from "node:crypto"
import { badRequest } from "./errors"

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,32}$/
export const IDEMPOTENCY_KEY_RETENTION_MS = 24 * 60 * 60 * 1000
export const MAX_ENTRIES = 100_000

export interface StoredResponse {
  status: number
  body: string
}

interface Entry {
  fingerprint: string
  response: StoredResponse
  savedAt: number
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
  lookup(publicKeyId: string, key: string, fingerprint: string, nowMs: number): StoredResponse | null {
    const id = `${publicKeyId}\n${key}`
    const entry = this.entries.get(id)
    if (!entry) {
      return null
    }
    if (nowMs - entry.savedAt > IDEMPOTENCY_KEY_RETENTION_MS) {
      this.entries.delete(id)
      return null
    }
    if (entry.fingerprint !== fingerprint) {
      throw badRequest("DuplicateIdempotencyKey", "This idempotency key was already used with a different request")
    }
    return entry.response
  }

  save(publicKeyId: string, key: string, fingerprint: string, response: StoredResponse, nowMs: number): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: the first key is the oldest.
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) {
        this.entries.delete(oldest)
      }
    }
    this.entries.set(`${publicKeyId}\n${key}`, { fingerprint, response, savedAt: nowMs })
  }

  size(): number {
    return this.entries.size
  }

  clear(): void {
    this.entries.clear()
  }
}

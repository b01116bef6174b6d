/**
 * Idempotency as Amazon Pay documents it ("Idempotency key", API v2 "Idempotency"): a key of at most
 * 32 characters of [A-Za-z0-9_-]; keys are "unique per merchant account" and "stored indefinitely";
 * "Amazon Pay saves the response to the first request made with an idempotency key", so a replay
 * (same key, method, path and body) gets that first answer, a success or a definite failure, without
 * anything being done again; the same key with another request is refused with 400
 * DuplicateIdempotencyKey.
 *
 * Not stored: server errors (5xx) and throttling (429). Nothing was decided, so a retry with the same
 * key must be able to succeed (Amazon Pay "Error handling": retry on 429 and 5xx).
 *
 * Bound: Amazon keeps keys indefinitely; the sandbox keeps them for as long as it runs, up to
 * MAX_ENTRIES keys and MAX_STORED_BYTES of stored answers per sandbox. Past either bound the oldest
 * key is forgotten first (a documented deviation that only a run of more than 100,000 keyed
 * requests can meet).
 */
import { createHash } from "node:crypto"
import { badRequest } from "./api-error"

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,32}$/
export const MAX_ENTRIES = 100_000
export const MAX_STORED_BYTES = 64 * 1024 * 1024

export interface StoredResponse {
  status: number
  body: string
}

interface Entry {
  fingerprint: string
  response: StoredResponse
  bytes: number
}

export interface IdempotencyLimits {
  maxEntries?: number
  maxStoredBytes?: number
}

export function checkIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw badRequest("InvalidParameterValue", "x-amz-pay-idempotency-key must be 1 to 32 characters of A-Z a-z 0-9 _ -")
  }
}

export function requestFingerprint(method: string, path: string, body: Buffer): string {
  return createHash("sha256").update(`${method}\n${path}\n`).update(body).digest("hex")
}

/** The first answer to a key is final unless nothing was decided: throttled (429) or a server error (5xx). */
export function isStoredAnswer(status: number): boolean {
  return status !== 429 && status < 500
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>()
  private storedBytes = 0
  private readonly maxEntries: number
  private readonly maxStoredBytes: number

  constructor(limits: IdempotencyLimits = {}) {
    this.maxEntries = limits.maxEntries ?? MAX_ENTRIES
    this.maxStoredBytes = limits.maxStoredBytes ?? MAX_STORED_BYTES
  }

  /** The stored response for a replay, `null` for a new key; throws on a conflicting reuse. */
  lookup(merchantId: string, key: string, fingerprint: string): StoredResponse | null {
    const entry = this.entries.get(entryId(merchantId, key))
    if (!entry) {
      return null
    }
    if (entry.fingerprint !== fingerprint) {
      throw badRequest("DuplicateIdempotencyKey", "This idempotency key was already used with a different request")
    }
    return entry.response
  }

  /** Keeps the first answer to the key (`isStoredAnswer`); a later save for the same key is ignored. */
  save(merchantId: string, key: string, fingerprint: string, response: StoredResponse): void {
    const id = entryId(merchantId, key)
    if (!isStoredAnswer(response.status) || this.entries.has(id)) {
      return
    }
    const bytes = Buffer.byteLength(response.body) + fingerprint.length + id.length
    this.entries.set(id, { fingerprint, response, bytes })
    this.storedBytes += bytes
    this.evictBeyondBounds()
  }

  size(): number {
    return this.entries.size
  }

  clear(): void {
    this.entries.clear()
    this.storedBytes = 0
  }

  private evictBeyondBounds(): void {
    // Maps iterate in insertion order: the first key is the oldest.
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.storedBytes <= this.maxStoredBytes) {
        return
      }
      this.entries.delete(id)
      this.storedBytes -= entry.bytes
    }
  }
}

const entryId = (merchantId: string, key: string): string => `${merchantId}\n${key}`

/**
 * Verifies Amazon SNS signatures on IPN envelopes (Amazon SNS "Verifying the signatures of Amazon
 * SNS messages"; Amazon Pay "Instant Payment Notifications").
 *
 * Written here with node:crypto rather than taken from npm: there is no well-kept Node SNS
 * validator that supports both SignatureVersion 1 (RSA-SHA1) and 2 (RSA-SHA256), bounds its
 * certificate cache and lets a store explicitly trust the local sandbox's certificate; AWS's own
 * `sns-validator` is unmaintained and downloads with `http.get` (no timeout, no size bound).
 *
 * Rules: only trusted certificate URLs are ever fetched (`isTrustedSnsCertUrl`, or an exact URL the
 * caller opted into with `trustedSandboxCertUrls`); the parsed public key (not the PEM) is cached in
 * a bounded LRU, so a warm verify is one `crypto.verify`; concurrent verifies of a cold URL share one
 * download; failed downloads are not cached.
 */
import { X509Certificate, verify as cryptoVerify, type KeyObject } from "node:crypto"
import { fetchCertificateText } from "./sns-cert-fetch"
import { isTrustedSnsCertUrl } from "./sns-cert-url"
import { SNS_SIGNATURE_DIGESTS, SnsEnvelopeError, buildSnsStringToSign, parseIpnMessage, parseSnsEnvelope } from "./sns"
import type { IpnMessage, SnsEnvelope } from "./types"

export type SnsVerificationReason =
  | "UntrustedCertUrl"
  | "UnsupportedSignatureVersion"
  | "UnsupportedMessageType"
  | "CertificateFetchFailed"
  | "InvalidCertificate"
  | "CertificateExpired"
  | "BadSignature"
  | "InvalidTimestamp"
  | "StaleTimestamp"

/** Why an envelope was refused. Messages name the reason and the certificate URL, never the signature. */
export class SnsVerificationError extends Error {
  override readonly name = "SnsVerificationError"
  constructor(
    readonly reason: SnsVerificationReason,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

export interface SnsVerifierOptions {
  /** Downloads a certificate's PEM. Only ever called with trusted URLs. Default: native fetch, 5 s, 16 KiB. */
  fetchCertificate?: (url: string) => Promise<string>
  /**
   * Exact certificate URLs of the local Amazon Pay sandbox (e.g. `http://127.0.0.1:4010/sandbox/ipn/cert.pem`),
   * trusted although they are not Amazon SNS hosts. Explicit opt-in for tests and demos only.
   */
  trustedSandboxCertUrls?: readonly string[]
  /** Parsed certificates kept (LRU). Default 32; SNS rotates certificates rarely. */
  cacheSize?: number
  now?: () => Date
  /**
   * Refuse envelopes whose `Timestamp` is further than this from `now()`. Off by default: an IPN
   * carries no state (the store GETs the object), so a replay only causes one more GET, while a
   * window would drop genuine late SNS redeliveries and sandbox messages sent on an advanced clock.
   */
  maxAgeMs?: number
  /**
   * Distinct certificate downloads allowed at once (default 4). Anyone can POST envelopes naming
   * made-up `https://sns.<region>.amazonaws.com/<x>.pem` URLs; this keeps them from turning the
   * store into a download pump. Verifies over the bound fail with CertificateFetchFailed.
   */
  maxConcurrentDownloads?: number
}

interface CachedKey {
  publicKey: KeyObject
  notAfter: number
  notBefore: number
}

export const DEFAULT_SNS_CERT_CACHE_SIZE = 32
export const DEFAULT_MAX_CONCURRENT_CERT_DOWNLOADS = 4

export class SnsVerifier {
  private readonly fetchCertificate: (url: string) => Promise<string>
  private readonly sandboxUrls: ReadonlySet<string>
  private readonly cacheSize: number
  private readonly now: () => Date
  private readonly maxAgeMs: number | undefined
  private readonly maxDownloads: number
  /** Map iteration order is insertion order: the first key is the least recently used. */
  private readonly cache = new Map<string, CachedKey>()
  private readonly inFlight = new Map<string, Promise<CachedKey>>()

  constructor(options: SnsVerifierOptions = {}) {
    this.fetchCertificate = options.fetchCertificate ?? ((url) => fetchCertificateText(url))
    this.sandboxUrls = new Set(options.trustedSandboxCertUrls ?? [])
    this.cacheSize = Math.max(1, Math.floor(options.cacheSize ?? DEFAULT_SNS_CERT_CACHE_SIZE))
    this.now = options.now ?? (() => new Date())
    this.maxAgeMs = options.maxAgeMs
    this.maxDownloads = Math.max(1, Math.floor(options.maxConcurrentDownloads ?? DEFAULT_MAX_CONCURRENT_CERT_DOWNLOADS))
  }

  /** Whether this verifier would fetch `url` (Amazon SNS host, or an opted-in sandbox URL). */
  isTrustedCertUrl(url: string): boolean {
    return this.sandboxUrls.has(url) || isTrustedSnsCertUrl(url)
  }

  /** Number of certificates currently cached. */
  get cachedCertificates(): number {
    return this.cache.size
  }

  /**
   * Resolves when the envelope is signed by the certificate it names; rejects with
   * SnsVerificationError. Not an `async` function on purpose: with a warm cache the whole check runs
   * synchronously and returns an already settled promise (see tools/bench/ipn.ts).
   */
  verify(envelope: SnsEnvelope): Promise<void> {
    try {
      const hasDigest = Object.prototype.hasOwnProperty.call(SNS_SIGNATURE_DIGESTS, envelope.SignatureVersion)
      const digest = hasDigest ? SNS_SIGNATURE_DIGESTS[envelope.SignatureVersion] : undefined
      if (!digest) {
        throw new SnsVerificationError(
          "UnsupportedSignatureVersion",
          `Unsupported SNS SignatureVersion "${String(envelope.SignatureVersion).slice(0, 16)}"`
        )
      }
      const stringToSign = stringToSignOf(envelope)
      const nowMs = this.now().getTime()
      this.checkTimestamp(envelope.Timestamp, nowMs)
      const url = envelope.SigningCertURL
      const cached = this.cache.get(url)
      if (cached) {
        // Refresh recency: delete + set moves the key to the end of the Map.
        this.cache.delete(url)
        this.cache.set(url, cached)
        checkSignature(envelope, digest, stringToSign, cached, nowMs)
        return Promise.resolve()
      }
      if (!this.isTrustedCertUrl(url)) {
        throw new SnsVerificationError("UntrustedCertUrl", `Untrusted SNS SigningCertURL ${JSON.stringify(url.slice(0, 200))}`)
      }
      return this.load(url).then((key) => checkSignature(envelope, digest, stringToSign, key, nowMs))
    } catch (error) {
      return Promise.reject(error)
    }
  }

  /**
   * Parse, verify and read one IPN HTTP body: the whole check a webhook handler needs. Throws
   * SnsEnvelopeError for input that is not an IPN and SnsVerificationError for a bad signature.
   */
  async verifyIpn(rawBody: string | Buffer): Promise<{ envelope: SnsEnvelope; message: IpnMessage }> {
    const envelope = parseSnsEnvelope(rawBody)
    await this.verify(envelope)
    if (envelope.Type !== "Notification") {
      throw new SnsEnvelopeError("UnsupportedMessageType", `Expected an SNS Notification, got ${envelope.Type}`)
    }
    return { envelope, message: parseIpnMessage(envelope.Message) }
  }

  /** Forgets every cached certificate. */
  clearCache(): void {
    this.cache.clear()
  }

  private checkTimestamp(timestamp: string, nowMs: number): void {
    if (this.maxAgeMs === undefined) {
      return
    }
    const at = Date.parse(timestamp)
    if (Number.isNaN(at)) {
      throw new SnsVerificationError("InvalidTimestamp", "SNS Timestamp is not a date")
    }
    if (Math.abs(nowMs - at) > this.maxAgeMs) {
      throw new SnsVerificationError("StaleTimestamp", `SNS Timestamp ${timestamp} is outside the accepted window`)
    }
  }

  /** One download per cold URL, however many verifies wait for it. */
  private load(url: string): Promise<CachedKey> {
    let pending = this.inFlight.get(url)
    if (!pending) {
      if (this.inFlight.size >= this.maxDownloads) {
        const error = new SnsVerificationError("CertificateFetchFailed", `Too many SNS certificate downloads in progress`)
        return Promise.reject(error)
      }
      pending = this.download(url).finally(() => this.inFlight.delete(url))
      this.inFlight.set(url, pending)
    }
    return pending
  }

  private async download(url: string): Promise<CachedKey> {
    let pem: string
    try {
      pem = await this.fetchCertificate(url)
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      throw new SnsVerificationError("CertificateFetchFailed", `Could not fetch SNS certificate ${url}: ${detail}`, {
        cause: error,
      })
    }
    let entry: CachedKey
    try {
      const certificate = new X509Certificate(pem)
      entry = {
        publicKey: certificate.publicKey,
        notAfter: Date.parse(certificate.validTo),
        notBefore: Date.parse(certificate.validFrom),
      }
    } catch (error) {
      throw new SnsVerificationError("InvalidCertificate", `SNS certificate ${url} is not an X.509 certificate`, {
        cause: error,
      })
    }
    if (entry.publicKey.asymmetricKeyType !== "rsa" || Number.isNaN(entry.notAfter)) {
      throw new SnsVerificationError("InvalidCertificate", `SNS certificate ${url} has no usable RSA key`)
    }
    this.cache.set(url, entry)
    while (this.cache.size > this.cacheSize) {
      this.cache.delete(this.cache.keys().next().value as string)
    }
    return entry
  }
}

function stringToSignOf(envelope: SnsEnvelope): string {
  try {
    return buildSnsStringToSign(envelope)
  } catch (error) {
    if (error instanceof SnsEnvelopeError) {
      throw new SnsVerificationError("UnsupportedMessageType", error.message)
    }
    throw error
  }
}

function checkSignature(
  envelope: SnsEnvelope,
  digest: string,
  stringToSign: string,
  key: CachedKey,
  nowMs: number
): void {
  if (nowMs > key.notAfter || nowMs < key.notBefore) {
    throw new SnsVerificationError("CertificateExpired", `SNS certificate ${envelope.SigningCertURL} is not valid now`)
  }
  let valid = false
  try {
    valid = cryptoVerify(digest, Buffer.from(stringToSign, "utf8"), key.publicKey, Buffer.from(envelope.Signature, "base64"))
  } catch {
    valid = false
  }
  if (!valid) {
    throw new SnsVerificationError("BadSignature", `SNS signature does not match (message ${envelope.MessageId})`)
  }
}

/**
 * Request signature verification, as Amazon Pay checks it ("Signing requests"): the canonical
 * request is rebuilt from what arrived (method, path as sent, query, the headers that
 * `SignedHeaders` names, the exact body bytes) and the signature is verified with the registered
 * public key, for both AMZN-PAY-RSASSA-PSS-V2 and the legacy AMZN-PAY-RSASSA-PSS.
 */
import { createPublicKey, type KeyObject } from "node:crypto"
import type { IncomingHttpHeaders } from "node:http"
import {
  buildCanonicalRequest,
  buildStringToSign,
  parseAmzDate,
  parseAuthorization,
  verifyString,
} from "../lib/amazon-pay/signer"
import { MINUTE_MS } from "./clock"
import { SandboxApiError, badRequest } from "./api-error"

/** Amazon refuses requests whose x-amz-pay-date is further than this from its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * MINUTE_MS

/**
 * Registered public keys and the merchant account each belongs to. A merchant may register several
 * keys (Integration Central); objects and idempotency keys belong to the merchant, not to the key.
 */
export class PublicKeyRegistry {
  private readonly keys = new Map<string, { key: KeyObject; merchantId: string }>()

  constructor(
    initial: Record<string, string> = {},
    private readonly defaultMerchantId = "SANDBOX-MERCHANT",
    merchantOfKey: Record<string, string> = {}
  ) {
    for (const [id, pem] of Object.entries(initial)) {
      this.register(id, pem, merchantOfKey[id])
    }
  }

  register(publicKeyId: string, publicKeyPem: string, merchantId: string = this.defaultMerchantId): void {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(publicKeyId)) {
      throw new Error(`Invalid public key id '${publicKeyId}'`)
    }
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(merchantId)) {
      throw new Error(`Invalid merchant id '${merchantId}'`)
    }
    this.keys.set(publicKeyId, { key: createPublicKey(publicKeyPem), merchantId })
  }

  get(publicKeyId: string): KeyObject | undefined {
    return this.keys.get(publicKeyId)?.key
  }

  /** The merchant account the key belongs to (the default merchant for unknown ids). */
  merchantOf(publicKeyId: string): string {
    return this.keys.get(publicKeyId)?.merchantId ?? this.defaultMerchantId
  }

  ids(): string[] {
    return [...this.keys.keys()]
  }
}

/** IDs with `LIVE-`/`SANDBOX-` choose their environment themselves and use `/v2/...` paths. */
export const isEnvironmentSpecificKeyId = (id: string): boolean => /^(LIVE|SANDBOX)-/i.test(id)

export interface SignedRequestInput {
  method: string
  /** Path as sent, without the query string. */
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: Buffer
  /** `sandbox` / `live` when the path had that prefix, `null` for `/v2/...`. */
  pathEnvironment: "sandbox" | "live" | null
}

const unauthorized = (reasonCode: string, message: string) => new SandboxApiError(401, reasonCode, message)

const headerValue = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name]
  return Array.isArray(value) ? value.join(",") : value
}

/** Returns the caller's public key id, or throws the Amazon error for the first problem found. */
/**
 * `clockNowMs` are the instants a date may be close to: the wall clock and the sandbox clock. Amazon
 * checks `x-amz-pay-date` against real time (a replay guard); the sandbox clock only simulates
 * business time passing (30-day expiries and so on), so a real client must keep working after
 * `POST /sandbox/clock`, and a test that signs on sandbox time works too.
 */
export function verifySignedRequest(input: SignedRequestInput, keys: PublicKeyRegistry, clockNowMs: readonly number[]): string {
  const authorizationHeader = headerValue(input.headers, "authorization")
  if (!authorizationHeader) {
    throw badRequest("MissingHeader", "The authorization header is missing")
  }
  const dateHeader = headerValue(input.headers, "x-amz-pay-date")
  if (!dateHeader) {
    throw badRequest("MissingHeader", "The x-amz-pay-date header is missing")
  }
  const authorization = parseAuthorization(authorizationHeader)
  if (!authorization) {
    throw badRequest(
      "InvalidHeaderValue",
      "The authorization header is not '<algorithm> PublicKeyId=..., SignedHeaders=..., Signature=...'"
    )
  }
  const publicKey = keys.get(authorization.publicKeyId)
  if (!publicKey) {
    throw unauthorized("UnauthorizedAccess", `Public key id ${authorization.publicKeyId} is not registered`)
  }
  const environmentSpecific = isEnvironmentSpecificKeyId(authorization.publicKeyId)
  if (environmentSpecific && input.pathEnvironment !== null) {
    throw unauthorized("UnauthorizedAccess", "Public key ids starting with LIVE- or SANDBOX- use /v2/... paths")
  }
  if (!environmentSpecific && input.pathEnvironment === null) {
    throw unauthorized("UnauthorizedAccess", "Public key ids without LIVE-/SANDBOX- prefix use /sandbox/v2/... or /live/v2/...")
  }
  const signedHeaders = authorization.signedHeaders.map((name) => name.toLowerCase())
  if (!signedHeaders.includes("x-amz-pay-date")) {
    throw unauthorized("InvalidRequestSignature", "SignedHeaders must include x-amz-pay-date")
  }
  const date = parseAmzDate(dateHeader)
  if (!date) {
    throw badRequest("InvalidHeaderValue", "x-amz-pay-date must look like 20191015T204313Z")
  }
  if (!clockNowMs.some((nowMs) => Math.abs(date.getTime() - nowMs) <= MAX_CLOCK_SKEW_MS)) {
    // Amazon's reply for a stale or future date; our wording names the cause.
    throw unauthorized("RequestExpired", "x-amz-pay-date is more than 15 minutes away from the server time")
  }
  const headers: Record<string, string | undefined> = {}
  for (const name of signedHeaders) {
    headers[name] = headerValue(input.headers, name)
  }
  const { canonicalRequest } = buildCanonicalRequest({
    method: input.method,
    path: input.path,
    query: input.query,
    headers,
    signedHeaders,
    body: input.body,
  })
  const stringToSign = buildStringToSign(authorization.algorithm, canonicalRequest)
  if (!verifyString(publicKey, authorization.algorithm, stringToSign, authorization.signature)) {
    throw unauthorized("InvalidRequestSignature", "The request signature does not match")
  }
  return authorization.publicKeyId
}

/**
 * Amazon Pay request and button signing (AMZN-PAY-RSASSA-PSS-V2 and the legacy AMZN-PAY-RSASSA-PSS).
 *
 * Amazon Pay API v2 "Signing requests": the canonical request is
 *   METHOD \n PATH \n QUERY \n (name:value \n)* \n signed;header;names \n hex(sha256(body))
 * and the string to sign is `<algorithm>\n<hex(sha256(canonicalRequest))>`, signed with RSASSA-PSS
 * over SHA-256 (salt length 32 for V2, 20 for the legacy algorithm).
 *
 * Shared by the client (to sign) and the sandbox (to verify): it must stay free of Medusa imports and
 * of any I/O, so that both sides compute byte-identical canonical requests.
 */
import { constants, createHash, sign, verify, type KeyObject } from "node:crypto"

export const SIGNATURE_ALGORITHMS = {
  "AMZN-PAY-RSASSA-PSS-V2": { saltLength: 32 },
  "AMZN-PAY-RSASSA-PSS": { saltLength: 20 },
} as const

export type SignatureAlgorithm = keyof typeof SIGNATURE_ALGORITHMS

export const DEFAULT_SIGNATURE_ALGORITHM: SignatureAlgorithm = "AMZN-PAY-RSASSA-PSS-V2"

export function isSignatureAlgorithm(value: unknown): value is SignatureAlgorithm {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(SIGNATURE_ALGORITHMS, value)
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>

/** `k=encodeURIComponent(v)` pairs sorted by key and joined with `&`, as Amazon's SDKs build it. */
export function canonicalQueryString(query?: QueryParams | URLSearchParams | null): string {
  if (!query) {
    return ""
  }
  const pairs: Array<[string, string]> = []
  if (query instanceof URLSearchParams) {
    query.forEach((value, key) => pairs.push([key, value]))
  } else {
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) {
        pairs.push([key, String(value)])
      }
    }
  }
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return pairs.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join("&")
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex")
}

export interface CanonicalRequestInput {
  method: string
  /** The request path as sent, e.g. `/v2/charges/S01-...` (no query string). */
  path: string
  query?: QueryParams | URLSearchParams | null
  /** Header values by name (any case). */
  headers: Record<string, string | undefined>
  /** Lowercase names of the headers to sign; defaults to every header given. */
  signedHeaders?: readonly string[]
  /** The exact body bytes sent; `""` when there is none. */
  body?: string | Buffer | null
}

export interface CanonicalRequest {
  canonicalRequest: string
  /** `accept;content-type;...` */
  signedHeaders: string
}

export function buildCanonicalRequest(input: CanonicalRequestInput): CanonicalRequest {
  const byLowerName = new Map<string, string>()
  for (const [name, value] of Object.entries(input.headers)) {
    if (value !== undefined) {
      byLowerName.set(name.toLowerCase(), value)
    }
  }
  const names = (input.signedHeaders ?? [...byLowerName.keys()]).map((n) => n.toLowerCase()).sort()
  let canonicalHeaders = ""
  for (const name of names) {
    canonicalHeaders += `${name}:${(byLowerName.get(name) ?? "").trim()}\n`
  }
  const signedHeaders = names.join(";")
  const canonicalRequest =
    `${input.method.toUpperCase()}\n${input.path}\n${canonicalQueryString(input.query)}\n` +
    `${canonicalHeaders}\n${signedHeaders}\n${sha256Hex(input.body ?? "")}`
  return { canonicalRequest, signedHeaders }
}

export function buildStringToSign(algorithm: SignatureAlgorithm, canonicalRequest: string): string {
  return `${algorithm}\n${sha256Hex(canonicalRequest)}`
}

/** RSASSA-PSS / SHA-256 signature of `data`, base64. */
export function signString(privateKey: KeyObject, algorithm: SignatureAlgorithm, data: string): string {
  return sign("sha256", Buffer.from(data, "utf8"), {
    key: privateKey,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: SIGNATURE_ALGORITHMS[algorithm].saltLength,
  }).toString("base64")
}

export function verifyString(
  publicKey: KeyObject,
  algorithm: SignatureAlgorithm,
  data: string,
  signatureBase64: string
): boolean {
  try {
    return verify(
      "sha256",
      Buffer.from(data, "utf8"),
      {
        key: publicKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: SIGNATURE_ALGORITHMS[algorithm].saltLength,
      },
      Buffer.from(signatureBase64, "base64")
    )
  } catch {
    return false
  }
}

export interface SignRequestInput extends CanonicalRequestInput {
  privateKey: KeyObject
  publicKeyId: string
  algorithm?: SignatureAlgorithm
}

export interface SignedRequest extends CanonicalRequest {
  stringToSign: string
  signature: string
  /** Value of the `authorization` header. Contains the signature: never log it. */
  authorization: string
}

export function signRequest(input: SignRequestInput): SignedRequest {
  const algorithm = input.algorithm ?? DEFAULT_SIGNATURE_ALGORITHM
  const { canonicalRequest, signedHeaders } = buildCanonicalRequest(input)
  const stringToSign = buildStringToSign(algorithm, canonicalRequest)
  const signature = signString(input.privateKey, algorithm, stringToSign)
  return {
    canonicalRequest,
    signedHeaders,
    stringToSign,
    signature,
    authorization: `${algorithm} PublicKeyId=${input.publicKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  }
}

export interface ParsedAuthorization {
  algorithm: SignatureAlgorithm
  publicKeyId: string
  signedHeaders: string[]
  signature: string
}

const AUTHORIZATION_PATTERN =
  /^(AMZN-PAY-RSASSA-PSS(?:-V2)?) PublicKeyId=([^,\s]+), ?SignedHeaders=([^,\s]+), ?Signature=([A-Za-z0-9+/=]+)$/

/** Parses an `authorization` header; `null` when it is not an Amazon Pay signature header. */
export function parseAuthorization(value: string | undefined): ParsedAuthorization | null {
  const match = value ? AUTHORIZATION_PATTERN.exec(value.trim()) : null
  if (!match || !isSignatureAlgorithm(match[1])) {
    return null
  }
  return {
    algorithm: match[1],
    publicKeyId: match[2],
    signedHeaders: match[3].split(";").filter(Boolean),
    signature: match[4],
  }
}

/**
 * String to sign for `amazon.Pay.renderButton`'s `createCheckoutSessionConfig` (Amazon Pay
 * "Add the Amazon Pay button", "Generate button signature"): the exact `payloadJSON` string the
 * browser receives, hashed, so the storefront must pass that string through unchanged.
 */
export function buildButtonStringToSign(algorithm: SignatureAlgorithm, payloadJSON: string): string {
  return `${algorithm}\n${sha256Hex(payloadJSON)}`
}

export function signButtonPayload(
  privateKey: KeyObject,
  algorithm: SignatureAlgorithm,
  payloadJSON: string
): string {
  return signString(privateKey, algorithm, buildButtonStringToSign(algorithm, payloadJSON))
}

export function verifyButtonSignature(
  publicKey: KeyObject,
  algorithm: SignatureAlgorithm,
  payloadJSON: string,
  signatureBase64: string
): boolean {
  return verifyString(publicKey, algorithm, buildButtonStringToSign(algorithm, payloadJSON), signatureBase64)
}

/** `x-amz-pay-date` in Amazon's documented basic format, e.g. `20191015T204313Z`. */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "")
}

/**
 * Parses `x-amz-pay-date` in the documented basic form (`20191015T204313Z`) or the extended ISO form
 * the official Node SDK sends (`2019-10-15T20:43:13Z`). `null` when neither.
 */
export function parseAmzDate(value: string | undefined): Date | null {
  if (!value) {
    return null
  }
  const match = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:\.\d+)?Z$/.exec(value.trim())
  if (!match) {
    return null
  }
  const [, y, mo, d, h, mi, s] = match.map(Number)
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s))
  return Number.isNaN(date.getTime()) ? null : date
}

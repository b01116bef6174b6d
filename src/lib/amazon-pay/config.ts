/**
 * Client configuration: validated once with zod and resolved into everything the hot path needs
 * (parsed KeyObject, origin, signed host/region values, environment path prefix), so no request
 * re-derives any of it.
 *
 * Messages name the field and never echo its value: the private key must not reach a log through a
 * configuration error (Amazon Pay API v2 "Signing requests": the private key never leaves the merchant).
 */
import { createPrivateKey, KeyObject } from "node:crypto"
import { readFileSync } from "node:fs"
import { z } from "zod"
import { SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from "./signer"
import { resolveRetryPolicy, type ResolvedRetryPolicy } from "./retry"

export const AMAZON_PAY_REGIONS = ["na", "us", "eu", "uk", "de", "jp"] as const
export type AmazonPayRegion = (typeof AMAZON_PAY_REGIONS)[number]

/** Value of `x-amz-pay-region` and the API host per configured region (as the official SDKs map them). */
export const REGION_ENDPOINTS: Record<AmazonPayRegion, { region: "na" | "eu" | "jp"; host: string }> = {
  na: { region: "na", host: "pay-api.amazon.com" },
  us: { region: "na", host: "pay-api.amazon.com" },
  eu: { region: "eu", host: "pay-api.amazon.eu" },
  uk: { region: "eu", host: "pay-api.amazon.eu" },
  de: { region: "eu", host: "pay-api.amazon.eu" },
  jp: { region: "jp", host: "pay-api.amazon.jp" },
}

export const DEFAULT_TIMEOUT_MS = 10_000

export interface RetryPolicy {
  /** Total attempts including the first. @default 4 */
  maxAttempts?: number
  /** First backoff delay; doubles each attempt, with full jitter. @default 200 */
  baseDelayMs?: number
  /** Cap for one backoff delay (and for an honoured Retry-After). @default 5000 */
  maxDelayMs?: number
  /** No new attempt starts after this much time since the first. @default 30000 */
  maxTotalMs?: number
}

export interface AmazonPayClientConfig {
  /** e.g. `SANDBOX-AHEGSJCM3L2S637RBGABLAFW`, `LIVE-...`, or a legacy ID without prefix. */
  publicKeyId: string
  /** PEM text, or a path to a PEM file, or a parsed private KeyObject. Parsed once. */
  privateKey: string | KeyObject
  region: AmazonPayRegion
  /** Only for legacy key IDs without the LIVE-/SANDBOX- prefix: selects `/sandbox/v2` vs `/live/v2`. */
  sandbox?: boolean
  /** @default "AMZN-PAY-RSASSA-PSS-V2" */
  algorithm?: SignatureAlgorithm
  /** Overrides `https://pay-api.amazon.{com|eu|jp}`, e.g. the local sandbox `http://127.0.0.1:4010`. */
  baseUrl?: string
  /** Per-attempt timeout. @default 10000 */
  timeoutMs?: number
  /** `false` turns retries off (one attempt). */
  retry?: RetryPolicy | false
}

export interface ResolvedClientConfig {
  publicKeyId: string
  privateKey: KeyObject
  algorithm: SignatureAlgorithm
  /** `https://pay-api.amazon.com` or the `baseUrl` origin, without a trailing slash. */
  origin: string
  /** Signed `x-amz-pay-host`: the host (and port) requests go to. */
  host: string
  /** Signed `x-amz-pay-region`. */
  region: "na" | "eu" | "jp"
  /** `/v2`, `/sandbox/v2` or `/live/v2`. */
  pathPrefix: string
  timeoutMs: number
  retry: ResolvedRetryPolicy
}

export class AmazonPayConfigError extends Error {
  override readonly name = "AmazonPayConfigError"
}

const nonNegativeInt = z.number({ error: "expected a number" }).int("expected an integer").min(0, "must be >= 0")
const positiveInt = z.number({ error: "expected a number" }).int("expected an integer").min(1, "must be >= 1")

const configSchema = z.strictObject({
  // Goes into the Authorization header verbatim: restrict it so it cannot inject header syntax.
  publicKeyId: z
    .string({ error: "expected a string" })
    .regex(/^[A-Za-z0-9_-]{1,128}$/, "expected 1-128 characters of A-Z, a-z, 0-9, _ and -"),
  privateKey: z.union([z.string(), z.custom<KeyObject>((value) => value instanceof KeyObject)], {
    error: "expected PEM text, a file path or a private KeyObject",
  }),
  region: z.enum(AMAZON_PAY_REGIONS, { error: `expected one of ${AMAZON_PAY_REGIONS.join(", ")}` }),
  sandbox: z.boolean({ error: "expected a boolean" }).optional(),
  algorithm: z
    .enum(Object.keys(SIGNATURE_ALGORITHMS) as [SignatureAlgorithm, ...SignatureAlgorithm[]], {
      error: `expected one of ${Object.keys(SIGNATURE_ALGORITHMS).join(", ")}`,
    })
    .optional(),
  baseUrl: z.string({ error: "expected a string" }).optional(),
  timeoutMs: positiveInt.max(600_000, "must be <= 600000").optional(),
  retry: z
    .union([
      z.literal(false),
      z.strictObject({
        maxAttempts: positiveInt.max(20, "must be <= 20").optional(),
        baseDelayMs: nonNegativeInt.optional(),
        maxDelayMs: nonNegativeInt.optional(),
        maxTotalMs: positiveInt.optional(),
      }),
    ])
    .optional(),
})

const fail = (field: string, message: string): never => {
  throw new AmazonPayConfigError(`Invalid Amazon Pay client configuration: ${field}: ${message}`)
}

/**
 * Public key IDs with `LIVE-`/`SANDBOX-` choose their environment (case-insensitively, as the SDK).
 * The dash is required here as in Amazon's key IDs and the notes; SDK 2.3.4 tests the bare word,
 * so a legacy ID that merely starts with "SANDBOX" would differ (none is known to exist).
 */
export function isEnvironmentSpecificKeyId(publicKeyId: string): boolean {
  const upper = publicKeyId.toUpperCase()
  return upper.startsWith("LIVE-") || upper.startsWith("SANDBOX-")
}

/** Parses the key once. Errors never contain the PEM or file content, only what kind of input failed. */
function loadPrivateKey(input: string | KeyObject): KeyObject {
  if (input instanceof KeyObject) {
    if (input.type !== "private") {
      return fail("privateKey", `expected a private key, got a ${input.type} KeyObject`)
    }
    return checkRsa(input)
  }
  let pem = input
  if (!input.includes("-----BEGIN")) {
    try {
      pem = readFileSync(input, "utf8")
    } catch {
      return fail("privateKey", "is neither PEM text nor a readable file path")
    }
  }
  try {
    return checkRsa(createPrivateKey(pem))
  } catch (error) {
    if (error instanceof AmazonPayConfigError) {
      throw error
    }
    return fail("privateKey", "could not be parsed as an unencrypted PEM private key")
  }
}

function checkRsa(key: KeyObject): KeyObject {
  // Amazon Pay signs with RSASSA-PSS over RSA-2048 keys ("Generate your public/private key pair").
  if (key.asymmetricKeyType !== "rsa" && key.asymmetricKeyType !== "rsa-pss") {
    return fail("privateKey", `expected an RSA key, got ${key.asymmetricKeyType ?? "an unknown key type"}`)
  }
  return key
}

function resolveOrigin(baseUrl: string | undefined, defaultHost: string): { origin: string; host: string } {
  if (baseUrl === undefined) {
    return { origin: `https://${defaultHost}`, host: defaultHost }
  }
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return fail("baseUrl", "expected an absolute http(s) URL")
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return fail("baseUrl", "expected an http or https URL")
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username || url.password) {
    return fail("baseUrl", "expected an origin only (scheme, host, port), without path, query or credentials")
  }
  return { origin: url.origin, host: url.host }
}

const UNION_FALLBACK: Record<string, string> = {
  retry: "expected false or an object { maxAttempts?, baseDelayMs?, maxDelayMs?, maxTotalMs? }",
}

/** `field: problem` lines; unions report the branch that matched the value's shape, unknown keys by name. */
function describeIssue(issue: z.core.$ZodIssue, prefix: PropertyKey[]): string[] {
  const path = [...prefix, ...issue.path]
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => `${[...path, key].join(".")}: unknown field`)
  }
  if (issue.code === "invalid_union") {
    const informative = issue.errors.filter(
      (branch) => !branch.every((inner) => inner.path.length === 0 && ["invalid_type", "invalid_value", "custom"].includes(inner.code))
    )
    if (informative.length === 1) {
      return informative[0].flatMap((inner) => describeIssue(inner, path))
    }
    const field = path.join(".")
    return [`${field}: ${UNION_FALLBACK[field] ?? issue.message}`]
  }
  return [`${path.join(".") || "(root)"}: ${issue.message}`]
}

export function resolveClientConfig(config: AmazonPayClientConfig): ResolvedClientConfig {
  const parsed = configSchema.safeParse(config)
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => describeIssue(issue, []))
    throw new AmazonPayConfigError(`Invalid Amazon Pay client configuration: ${problems.join("; ")}`)
  }
  const input = parsed.data
  const endpoint = REGION_ENDPOINTS[input.region]
  const { origin, host } = resolveOrigin(input.baseUrl, endpoint.host)
  const pathPrefix = isEnvironmentSpecificKeyId(input.publicKeyId)
    ? "/v2"
    : input.sandbox
      ? "/sandbox/v2"
      : "/live/v2"
  return {
    publicKeyId: input.publicKeyId,
    privateKey: loadPrivateKey(input.privateKey),
    algorithm: input.algorithm ?? "AMZN-PAY-RSASSA-PSS-V2",
    origin,
    host,
    region: endpoint.region,
    pathPrefix,
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: resolveRetryPolicy(input.retry),
  }
}

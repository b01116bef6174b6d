/**
 * Amazon SNS envelopes as Amazon Pay delivers IPNs (Amazon Pay "Instant Payment Notifications";
 * Amazon SNS "Parsing message formats" and "Verifying the signatures of Amazon SNS messages").
 *
 * Shared by the sandbox (which signs) and the store (which parses and verifies), so both build the
 * same string to sign. Free of Medusa and of I/O; the verifier with its certificate fetching lives in
 * `sns-verifier.ts`.
 */
import { sign, type KeyObject } from "node:crypto"
import { z } from "zod"
import type { IpnMessage, SnsEnvelope } from "./types"

/** Real IPN envelopes are about 2 KiB; anything far larger is not from Amazon. */
export const MAX_SNS_ENVELOPE_BYTES = 64 * 1024

/** SNS `SignatureVersion` -> node:crypto digest of the RSA PKCS#1 v1.5 signature. */
export const SNS_SIGNATURE_DIGESTS: Readonly<Record<string, "sha1" | "sha256">> = Object.freeze({
  "1": "sha1",
  "2": "sha256",
})

export type SnsSignatureVersion = "1" | "2"

export type SnsEnvelopeErrorCode =
  | "EmptyBody"
  | "BodyTooLarge"
  | "InvalidJson"
  | "InvalidEnvelope"
  | "UnsupportedMessageType"
  | "InvalidIpnMessage"

/** Input that is not an SNS envelope (or not an IPN message). Safe to log: holds no body content. */
export class SnsEnvelopeError extends Error {
  override readonly name = "SnsEnvelopeError"
  constructor(
    readonly code: SnsEnvelopeErrorCode,
    message: string
  ) {
    super(message)
  }
}

const text = z.string().min(1).max(MAX_SNS_ENVELOPE_BYTES)
/** SNS may send `"Subject": null`; treat it as absent so it stays out of the string to sign. */
const optionalText = z
  .string()
  .max(MAX_SNS_ENVELOPE_BYTES)
  .nullish()
  .transform((value) => value ?? undefined)

export const snsEnvelopeSchema = z.object({
  Type: text,
  MessageId: text,
  TopicArn: text,
  Subject: optionalText,
  Message: z.string().max(MAX_SNS_ENVELOPE_BYTES),
  Timestamp: text,
  SignatureVersion: text,
  Signature: text,
  SigningCertURL: text,
  UnsubscribeURL: optionalText,
  SubscribeURL: optionalText,
  Token: optionalText,
})

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ")
}

function parseJson(raw: string, code: SnsEnvelopeErrorCode, what: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    throw new SnsEnvelopeError(code, `${what} is not JSON`)
  }
}

/** Parses an HTTP body into an SNS envelope, refusing empty, oversized, non-JSON and ill-typed input. */
export function parseSnsEnvelope(
  rawBody: string | Buffer,
  maxBytes: number = MAX_SNS_ENVELOPE_BYTES
): SnsEnvelope {
  const size = typeof rawBody === "string" ? Buffer.byteLength(rawBody, "utf8") : rawBody?.length
  if (typeof size !== "number") {
    throw new SnsEnvelopeError("EmptyBody", "SNS envelope body is missing")
  }
  if (size > maxBytes) {
    throw new SnsEnvelopeError("BodyTooLarge", `SNS envelope body is ${size} bytes (limit ${maxBytes})`)
  }
  const bodyText = typeof rawBody === "string" ? rawBody : rawBody.toString("utf8")
  if (bodyText.trim() === "") {
    throw new SnsEnvelopeError("EmptyBody", "SNS envelope body is empty")
  }
  const result = snsEnvelopeSchema.safeParse(parseJson(bodyText, "InvalidJson", "SNS envelope body"))
  if (!result.success) {
    throw new SnsEnvelopeError("InvalidEnvelope", `Not an SNS envelope: ${describeIssues(result.error)}`)
  }
  // Build the object with its optional keys only when present (no `delete`: it would put the
  // object into slow dictionary mode for every later field read).
  const { Subject, UnsubscribeURL, SubscribeURL, Token, ...required } = result.data
  const envelope: SnsEnvelope = required
  if (Subject !== undefined) envelope.Subject = Subject
  if (UnsubscribeURL !== undefined) envelope.UnsubscribeURL = UnsubscribeURL
  if (SubscribeURL !== undefined) envelope.SubscribeURL = SubscribeURL
  if (Token !== undefined) envelope.Token = Token
  return envelope
}

const NOTIFICATION_KEYS = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"] as const
const CONFIRMATION_KEYS = [
  "Message",
  "MessageId",
  "SubscribeURL",
  "Timestamp",
  "Token",
  "TopicArn",
  "Type",
] as const

/**
 * The bytes SNS signs: `"Key\nValue\n"` for each signed key in this fixed order. `Subject` is
 * signed only when present; confirmations sign `SubscribeURL` and `Token` instead.
 */
export function buildSnsStringToSign(envelope: SnsEnvelope): string {
  let keys: readonly (keyof SnsEnvelope)[]
  if (envelope.Type === "Notification") {
    keys = NOTIFICATION_KEYS
  } else if (envelope.Type === "SubscriptionConfirmation" || envelope.Type === "UnsubscribeConfirmation") {
    keys = CONFIRMATION_KEYS
  } else {
    throw new SnsEnvelopeError("UnsupportedMessageType", `Unsupported SNS message type "${envelope.Type}"`)
  }
  let out = ""
  for (const key of keys) {
    const value = envelope[key]
    if (value !== undefined && value !== null) {
      out += `${key}\n${value}\n`
    }
  }
  return out
}

/**
 * Signs an envelope as SNS does (RSA PKCS#1 v1.5 with SHA-1 for version 1, SHA-256 for version 2).
 * Used by the sandbox's IPN sender and by tests.
 */
export function signSnsEnvelope(
  unsigned: Omit<SnsEnvelope, "Signature" | "SignatureVersion">,
  privateKey: KeyObject,
  signatureVersion: SnsSignatureVersion = "2"
): SnsEnvelope {
  const envelope: SnsEnvelope = { ...unsigned, SignatureVersion: signatureVersion, Signature: "" }
  const digest = SNS_SIGNATURE_DIGESTS[signatureVersion]
  envelope.Signature = sign(digest, Buffer.from(buildSnsStringToSign(envelope), "utf8"), privateKey).toString(
    "base64"
  )
  return envelope
}

export const ipnMessageSchema = z.object({
  MerchantID: z.string().min(1),
  ObjectType: z.string().min(1),
  ObjectId: z.string().min(1),
  ChargePermissionId: z.string().min(1),
  NotificationType: z.string().min(1),
  NotificationId: z.string().min(1),
  NotificationVersion: z.string().min(1),
})

/** Parses an envelope's `Message` into Amazon Pay's IPN message (which carries ids, never state). */
export function parseIpnMessage(message: string): IpnMessage {
  if (typeof message !== "string" || message.trim() === "") {
    throw new SnsEnvelopeError("InvalidIpnMessage", "IPN message is empty")
  }
  const result = ipnMessageSchema.safeParse(parseJson(message, "InvalidIpnMessage", "IPN message"))
  if (!result.success) {
    throw new SnsEnvelopeError("InvalidIpnMessage", `Not an Amazon Pay IPN message: ${describeIssues(result.error)}`)
  }
  return result.data
}

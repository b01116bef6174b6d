/**
 * What `POST /sandbox/ipn` may change about IPN delivery, validated with zod, and the defaults.
 *
 * The fault options exist because Amazon SNS really does deliver twice, out of order, late and
 * (to a careless endpoint) forged messages can arrive: a store has to survive all of them (Amazon Pay
 * "Instant Payment Notifications"; WooCommerce shipped a cancelled order on a stale IPN).
 */
import { z } from "zod"
import type { SnsSignatureVersion } from "../../lib/amazon-pay/sns"

export const IPN_FORGERIES = ["badSignature", "alteredMessage", "untrustedCertUrl"] as const
/** How the sandbox forges the next envelopes: each kind must fail SnsVerifier. */
export type IpnForgery = (typeof IPN_FORGERIES)[number]

export interface IpnDeliveryConfig {
  /** Where IPNs are POSTed; `null` = nowhere. */
  url: string | null
  enabled: boolean
  signatureVersion: SnsSignatureVersion
  /** Probability (0..1) that a notification is delivered twice (same MessageId, as SNS does). */
  duplicate: number
  /** Hold notifications for a short window and send each batch in a shuffled order. */
  reorder: boolean
  /** Delay before the first delivery attempt (real time, ms). */
  delayMs: number
  /** Forge every following notification this way until set back to `null`. */
  forge: IpnForgery | null
  /**
   * Probability (0..1) that a notification is followed by a forged copy with its own
   * NotificationId (the forgery kinds in turn), besides the genuine one: what an attacker
   * replaying or tampering with IPNs adds to the real traffic.
   */
  forgeExtra: number
  /** Attempts per delivery including the first (SNS retries failed HTTP deliveries a bounded number of times). */
  maxAttempts: number
  /** First redelivery delay; doubles per attempt up to MAX_RETRY_DELAY_MS. */
  retryBaseMs: number
  /** Per-attempt HTTP timeout. */
  requestTimeoutMs: number
}

export const DEFAULT_IPN_CONFIG: Readonly<Omit<IpnDeliveryConfig, "url">> = Object.freeze({
  enabled: true,
  // Amazon SNS signs with SignatureVersion 1 (SHA1withRSA) unless the topic's SignatureVersion
  // attribute asks for 2 (Amazon SNS "Verifying the signatures of Amazon SNS messages"); Amazon
  // Pay's topics are not the merchant's to configure, so 1 is what a store must expect.
  signatureVersion: "1",
  duplicate: 0,
  reorder: false,
  delayMs: 0,
  forge: null,
  forgeExtra: 0,
  maxAttempts: 4,
  retryBaseMs: 250,
  requestTimeoutMs: 5_000,
})

/** SNS's default HTTP delivery policy caps the delay between retries at 20 s. */
export const MAX_RETRY_DELAY_MS = 20_000
/** How long a reorder batch is held at least (the batch window is max(delayMs, this)). */
export const REORDER_WINDOW_MS = 50

export const ipnConfigureSchema = z.strictObject({
  url: z.union([z.url({ protocol: /^https?$/ }).max(2048), z.null()]).optional(),
  enabled: z.boolean().optional(),
  signatureVersion: z.enum(["1", "2"]).optional(),
  duplicate: z.number().min(0).max(1).optional(),
  reorder: z.boolean().optional(),
  delayMs: z.number().int().min(0).max(60_000).optional(),
  forge: z.union([z.enum(IPN_FORGERIES), z.null()]).optional(),
  forgeExtra: z.number().min(0).max(1).optional(),
  maxAttempts: z.number().int().min(1).max(20).optional(),
  retryBaseMs: z.number().int().min(0).max(MAX_RETRY_DELAY_MS).optional(),
  requestTimeoutMs: z.number().int().min(10).max(60_000).optional(),
})

export type IpnConfigureInput = z.infer<typeof ipnConfigureSchema>

/** Exponential backoff before attempt `attempt + 1` (attempt counts from 1). */
export function redeliveryDelayMs(config: Pick<IpnDeliveryConfig, "retryBaseMs">, attempt: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, config.retryBaseMs * 2 ** (attempt - 1))
}

/** `path: message; ...` for a zod error (no input values, so nothing sensitive is echoed). */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`).join("; ")
}

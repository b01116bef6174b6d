/**
 * The provider options that steer IPN handling. `amazonPayWebhookOptionsShape` is spread into the
 * provider's option schema (`options.ts`), so a bad value stops start-up naming the option. The
 * subscriber and the polling job run outside the payment module and see the raw options object of
 * the store's config; `readWebhookOptions` reads it once per object (the config's objects live as
 * long as the process) and falls back to the safe default for a value start-up would have refused.
 */
import { z } from "zod"

export const amazonPayWebhookOptionsShape = {
  /**
   * Exact `SigningCertURL`s trusted besides Amazon SNS's own hosts, e.g. the local sandbox's
   * `http://127.0.0.1:4010/sandbox/ipn/cert.pem`. For tests and demos only: anything listed here can
   * sign IPNs the store will act on (after it GETs the object from Amazon).
   * @default []
   */
  ipnTrustedCertUrls: z.array(z.url({ protocol: /^https?$/ })).max(10).optional(),
  /**
   * Confirm Amazon SNS subscriptions (GET the `SubscribeURL` of a verified SubscriptionConfirmation,
   * on an Amazon SNS host only). Off: the confirmation is logged for the owner to confirm by hand.
   * @default false
   */
  ipnConfirmSubscriptions: z.boolean().optional(),
  /**
   * What to do when an authorization that was pending (order placed under `pending_authorization`)
   * is declined: cancel the order, or only flag it (order metadata) for a person to decide. Both emit
   * `amazon-pay.authorization.declined`.
   * @default "cancel_order"
   */
  onPendingAuthorizationDeclined: z.enum(["cancel_order", "flag"]).optional(),
  /**
   * The polling job re-checks pending Amazon objects (AuthorizationInitiated, CaptureInitiated,
   * RefundInitiated) once they are older than this, in case their IPN never arrived.
   * @default 600000 (10 minutes)
   */
  pendingPollAfterMs: z.number().int().min(0).max(30 * 24 * 3600 * 1000).optional(),
  /**
   * At most this many Medusa payments / payment sessions are re-checked per job run.
   * @default 25
   */
  pendingPollBatchSize: z.number().int().min(1).max(500).optional(),
}

const schema = z.object(amazonPayWebhookOptionsShape)

export interface AmazonPayWebhookOptions {
  ipnTrustedCertUrls: string[]
  ipnConfirmSubscriptions: boolean
  onPendingAuthorizationDeclined: "cancel_order" | "flag"
  pendingPollAfterMs: number
  pendingPollBatchSize: number
}

export const DEFAULT_WEBHOOK_OPTIONS: Readonly<AmazonPayWebhookOptions> = Object.freeze({
  ipnTrustedCertUrls: [],
  ipnConfirmSubscriptions: false,
  onPendingAuthorizationDeclined: "cancel_order",
  pendingPollAfterMs: 10 * 60 * 1000,
  pendingPollBatchSize: 25,
})

const readOnce = new WeakMap<object, AmazonPayWebhookOptions>()

/** Each option on its own: one bad value does not throw away the others. Read once per options object. */
export function readWebhookOptions(raw: unknown): AmazonPayWebhookOptions {
  const known = raw && typeof raw === "object" ? readOnce.get(raw) : undefined
  if (known) return known
  const source = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {}
  const out: AmazonPayWebhookOptions = { ...DEFAULT_WEBHOOK_OPTIONS, ipnTrustedCertUrls: [] }
  for (const key of Object.keys(amazonPayWebhookOptionsShape) as Array<keyof AmazonPayWebhookOptions>) {
    const parsed = schema.shape[key].safeParse(source[key])
    if (parsed.success && parsed.data !== undefined) {
      ;(out as unknown as Record<string, unknown>)[key] = parsed.data
    }
  }
  Object.freeze(out)
  if (raw && typeof raw === "object") readOnce.set(raw, out)
  return out
}

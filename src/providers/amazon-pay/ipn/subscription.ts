/**
 * Amazon SNS subscription confirmations (Amazon SNS "Confirm the subscription"): SNS POSTs a
 * signed `SubscriptionConfirmation` once, and the endpoint confirms by GETting its `SubscribeURL`.
 * That GET is only ever made to an Amazon SNS host (the same host rule as certificates), or to the
 * origin of a sandbox certificate URL the owner explicitly trusted, and only when the owner allowed
 * automatic confirmation; otherwise the owner is told in the log.
 */
import { isTrustedSnsCertUrl } from "../../../lib/amazon-pay/sns-cert-url"
import type { SnsEnvelope } from "../../../lib/amazon-pay/types"

const SUBSCRIBE_TIMEOUT_MS = 5_000

/** `https://sns.<region>.amazonaws.com/?Action=ConfirmSubscription&...`, or a trusted sandbox origin. */
export function isTrustedSubscribeUrl(url: unknown, trustedSandboxCertUrls: readonly string[]): boolean {
  if (typeof url !== "string" || url.length > 4096) {
    return false
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.username || parsed.password || parsed.hash) {
    return false
  }
  if (trustedSandboxCertUrls.some((cert) => URL.canParse(cert) && new URL(cert).origin === parsed.origin)) {
    return true
  }
  // Reuse the certificate host rule on a stand-in path: same scheme, host, no port, no credentials.
  return isTrustedSnsCertUrl(`${parsed.origin}/SimpleNotificationService-x.pem`) && parsed.protocol === "https:"
}

export type SubscriptionOutcome = "confirmed" | "logged" | "refused" | "failed"

export async function handleSubscriptionConfirmation(
  envelope: SnsEnvelope,
  allowConfirm: boolean,
  trustedSandboxCertUrls: readonly string[]
): Promise<{ outcome: SubscriptionOutcome; detail: string }> {
  const url = envelope.SubscribeURL
  if (!isTrustedSubscribeUrl(url, trustedSandboxCertUrls)) {
    return { outcome: "refused", detail: "SubscribeURL is not an Amazon SNS URL" }
  }
  if (!allowConfirm) {
    return {
      outcome: "logged",
      detail: `confirm topic ${envelope.TopicArn} by opening its SubscribeURL (or set ipnConfirmSubscriptions: true)`,
    }
  }
  try {
    const response = await fetch(url as string, { redirect: "error", signal: AbortSignal.timeout(SUBSCRIBE_TIMEOUT_MS) })
    await response.body?.cancel().catch(() => undefined)
    return response.ok
      ? { outcome: "confirmed", detail: `confirmed topic ${envelope.TopicArn}` }
      : { outcome: "failed", detail: `SubscribeURL answered HTTP ${response.status}` }
  } catch (error) {
    return { outcome: "failed", detail: `SubscribeURL could not be reached (${(error as Error).name})` }
  }
}

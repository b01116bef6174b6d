/**
 * What reading an IPN needs, from the provider's options: the client (to GET the object an IPN
 * points at), the merchant id (IPNs for another merchant are not ours), and the SNS verifier for the
 * trusted certificate URLs. Both IPN paths build it: core's webhook action (core-webhook/) and the
 * plugin's subscriber (src/subscribers), so neither imports the other's entry point.
 */
import type { Logger } from "@medusajs/framework/types"
import type { AmazonPayClient } from "../../../lib/amazon-pay/client"
import type { SnsVerifier } from "../../../lib/amazon-pay/sns-verifier"
import { readWebhookOptions, type AmazonPayWebhookOptions } from "./ipn-options"
import type { IpnReaderDeps } from "./read-ipn"
import { sharedSnsVerifier } from "./verifier-cache"

export type WebhookLogger = Pick<Logger, "info" | "warn">

export interface WebhookDeps {
  client: AmazonPayClient
  /** The provider's options (parsed or raw): `merchantId` and the IPN options of ipn-options.ts. */
  options: { merchantId: string } & Partial<Record<keyof AmazonPayWebhookOptions, unknown>>
  logger?: WebhookLogger
  /** The provider's cradle (payment module container), to see whether Medusa recorded a capture. */
  cradle?: Record<string, unknown>
  /** Defaults to a process-wide verifier for the trusted URLs (keeps its certificate cache warm). */
  verifier?: SnsVerifier
}

export function readerDeps(deps: WebhookDeps): IpnReaderDeps {
  const webhook = readWebhookOptions(deps.options)
  return {
    client: deps.client,
    merchantId: deps.options.merchantId,
    verifier: deps.verifier ?? sharedSnsVerifier(webhook.ipnTrustedCertUrls),
    trustedSandboxCertUrls: webhook.ipnTrustedCertUrls,
    confirmSubscriptions: webhook.ipnConfirmSubscriptions,
  }
}

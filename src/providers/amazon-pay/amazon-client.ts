/**
 * The one place the provider's options become an Amazon Pay client (the provider, the IPN
 * subscriber, the polling job, the admin routes and the credentials check all use it).
 */
import { AmazonPayClient } from "../../lib/amazon-pay/client"
import { REGION_ENDPOINTS } from "../../lib/amazon-pay/config"
import { loadPrivateKey, type AmazonPayOptions } from "./options"

export function amazonPayClientFor(options: AmazonPayOptions): AmazonPayClient {
  return new AmazonPayClient({
    publicKeyId: options.publicKeyId,
    privateKey: loadPrivateKey(options),
    region: options.region,
    sandbox: options.sandbox,
    baseUrl: options.apiBaseUrl,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
  })
}

/** Where the options send requests, in words (for the credentials check's verdict). */
export function describeTarget(options: AmazonPayOptions): string {
  const environment = options.publicKeyId.startsWith("LIVE-")
    ? "live"
    : options.publicKeyId.startsWith("SANDBOX-") || options.sandbox
      ? "sandbox"
      : "live"
  return `${environment}, region ${options.region}, ${options.apiBaseUrl ?? `https://${REGION_ENDPOINTS[options.region].host}`}`
}

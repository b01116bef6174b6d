/**
 * Public entry of `medusa-payment-amazon-pay/client`: the Amazon Pay Checkout v2 client, its
 * configuration, errors, button signing, IPN (SNS) verification and Amazon's types. Free of Medusa.
 */
export { AmazonPayClient } from "./client"
export type { HttpMethod, RequestOptions } from "./transport"
export {
  AMAZON_PAY_REGIONS,
  AmazonPayConfigError,
  DEFAULT_TIMEOUT_MS,
  REGION_ENDPOINTS,
  isEnvironmentSpecificKeyId,
  resolveClientConfig,
  type AmazonPayClientConfig,
  type AmazonPayRegion,
  type ResolvedClientConfig,
  type RetryPolicy,
} from "./config"
export { AmazonPayError, DECLINE_REASON_CODES, isAmazonPayError, isRetryableStatus, type AmazonPayErrorInit, type TransportReasonCode } from "./errors"
export { checkCredentials, type CredentialsDescription, type CredentialsVerdict } from "./credentials-check"
export { IDEMPOTENCY_KEY_PATTERN, generateIdempotencyKey, isValidIdempotencyKey } from "./idempotency"
export { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelayMs, type ResolvedRetryPolicy } from "./retry"
// Button signing is what a store's own storefront code needs (a signed createCheckoutSessionConfig);
// request signing stays internal to the client (AmazonPayClient signs every request it sends).
export {
  DEFAULT_SIGNATURE_ALGORITHM,
  SIGNATURE_ALGORITHMS,
  isSignatureAlgorithm,
  signButtonPayload,
  verifyButtonSignature,
  type SignatureAlgorithm,
} from "./signer"
export * from "./types"
// Instant Payment Notifications: SNS envelope parsing and verification (what a store needs to trust
// an IPN before it GETs the object it points to).
export * from "./sns"
export * from "./sns-cert-url"
export * from "./sns-verifier"

/**
 * Which `SigningCertURL`s may be fetched at all.
 *
 * Amazon SNS "Verifying the signatures of Amazon SNS messages": the certificate must come from
 * Amazon SNS over HTTPS, i.e. a host `sns.<region>.amazonaws.com` (`.amazonaws.com.cn` in the China
 * regions). Anything looser lets an attacker host a certificate for their own key and sign forged
 * IPNs with it, so the check compares exact fields of the WHATWG-parsed URL instead of matching
 * substrings, and it also refuses every URL that is not already in canonical form (upper case,
 * percent-encoding, backslashes, explicit ports, trailing dots): Amazon never sends those, and a
 * URL that only becomes trusted after normalisation is a trick, not a certificate location.
 */

/** `us-east-1`, `eu-west-1`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-2`, ... */
const REGION = "[a-z]{2}(?:-[a-z]+){1,2}-\\d{1,2}"
const SNS_HOST_PATTERN = new RegExp(`^sns\\.(${REGION})\\.amazonaws\\.com(\\.cn)?$`)
/** `/SimpleNotificationService-<hex>.pem`: plain path segments only, no encoded characters. */
const PEM_PATH_PATTERN = /^(?:\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)+\.pem$/
const MAX_URL_LENGTH = 2048

/** True when `url` is an Amazon SNS signing certificate location that may be fetched. */
export function isTrustedSnsCertUrl(url: unknown): boolean {
  if (typeof url !== "string" || url.length === 0 || url.length > MAX_URL_LENGTH) {
    return false
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  // The parser silently repairs many things (case, `\`, tabs, `:443`, `%2e`); only accept input
  // that it did not have to change.
  if (parsed.href !== url) {
    return false
  }
  if (
    parsed.protocol !== "https:" ||
    parsed.port !== "" ||
    parsed.username !== "" ||
    parsed.password !== "" ||
    parsed.search !== "" ||
    parsed.hash !== ""
  ) {
    return false
  }
  const host = SNS_HOST_PATTERN.exec(parsed.hostname)
  if (!host) {
    return false
  }
  // China regions live under amazonaws.com.cn and only there.
  const isChinaRegion = host[1].startsWith("cn-")
  if (isChinaRegion !== (host[2] === ".cn")) {
    return false
  }
  return PEM_PATH_PATTERN.test(parsed.pathname)
}

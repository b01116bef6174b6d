/**
 * One SnsVerifier per set of trusted sandbox certificate URLs, for the life of the process: its
 * certificate cache is what makes a warm verify a single `crypto.verify` (see tools/bench/ipn.ts). The
 * provider, the subscriber and the polling job each build their deps separately, so the verifier
 * is shared here rather than owned by any of them.
 *
 * Per process on purpose, not in Medusa's caching module: what it caches is Amazon SNS's public
 * signing certificates by URL (only URLs on Amazon's SNS hosts, or the explicitly trusted sandbox
 * ones, are fetched), which are the same for every process. A second server with a cold cache
 * fetches the certificate once more; no process can learn anything from another's cache, and a
 * certificate that could be planted in a shared cache would be a way to forge IPNs.
 */
import { SnsVerifier } from "../../../lib/amazon-pay/sns-verifier"

const verifiers = new Map<string, SnsVerifier>()
const MAX_VERIFIERS = 8

export function sharedSnsVerifier(trustedSandboxCertUrls: readonly string[]): SnsVerifier {
  const key = JSON.stringify([...trustedSandboxCertUrls].sort())
  let verifier = verifiers.get(key)
  if (!verifier) {
    if (verifiers.size >= MAX_VERIFIERS) {
      verifiers.delete(verifiers.keys().next().value as string)
    }
    verifier = new SnsVerifier({ trustedSandboxCertUrls })
    verifiers.set(key, verifier)
  }
  return verifier
}

/**
 * One SnsVerifier per set of trusted sandbox certificate URLs, for the life of the process: its
 * certificate cache is what makes a warm verify a single `crypto.verify` (see bench/ipn.ts). The
 * provider, the subscriber and the polling job each build their deps separately, so the verifier
 * is shared here rather than owned by any of them.
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

/**
 * Whether a public key id, its private key, the environment and the region fit together, found
 * out with one harmless signed request: Get Checkout Session of an id that cannot exist. Amazon
 * checks the signature and the key before it looks the object up, so
 * - 404 ResourceNotFound: the key was accepted (right key for this key id, environment and region);
 * - 401 InvalidRequestSignature: the private key does not belong to this public key id;
 * - 401/403 UnauthorizedAccess (and other 4xx): the key id is not known where the request went
 *   (a SANDBOX- id against live or the other way round, the wrong region's host, a deleted key);
 * - no answer: Amazon could not be reached, nothing is said about the key.
 * Nothing is created or changed at Amazon.
 */
import { randomUUID } from "node:crypto"
import type { AmazonPayClient } from "./client"
import { isAmazonPayError } from "./errors"

export type CredentialsVerdict =
  | { ok: true; message: string }
  | { ok: false; problem: "key_mismatch" | "unknown_key" | "unreachable" | "unexpected"; message: string; status?: number; reasonCode?: string }

export interface CredentialsDescription {
  publicKeyId: string
  /** What the client was configured for, to name it in the verdict: e.g. "sandbox, region na, https://pay-api.amazon.com". */
  target: string
}

export async function checkCredentials(client: AmazonPayClient, described: CredentialsDescription): Promise<CredentialsVerdict> {
  const where = `${described.publicKeyId} (${described.target})`
  try {
    await client.getCheckoutSession(randomUUID())
    return { ok: true, message: `Amazon Pay accepted ${where}` }
  } catch (error) {
    if (!isAmazonPayError(error)) {
      return { ok: false, problem: "unexpected", message: `Amazon Pay credentials check failed for ${where}: ${error instanceof Error ? error.message : String(error)}` }
    }
    const { status, reasonCode } = error
    if (status === 404) {
      return { ok: true, message: `Amazon Pay accepted ${where}` }
    }
    if (status === undefined || error.retryable) {
      return {
        ok: false,
        problem: "unreachable",
        status,
        reasonCode,
        message: `Amazon Pay could not be reached to check ${where} (${reasonCode}); nothing is known about the key`,
      }
    }
    if (reasonCode === "InvalidRequestSignature") {
      return {
        ok: false,
        problem: "key_mismatch",
        status,
        reasonCode,
        message: `Amazon Pay refused the signature of ${where}: the private key is not the one registered for this public key id in Seller Central`,
      }
    }
    return {
      ok: false,
      problem: "unknown_key",
      status,
      reasonCode,
      message:
        `Amazon Pay does not know ${where} (${status} ${reasonCode}): check that the key id's environment (SANDBOX- or ` +
        "LIVE-; `sandbox` for older ids) and the region (`na`, `eu`, `jp`) match where the key was created in Seller Central",
    }
  }
}

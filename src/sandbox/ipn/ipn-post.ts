/**
 * One SNS HTTP delivery attempt. SNS counts only a 2xx answer as delivered (no redirects are
 * followed), so anything else, a network error or a timeout means "redeliver later". Never throws:
 * the sandbox must not crash because a store is down.
 */
import type { SnsEnvelope } from "../../lib/amazon-pay/types"
import { serializeLikeSns, snsDeliveryHeaders } from "./ipn-envelope"

export interface AttemptOutcome {
  ok: boolean
  status: number | null
  error: string | null
}

export async function postEnvelope(
  url: string,
  envelope: SnsEnvelope,
  subscriptionArn: string,
  timeoutMs: number,
  cancel: AbortSignal
): Promise<AttemptOutcome> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: snsDeliveryHeaders(envelope, subscriptionArn),
      body: serializeLikeSns(envelope),
      redirect: "manual",
      signal: AbortSignal.any([cancel, AbortSignal.timeout(timeoutMs)]),
    })
    // Read (and discard) the answer so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined)
    const ok = response.status >= 200 && response.status < 300
    return { ok, status: response.status, error: ok ? null : `HTTP ${response.status}` }
  } catch (error) {
    // Duck-typed: fetch's DOMExceptions are not always `instanceof Error` (other realms, jest vm).
    const name = (error as { name?: unknown } | null)?.name
    const reason =
      name === "TimeoutError"
        ? `timeout after ${timeoutMs} ms`
        : name === "AbortError"
          ? "canceled"
          : describeNetworkError(error)
    return { ok: false, status: null, error: reason }
  }
}

function describeNetworkError(error: unknown): string {
  const { cause, message } = (error ?? {}) as { cause?: { code?: string; message?: string }; message?: string }
  return cause?.code ?? cause?.message ?? message ?? String(error)
}

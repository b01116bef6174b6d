/**
 * An IPN that could not be applied yet for a reason that may pass (Amazon unreachable or 5xx, the
 * payment lock busy, a database error). Thrown from `payment.webhook_received` subscribers so that
 * Medusa's Redis Event Bus runs the subscriber again: it retries the event up to its `attempts`
 * (payment module option `webhook_retries`, medusa-config.ts), re-running only the subscribers that
 * threw (event-bus-redis `completedSubscriberIds`). The local event bus only logs it. Either way
 * the polling job settles what is still pending.
 *
 * Definite outcomes (refused, ignored, applied, nothing to do) never throw: retrying them would
 * change nothing. The message names ids and a reason only, never the body.
 */
export class IpnRetryLater extends Error {
  override readonly name = "IpnRetryLater"
}

export function retryLater(what: string, cause: unknown): IpnRetryLater {
  const reason = cause instanceof Error ? cause.message : String(cause)
  return new IpnRetryLater(`${what}: ${reason.slice(0, 300)}; the event bus retries it, the polling job catches up`)
}

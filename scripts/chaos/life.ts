/**
 * One order's random life, decided before it starts (so the report can say what was planned):
 * which provider instance (capture manual or on authorize), what the buyer's payment does at
 * Amazon, how the admin captures (once, in two parts, or only partly), how many refunds follow,
 * or whether the order is canceled instead. Amounts are fractions of the order total resolved in
 * minor units when the total is known (money is exact: BigInt only).
 */
import type { BuyerOutcome } from "../../src/sandbox"
import type { Random } from "./random"

export const MANUAL_PROVIDER_ID = "pp_amazon-pay_amazon-pay"
export const AUTO_CAPTURE_PROVIDER_ID = "pp_amazon-pay_amazon-pay-auto"

export type CapturePlan = "full" | "two_parts" | "partial_only"

export interface OrderLife {
  index: number
  providerId: string
  captureMode: "manual" | "on_authorize"
  quantity: number
  outcome: BuyerOutcome
  /** Manual capture only: cancel the order instead of capturing. */
  cancel: boolean
  capture: CapturePlan
  /** Per mille of the total for the first part (two_parts, partial_only). */
  firstPartPerMille: number
  /** Each refund's share of what is still refundable, per mille (its length is the number of refunds). */
  refundsPerMille: number[]
}

export function planLife(index: number, random: Random): OrderLife {
  const outcome = random.weighted<BuyerOutcome>({
    success: 72,
    declined: 7,
    buyerCanceled: 5,
    pendingThenAuthorized: 9,
    pendingThenDeclined: 7,
  })
  // The sandbox, like Amazon's test cards, makes an authorization pending only with paymentIntent
  // Authorize (src/sandbox/README.md, "Pending outcomes"): pending lives use the manual instance.
  const pending = outcome === "pendingThenAuthorized" || outcome === "pendingThenDeclined"
  const onAuthorize = !pending && random.chance(0.3)
  return {
    index,
    providerId: onAuthorize ? AUTO_CAPTURE_PROVIDER_ID : MANUAL_PROVIDER_ID,
    captureMode: onAuthorize ? "on_authorize" : "manual",
    quantity: random.int(1, 3),
    outcome,
    cancel: !onAuthorize && random.chance(0.12),
    capture: random.weighted<CapturePlan>({ full: 50, two_parts: 35, partial_only: 15 }),
    firstPartPerMille: random.int(100, 900),
    refundsPerMille: Array.from({ length: random.int(0, 3) }, () => random.int(100, 600)),
  }
}

/** Cumulative capture targets in minor units for a total: what Medusa should have captured after each step. */
export function captureTargets(life: OrderLife, totalMinor: bigint): bigint[] {
  const first = (totalMinor * BigInt(life.firstPartPerMille)) / 1000n
  switch (life.capture) {
    case "full":
      return [totalMinor]
    case "two_parts":
      return [first, totalMinor]
    case "partial_only":
      return [first]
  }
}

/** Cumulative refund targets in minor units: each refund takes its share of what is still refundable (at least 1). */
export function refundTargets(life: OrderLife, capturedMinor: bigint): bigint[] {
  const targets: bigint[] = []
  let refunded = 0n
  for (const perMille of life.refundsPerMille) {
    if (refunded >= capturedMinor) {
      break
    }
    const amount = ((capturedMinor - refunded) * BigInt(perMille)) / 1000n || 1n
    refunded += amount
    targets.push(refunded)
  }
  return targets
}

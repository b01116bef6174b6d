/**
 * One order's random life, decided before it starts (so the report can say what was planned):
 * which provider instance (capture manual or on authorize), what the buyer's payment does at
 * Amazon, how the admin captures (once, in two parts, or only partly), how many refunds follow,
 * or whether the order is canceled instead. Amounts are fractions of the order total resolved in
 * minor units when the total is known (money is exact: BigInt only).
 *
 * Some lives are not honest or not alone (issue 10): a hostile storefront hands this buyer's Amazon
 * checkout to its own cart at some stage of the buyer's checkout, or writes the provider's internal
 * fields into its payment session data; two admins capture or refund equal amounts at the same
 * moment; a later capture is soft-declined by Amazon and retried.
 */
import type { BuyerOutcome } from "../../src/sandbox"
import type { Random } from "./random"

export const MANUAL_PROVIDER_ID = "pp_amazon-pay_amazon-pay"
export const AUTO_CAPTURE_PROVIDER_ID = "pp_amazon-pay_amazon-pay-auto"

export type CapturePlan = "full" | "two_parts" | "partial_only"

export const LIFE_KINDS = ["honest", "reuse_checkout", "inject_fields", "parallel_captures", "parallel_refunds", "soft_decline_retry"] as const
export type LifeKind = (typeof LIFE_KINDS)[number]

/** How far the buyer got with the Amazon checkout when the hostile storefront hands it to its own cart. */
export const REUSE_STAGES = ["on_amazon_page", "confirmed", "completed"] as const
export type ReuseStage = (typeof REUSE_STAGES)[number]

export interface ReusePlan {
  stage: ReuseStage
  /** The hostile cart's total equals the buyer's, or is another (one more item). */
  totals: "equal" | "different"
}

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
  kind: LifeKind
  /** reuse_checkout only. */
  reuse?: ReusePlan
  /** parallel_captures / parallel_refunds: how many equal calls start at once. */
  parallel?: number
}

/** Share of each kind of life (per 100). */
export const KIND_WEIGHTS: Readonly<Record<LifeKind, number>> = {
  honest: 64,
  reuse_checkout: 12,
  inject_fields: 8,
  parallel_captures: 6,
  parallel_refunds: 6,
  soft_decline_retry: 4,
}

export function planLife(index: number, random: Random): OrderLife {
  const kind = random.weighted<LifeKind>({ ...KIND_WEIGHTS })
  const honest = planHonestLife(index, random)
  switch (kind) {
    case "honest":
      return honest
    case "reuse_checkout":
    case "inject_fields":
      // The buyer pays; what is tested is the hostile storefront beside it.
      return {
        ...honest,
        kind,
        outcome: "success",
        reuse: kind === "reuse_checkout" ? { stage: random.pick(REUSE_STAGES), totals: random.chance(0.5) ? "equal" : "different" } : undefined,
      }
    case "parallel_captures":
      // A first part, then equal parts of the rest at once: later captures are new charges at Amazon.
      return { ...honest, ...manual, kind, outcome: "success", cancel: false, capture: "two_parts", parallel: 2 }
    case "parallel_refunds":
      return { ...honest, kind, outcome: "success", cancel: false, capture: "full", parallel: random.int(2, 3), refundsPerMille: [] }
    case "soft_decline_retry":
      return { ...honest, ...manual, kind, outcome: "success", cancel: false, capture: "two_parts" }
  }
}

const manual = { providerId: MANUAL_PROVIDER_ID, captureMode: "manual" } as const

function planHonestLife(index: number, random: Random): OrderLife {
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
    kind: "honest",
  }
}

/**
 * parallel_captures: after the first part, `parallel` equal captures of the rest at once; the
 * cumulative target after them. Parts are in minor units and at least 1 (none when nothing is left).
 */
export function parallelCaptureParts(life: OrderLife, totalMinor: bigint): { part: bigint; target: bigint } | null {
  const [first] = captureTargets(life, totalMinor)
  const count = BigInt(life.parallel ?? 2)
  const part = (totalMinor - first) / count
  return part > 0n ? { part, target: first + part * count } : null
}

/** parallel_refunds: `parallel` equal refunds at once, together at most what was captured. */
export function parallelRefundParts(life: OrderLife, capturedMinor: bigint): { part: bigint; target: bigint } | null {
  const count = BigInt(life.parallel ?? 2)
  const part = capturedMinor / (count + 1n)
  return part > 0n ? { part, target: part * count } : null
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

/** The campaign's plan must be reproducible and its money exact, or its verdicts mean nothing. */
import { faultRules } from "../faults"
import {
  AUTO_CAPTURE_PROVIDER_ID,
  LIFE_KINDS,
  MANUAL_PROVIDER_ID,
  captureTargets,
  parallelCaptureParts,
  parallelRefundParts,
  planLife,
  refundTargets,
} from "../life"
import { Random } from "../random"

describe("fault campaign plan", () => {
  it("draws the same lives from the same seed, and keeps pending lives on the manual instance", () => {
    const lives = (seed: number) => Array.from({ length: 300 }, (_, i) => planLife(i, new Random(seed + i)))
    expect(lives(42)).toEqual(lives(42))
    expect(lives(42)).not.toEqual(lives(43))
    const pendingOnAuto = lives(7).filter((l) => l.outcome.startsWith("pending") && l.providerId === AUTO_CAPTURE_PROVIDER_ID)
    expect(pendingOnAuto).toEqual([])
    expect(lives(7).some((l) => l.captureMode === "on_authorize")).toBe(true)
  })

  it("captures exactly the total or a part of it, and never refunds more than was captured", () => {
    const random = new Random(1)
    for (let i = 0; i < 500; i++) {
      const life = planLife(i, random)
      const total = random.bigint(1n, 100_000n)
      const captures = captureTargets(life, total)
      expect(captures.every((target, k) => target >= (captures[k - 1] ?? 0n))).toBe(true)
      expect(captures.at(-1)! <= total).toBe(true)
      if (life.capture !== "partial_only") expect(captures.at(-1)).toBe(total)
      const refunds = refundTargets(life, captures.at(-1)!)
      expect(refunds.length).toBeLessThanOrEqual(life.refundsPerMille.length)
      expect(refunds.every((target, k) => target > (refunds[k - 1] ?? 0n) && target <= captures.at(-1)!)).toBe(true)
    }
  })

  it("spreads the fault rate evenly over the five kinds", () => {
    const rules = faultRules({ rate: 0.2, clientTimeoutMs: 1_500 })
    let untouched = 1
    const shares = rules.map((rule) => {
      const share = untouched * rule.probability!
      untouched -= share
      return share
    })
    shares.forEach((share) => expect(share).toBeCloseTo(0.04, 10))
    expect(1 - untouched).toBeCloseTo(0.2, 10)
    expect(rules.find((r) => r.kind === "hang")!.latencyMs).toBeGreaterThan(1_500)
  })
})

describe("hostile and concurrent lives", () => {
  const lives = Array.from({ length: 2000 }, (_, i) => planLife(i, new Random(1000 + i)))

  it("draws every kind, with a paying buyer, and concurrent captures only on the manual instance", () => {
    expect(new Set(lives.map((l) => l.kind))).toEqual(new Set(LIFE_KINDS))
    const special = lives.filter((l) => l.kind !== "honest")
    expect(special.every((l) => l.outcome === "success")).toBe(true)
    for (const life of lives.filter((l) => l.kind === "parallel_captures" || l.kind === "soft_decline_retry")) {
      expect([life.providerId, life.capture, life.cancel]).toEqual([MANUAL_PROVIDER_ID, "two_parts", false])
    }
    const reuse = lives.filter((l) => l.kind === "reuse_checkout")
    expect(new Set(reuse.map((l) => `${l.reuse!.stage} ${l.reuse!.totals}`)).size).toBe(6)
    expect(lives.filter((l) => l.kind !== "reuse_checkout").every((l) => l.reuse === undefined)).toBe(true)
  })

  it("splits parallel parts exactly: never beyond the total or what was captured", () => {
    const random = new Random(5)
    for (const life of lives.filter((l) => l.kind === "parallel_captures" || l.kind === "parallel_refunds")) {
      const total = random.bigint(1n, 100_000n)
      const parts = life.kind === "parallel_captures" ? parallelCaptureParts(life, total) : parallelRefundParts(life, total)
      if (parts === null) continue
      expect(parts.part > 0n).toBe(true)
      expect(parts.target <= total).toBe(true)
      expect(parts.target).toBe(life.kind === "parallel_refunds" ? parts.part * BigInt(life.parallel!) : captureTargets(life, total)[0] + parts.part * 2n)
    }
    const tiny = lives.find((l) => l.kind === "parallel_refunds")!
    expect(parallelRefundParts(tiny, 2n)).toBeNull()
  })
})

/** The campaign's plan must be reproducible and its money exact, or its verdicts mean nothing. */
import { faultRules } from "../faults"
import { AUTO_CAPTURE_PROVIDER_ID, captureTargets, planLife, refundTargets } from "../life"
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

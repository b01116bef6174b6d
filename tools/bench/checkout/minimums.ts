/**
 * The fewest Amazon API calls the Checkout v2 protocol allows per step of this provider's flows,
 * with the reason, so the bench can say whether the provider meets it. The reasoning:
 *
 * - Before completion (express flow, the one benchmarked): Amazon's button script creates the
 *   Checkout Session from the signed payload (no call from the merchant's server), and the buyer
 *   picks address and card on Amazon. Before the buyer can confirm, the merchant must put the final
 *   amount and the result return URL on the session: one Update Checkout Session. (With
 *   checkoutMode ProcessOrder, when the storefront supplies the address, the minimum is zero.)
 * - Completion: one Complete Checkout Session creates the charge permission and the authorized
 *   charge. Its answer carries their ids and the session state, not the charge's state and amounts,
 *   so a provider that records the charge as Amazon reports it needs one Get Charge after it
 *   (the charge permission can be read in parallel: one call more, no round trip more).
 * - Capture: one Capture Charge. Refund: one Create Refund. Anything more is a choice (e.g. reading
 *   Amazon's state first to reconcile a retry after a lost answer).
 */
export interface Minimum {
  step: string
  calls: number
  why: string
}

export const MINIMUMS: Minimum[] = [
  { step: "before completion", calls: 1, why: "Update Checkout Session (amount + result URL, before the buyer confirms)" },
  { step: "cart completion", calls: 1, why: "Complete Checkout Session (2 with a Get Charge to record the charge's state)" },
  { step: "capture", calls: 1, why: "Capture Charge" },
  { step: "refund", calls: 1, why: "Create Refund" },
]

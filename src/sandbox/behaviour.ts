/**
 * Where Amazon's documentation allows two readings, the sandbox answers the stricter (live) way by
 * default and keeps the other reading behind a setting, so a store's tests can run both:
 *
 * - `chargeDeclineStyle`: "error" (default): a declined Create Charge or Capture Charge is an HTTP
 *   error carrying the reasonCode ("Manage recurring payments": "If Create Charge returns a 201
 *   response, authorization was either successfully completed or successfully initiated… If Create
 *   Charge returns a different HTTP status code, check the reasonCode"). "declined-charge": the older
 *   sandbox shape, 201/200 with a Charge in state Declined.
 * - `updateAfterRedirect`: "refuse" (default): once the buyer was sent to amazonPayRedirectUrl,
 *   Update Checkout Session is refused ("Checkout Session details are modifiable until the buyer is
 *   redirected to amazonPayRedirectUrl"; nothing documents how a changed amount is re-confirmed).
 *   "reconfirm": the older sandbox reading, a changed amount needs the buyer's approval again.
 * - `pendingWithCapture`: "refuse" (default): `canHandlePendingAuthorization: true` together with an
 *   immediate capture (paymentIntent AuthorizeWithCapture, or Create Charge with captureNow) is
 *   refused with 400 InvalidParameterValue; Amazon documents no pending capture-at-authorization and
 *   its plugins send the flag only with Authorize (WooCommerce, Magento 2). "allow": the older
 *   sandbox reading (Checkout answers synchronously, Create Charge goes AuthorizationInitiated).
 */
import { z } from "zod"
import { validate } from "./validation"

export const behaviourSchema = z.strictObject({
  chargeDeclineStyle: z.enum(["error", "declined-charge"]).optional(),
  updateAfterRedirect: z.enum(["refuse", "reconfirm"]).optional(),
  pendingWithCapture: z.enum(["refuse", "allow"]).optional(),
})

export type BehaviourInput = z.infer<typeof behaviourSchema>
export type Behaviour = Required<BehaviourInput>

export const DEFAULT_BEHAVIOUR: Readonly<Behaviour> = Object.freeze({
  chargeDeclineStyle: "error",
  updateAfterRedirect: "refuse",
  pendingWithCapture: "refuse",
})

/** The current readings; `reset()` returns to the ones the sandbox was started with. */
export class BehaviourSettings {
  private readonly initial: Behaviour
  private current: Behaviour

  constructor(input: BehaviourInput = {}) {
    this.initial = { ...DEFAULT_BEHAVIOUR, ...definedOnly(validate(behaviourSchema, input)) }
    this.current = { ...this.initial }
  }

  get(): Behaviour {
    return { ...this.current }
  }

  /** Validates first (400 InvalidParameterValue / UnrecognizedField), so a bad change changes nothing. */
  configure(change: unknown): Behaviour {
    this.current = { ...this.current, ...definedOnly(validate(behaviourSchema, change)) }
    return this.get()
  }

  reset(): void {
    this.current = { ...this.initial }
  }
}

function definedOnly(input: BehaviourInput): BehaviourInput {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as BehaviourInput
}

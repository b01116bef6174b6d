/**
 * `POST /checkout/{id}`: the buyer page's form, validated (only the page's own choices are
 * accepted), turned into a plan the route applies. The control API's fields keep working
 * (`action=approve|cancel`, `outcome=<BuyerOutcome>`), so scripts that post the bare form still do.
 */
import { z } from "zod"
import type { ApproveInput } from "../../buyer"
import { BUYER_OUTCOMES, type CheckoutSessionRecord } from "../../records"
import { TEST_ADDRESSES, TEST_BUYERS, TEST_PAYMENT_METHODS } from "./test-accounts"

export const CHANGE_ACTIONS = ["changeAddress", "changePayment"] as const
export type ChangeAction = (typeof CHANGE_ACTIONS)[number]

const idsOf = <T extends { id: string }>(items: readonly T[]) => items.map((item) => item.id) as [string, ...string[]]

export const buyerFormSchema = z.strictObject({
  action: z.enum(["approve", "cancel"]).default("approve"),
  buyer: z.enum(idsOf(TEST_BUYERS)).optional(),
  address: z.enum(idsOf(TEST_ADDRESSES)).optional(),
  payment: z.enum(idsOf(TEST_PAYMENT_METHODS)).optional(),
  outcome: z.enum(BUYER_OUTCOMES).optional(),
  changeAction: z.enum(CHANGE_ACTIONS).optional(),
})

export type BuyerForm = z.infer<typeof buyerFormSchema>

export type BuyerPagePlan =
  | { kind: "cancel" }
  | {
      kind: "approve"
      input: ApproveInput
      /** `review` after a change action: back to the review page whatever the session's leg. */
      leg: "review" | "auto"
      /** The chosen card, shown by Get Checkout Session as `paymentPreferences[].paymentDescriptor`. */
      paymentDescriptor: string | null
      /** The test buyer to remember on this browser (until `amazon.Pay.signout()`). */
      rememberBuyerId: string | null
    }

/** Form body (application/x-www-form-urlencoded) -> the validated form; repeated fields keep the last value. */
export function parseBuyerForm(rawBody: string): z.ZodSafeParseResult<BuyerForm> {
  return buyerFormSchema.safeParse(Object.fromEntries(new URLSearchParams(rawBody)))
}

export function planBuyerForm(session: CheckoutSessionRecord, form: BuyerForm): BuyerPagePlan {
  if (form.action === "cancel") {
    return { kind: "cancel" }
  }
  const input: ApproveInput = {}
  const buyer = TEST_BUYERS.find((b) => b.id === form.buyer)
  if (buyer) {
    input.buyer = { name: buyer.name, email: buyer.email, ...(buyer.phoneNumber ? { phoneNumber: buyer.phoneNumber } : {}) }
  }
  const address = TEST_ADDRESSES.find((a) => a.id === form.address)?.address
  // In the ProcessOrder flow the merchant sent the address (addressDetails): Amazon ships there.
  const shipping = address ?? (session.shippingAddress ? undefined : (session.addressDetails ?? undefined))
  if (shipping) {
    input.shippingAddress = { ...shipping }
    input.billingAddress = { ...shipping }
  }
  const payment = TEST_PAYMENT_METHODS.find((p) => p.id === form.payment)
  const outcome = payment?.outcome ?? form.outcome
  if (outcome && !form.changeAction) {
    input.outcome = outcome
  }
  return {
    kind: "approve",
    input,
    leg: form.changeAction ? "review" : "auto",
    paymentDescriptor: payment?.descriptor ?? null,
    rememberBuyerId: buyer?.id ?? null,
  }
}

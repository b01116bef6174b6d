/**
 * `GET /checkout/{id}`: the page `amazonPayRedirectUrl` and the button lead to, standing for
 * Amazon's hosted checkout. The buyer picks a test buyer, a shipping address and a payment method
 * and continues (review leg: back to checkoutReviewReturnUrl) or pays (result leg: back to
 * checkoutResultReturnUrl), or cancels and returns to the merchant (checkoutCancelUrl). Every
 * choice is a labelled radio button in a fieldset with a legend, so people, screen readers and
 * browser tests find them by role and name. Every value is escaped.
 */
import type { Address } from "../../../lib/amazon-pay/types"
import type { CheckoutSessionRecord } from "../../records"
import { isReadyToProcess } from "../../checkout-state"
import { addressRefusal } from "../../delivery-restrictions"
import { escapeHtml, htmlPage } from "../html"
import type { ChangeAction } from "./form"
import {
  TEST_ADDRESSES,
  TEST_BUYERS,
  TEST_PAYMENT_METHODS,
  findTestAddress,
  formatAddress,
  type TestBuyer,
} from "./test-accounts"

export interface BuyerPageContext {
  changeAction: ChangeAction | null
  /** The test buyer this browser chose before (cookie), until `amazon.Pay.signout()`. */
  rememberedBuyerId: string | null
}

interface Choice {
  value: string
  label: string
  detail?: string
  /** Why this choice cannot be made (shown, and the radio disabled). */
  refused?: string | null
}

function radios(name: string, legend: string, choices: Choice[], selected: string | undefined): string {
  const allowed = choices.filter((choice) => !choice.refused)
  const chosen = allowed.some((choice) => choice.value === selected) ? selected : allowed[0]?.value
  const items = choices
    .map((choice) => {
      const checked = choice.value === chosen
      const detail = choice.detail ? `<br><span class="muted">${escapeHtml(choice.detail)}</span>` : ""
      const refused = choice.refused ? `<br><span class="refused">${escapeHtml(choice.refused)}</span>` : ""
      const state = `${checked ? " checked" : ""}${choice.refused ? " disabled" : ""}`
      return `<label class="choice"><input type="radio" name="${escapeHtml(name)}" value="${escapeHtml(choice.value)}"${state}><span>${escapeHtml(choice.label)}${detail}${refused}</span></label>`
    })
    .join("\n")
  return `<fieldset><legend>${escapeHtml(legend)}</legend>\n${items}\n</fieldset>`
}

function summary(legend: string, text: string, id: string): string {
  return `<fieldset><legend>${escapeHtml(legend)}</legend><p id="${id}">${escapeHtml(text)}</p></fieldset>`
}

const buyerLabel = (buyer: Pick<TestBuyer, "name" | "email">) => `${buyer.name} (${buyer.email})`

/** The address book; addresses the merchant's deliverySpecifications exclude are shown but cannot be chosen. */
function addressChoices(session: CheckoutSessionRecord): Choice[] {
  return TEST_ADDRESSES.map((a) => ({
    value: a.id,
    label: `${a.country}: ${formatAddress(a.address)}`,
    detail: a.address.phoneNumber ? `Phone ${a.address.phoneNumber}` : "No phone number",
    refused: addressRefusal(session.deliverySpecifications, a.address),
  }))
}

function amountBlock(session: CheckoutSessionRecord): string {
  const amount = session.paymentDetails?.chargeAmount
  return amount
    ? `<p>Order total: <span class="total" id="amount">${escapeHtml(amount.amount)} ${escapeHtml(amount.currencyCode)}</span></p>`
    : `<p class="muted" id="amount">The merchant shows the order total when you return to the shop.</p>`
}

export function renderBuyerPage(session: CheckoutSessionRecord, context: BuyerPageContext): string {
  const merchant = session.merchantMetadata?.merchantStoreName ?? session.storeId
  const remembered = TEST_BUYERS.find((b) => b.id === context.rememberedBuyerId)
  const head = `<h1>Check out with Amazon Pay</h1>
<div class="card">
<p>Merchant: <strong id="merchant">${escapeHtml(merchant)}</strong></p>
${amountBlock(session)}
<p class="muted">Checkout Session <code id="checkout-session-id">${escapeHtml(session.id)}</code></p>
${remembered ? `<p id="signed-in">Signed in as ${escapeHtml(remembered.name)}.</p>` : ""}
</div>`
  if (session.status.state !== "Open") {
    return htmlPage("Amazon Pay sandbox checkout", `${head}<p id="state" role="status">This Checkout Session is ${escapeHtml(session.status.state)}.</p>`)
  }
  const change = context.changeAction
  const finalLeg = !change && isReadyToProcess(session)
  const currentBuyer = TEST_BUYERS.find((b) => b.email === session.buyer?.email)
  const buyerPart =
    finalLeg && session.buyer
      ? summary("Buyer", buyerLabel({ name: session.buyer.name ?? "", email: session.buyer.email ?? "" }), "buyer")
      : radios("buyer", "Buyer", TEST_BUYERS.map((b) => ({ value: b.id, label: buyerLabel(b) })), (currentBuyer ?? remembered)?.id)
  const shipTo: Address | null = session.shippingAddress ?? session.addressDetails
  const addressPart =
    (finalLeg && shipTo) || (!change && session.addressDetails)
      ? summary("Shipping address", shipTo ? formatAddress(shipTo) : "", "shipping-address")
      : radios("address", "Shipping address", addressChoices(session), findTestAddress(session.shippingAddress)?.id)
  const paymentPart = radios(
    "payment",
    "Payment method",
    TEST_PAYMENT_METHODS.map((p) => ({ value: p.id, label: p.descriptor, detail: `Test card: ${p.effect}` })),
    TEST_PAYMENT_METHODS.find((p) => p.descriptor === session.paymentDescriptor)?.id
  )
  const notice = change
    ? `<p class="notice" role="status">Change your ${change === "changeAddress" ? "shipping address" : "payment method"}, then continue to return to ${escapeHtml(merchant)}.</p>`
    : ""
  const action = `/checkout/${encodeURIComponent(session.id)}`
  const body = `${head}
${notice}
<form method="post" action="${escapeHtml(action)}" aria-label="Amazon Pay checkout">
<input type="hidden" name="action" value="approve">
${change ? `<input type="hidden" name="changeAction" value="${escapeHtml(change)}">` : ""}
${buyerPart}
${addressPart}
${paymentPart}
<div class="actions"><button type="submit" class="primary" id="continue">${finalLeg ? "Pay now" : "Continue"}</button></div>
</form>
<form method="post" action="${escapeHtml(action)}" class="actions" style="margin-top:12px">
<input type="hidden" name="action" value="cancel">
<button type="submit" class="secondary" id="cancel">Cancel and return to merchant</button>
</form>`
  return htmlPage("Amazon Pay sandbox checkout", body)
}

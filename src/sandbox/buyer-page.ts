/**
 * The HTML page `amazonPayRedirectUrl` points to: a person or a browser test picks an outcome and
 * the form posts back here (`POST /checkout/{id}`), answered with 303 to the merchant's URL, the way
 * Amazon's hosted page returns the buyer. No scripts, so any browser or HTTP client can drive it.
 */
import { BUYER_OUTCOMES, type CheckoutSessionRecord } from "./records"
import { isReadyToProcess } from "./checkout-state"

const escapeHtml = (value: unknown): string =>
  String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const OUTCOME_LABELS: Record<(typeof BUYER_OUTCOMES)[number], string> = {
  success: "Pay (succeeds)",
  buyerCanceled: "Buyer cancels (session Canceled/BuyerCanceled)",
  declined: "Payment declined (session Canceled/Declined)",
  pendingThenAuthorized: "Pending, then authorized",
  pendingThenDeclined: "Pending, then declined",
}

export function renderBuyerPage(session: CheckoutSessionRecord): string {
  const amount = session.paymentDetails?.chargeAmount
  const ready = isReadyToProcess(session)
  const open = session.status.state === "Open"
  const outcomes = BUYER_OUTCOMES.map(
    (outcome, index) =>
      `<label><input type="radio" name="outcome" value="${outcome}"${index === 0 ? " checked" : ""}> ${escapeHtml(OUTCOME_LABELS[outcome])}</label><br>`
  ).join("\n")
  const form = !open
    ? `<p id="state">This Checkout Session is ${escapeHtml(session.status.state)}.</p>`
    : `<form method="post" action="/checkout/${encodeURIComponent(session.id)}">
<input type="hidden" name="action" value="approve">
${ready ? outcomes : "<p>Choose your address and payment method, then continue to the shop.</p>"}
<button type="submit" id="continue">${ready ? "Pay now" : "Continue"}</button>
</form>
<form method="post" action="/checkout/${encodeURIComponent(session.id)}">
<input type="hidden" name="action" value="cancel">
<button type="submit" id="cancel">Cancel and return to merchant</button>
</form>`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Amazon Pay sandbox checkout</title></head>
<body>
<h1>Amazon Pay sandbox</h1>
<p>Merchant: ${escapeHtml(session.merchantMetadata?.merchantStoreName ?? session.storeId)}</p>
<p>Checkout Session: <code id="checkout-session-id">${escapeHtml(session.id)}</code></p>
${amount ? `<p>Amount: <strong id="amount">${escapeHtml(amount.amount)} ${escapeHtml(amount.currencyCode)}</strong></p>` : ""}
${form}
</body></html>`
}

export function renderErrorPage(status: number, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Amazon Pay sandbox</title></head>
<body><h1>Error ${status}</h1><p id="error">${escapeHtml(message)}</p></body></html>`
}

/**
 * `GET|POST /checkout/{id}`: render the buyer page, or apply its form and answer 303 to the
 * merchant's URL, the way Amazon's hosted page returns the buyer. The chosen test buyer is
 * remembered in a cookie on the sandbox's origin until `amazon.Pay.signout()` clears it.
 */
import { approveCheckout, cancelCheckout, markRedirected } from "../../buyer"
import type { SandboxCore } from "../../core"
import { SandboxApiError, badRequest, isSandboxApiError } from "../../api-error"
import type { PlainResponse } from "../../http"
import { renderErrorPage } from "../html"
import { CHANGE_ACTIONS, parseBuyerForm, planBuyerForm, type ChangeAction } from "./form"
import { renderBuyerPage } from "./render-buyer-page"
import { TEST_BUYERS } from "./test-accounts"

export const BUYER_COOKIE = "amazon_pay_sandbox_buyer"
const COOKIE_ATTRIBUTES = "Path=/; SameSite=Lax; HttpOnly"

export const rememberBuyerCookie = (buyerId: string): string => `${BUYER_COOKIE}=${buyerId}; ${COOKIE_ATTRIBUTES}; Max-Age=2592000`
export const forgetBuyerCookie = (): string => `${BUYER_COOKIE}=; ${COOKIE_ATTRIBUTES}; Max-Age=0`

/** The remembered test buyer's id from a Cookie header; only ids of known test buyers count. */
export function rememberedBuyerId(cookieHeader: string | undefined): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, value] = part.trim().split("=")
    if (name === BUYER_COOKIE && TEST_BUYERS.some((b) => b.id === value)) {
      return value
    }
  }
  return null
}

const html = (status: number, body: string, headers: Record<string, string> = {}): PlainResponse => ({
  status,
  contentType: "text/html; charset=utf-8",
  body,
  headers: { "cache-control": "no-store", ...headers },
})

function changeActionOf(url: URL): ChangeAction | null {
  const value = url.searchParams.get("changeAction")
  if (value === null) {
    return null
  }
  if (!(CHANGE_ACTIONS as readonly string[]).includes(value)) {
    throw badRequest("InvalidParameterValue", `changeAction must be one of ${CHANGE_ACTIONS.join(", ")}`)
  }
  return value as ChangeAction
}

function submit(core: SandboxCore, id: string, rawBody: Buffer): PlainResponse {
  const parsed = parseBuyerForm(rawBody.toString("utf8"))
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "form").join(", ")
    throw badRequest("InvalidParameterValue", `The checkout form has invalid fields: ${fields}`)
  }
  const plan = planBuyerForm(core.store.checkoutSession(id), parsed.data)
  if (plan.kind === "cancel") {
    return html(303, "", { location: cancelCheckout(core, id).redirectUrl })
  }
  const result = approveCheckout(core, id, plan.input, plan.leg)
  if (plan.paymentDescriptor) {
    core.store.checkoutSession(id).paymentDescriptor = plan.paymentDescriptor
  }
  return html(303, "", {
    location: result.redirectUrl,
    ...(plan.rememberBuyerId ? { "set-cookie": rememberBuyerCookie(plan.rememberBuyerId) } : {}),
  })
}

export function buyerPageRoute(core: SandboxCore, method: string, id: string, url: URL, rawBody: Buffer, cookieHeader?: string): PlainResponse {
  try {
    if (method === "GET") {
      const session = core.store.checkoutSession(id)
      const changeAction = changeActionOf(url)
      if (!changeAction) {
        // The buyer is on Amazon's confirmation page: the session's details are final from now on.
        markRedirected(session)
      }
      return html(200, renderBuyerPage(session, { changeAction, rememberedBuyerId: rememberedBuyerId(cookieHeader) }))
    }
    if (method !== "POST") {
      throw new SandboxApiError(405, "MethodNotAllowed", "Use GET or POST")
    }
    return submit(core, id, rawBody)
  } catch (error) {
    const status = isSandboxApiError(error) ? error.status : 500
    return html(status, renderErrorPage(status, isSandboxApiError(error) ? error.message : "Unexpected sandbox error"))
  }
}

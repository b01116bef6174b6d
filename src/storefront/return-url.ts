/**
 * Amazon returns the buyer to the merchant's review, result or cancel URL with
 * `?amazonCheckoutSessionId=<id>` (Amazon Pay "Display shipping and payment info"). The id is
 * untrusted input: it is checked for shape here, and the provider checks that the checkout belongs
 * to the cart before using it.
 */
import { AmazonPayStorefrontError } from "./storefront-error"

export const CHECKOUT_SESSION_ID_PARAM = "amazonCheckoutSessionId"

/** Amazon's Checkout Session ids are UUIDs; anything outside this shape is refused. */
const CHECKOUT_SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/

export const isAmazonCheckoutSessionId = (value: unknown): value is string => typeof value === "string" && CHECKOUT_SESSION_ID.test(value)

/** Anything a return page has: an absolute URL, a query string, `window.location`, or `URLSearchParams` (Next.js `useSearchParams()`). */
export type ReturnUrlSource = string | URL | { search: string } | { getAll(name: string): string[] }

function valuesOf(source: ReturnUrlSource): string[] {
  if (typeof source === "string") {
    const params = /^[a-z][a-z0-9+.-]*:/i.test(source) ? new URL(source).searchParams : new URLSearchParams(source)
    return params.getAll(CHECKOUT_SESSION_ID_PARAM)
  }
  if (source instanceof URL) {
    return source.searchParams.getAll(CHECKOUT_SESSION_ID_PARAM)
  }
  if ("getAll" in source) {
    return source.getAll(CHECKOUT_SESSION_ID_PARAM)
  }
  return new URLSearchParams(source.search).getAll(CHECKOUT_SESSION_ID_PARAM)
}

/**
 * The `amazonCheckoutSessionId` of a return URL; `null` when there is none. Throws
 * `InvalidCheckoutSessionId` when it is malformed or given twice with different values.
 */
export function readAmazonCheckoutSessionId(source: ReturnUrlSource): string | null {
  const values = [...new Set(valuesOf(source).filter((value) => value !== ""))]
  if (values.length === 0) {
    return null
  }
  if (values.length > 1) {
    throw new AmazonPayStorefrontError("InvalidCheckoutSessionId", `The return URL carries ${values.length} different ${CHECKOUT_SESSION_ID_PARAM} values`)
  }
  if (!isAmazonCheckoutSessionId(values[0])) {
    throw new AmazonPayStorefrontError("InvalidCheckoutSessionId", `The return URL's ${CHECKOUT_SESSION_ID_PARAM} is not an Amazon Checkout Session id`)
  }
  return values[0]
}

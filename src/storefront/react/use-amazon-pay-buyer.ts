"use client"
/**
 * The express flow's review page in React: reads `amazonCheckoutSessionId` from the return URL and
 * copies the Amazon buyer (email, name, shipping and billing address) onto the cart once
 * (`applyAmazonBuyerToCart`, `POST /store/amazon-pay/carts/{id}/buyer`), so the page can list
 * shipping options and show totals from the address the buyer chose on Amazon. The store refuses a
 * checkout that was not started from this cart's button; the error is returned, never thrown.
 */
import { useEffect, useRef, useState } from "react"
import { applyAmazonBuyerToCart, type MedusaCallOptions, type MedusaStoreSdk, type StoreCart } from "../medusa"
import { readAmazonCheckoutSessionId, type ReturnUrlSource } from "../return-url"

export type AmazonPayBuyerStatus = "idle" | "applying" | "applied" | "error"

export interface UseAmazonPayBuyerOptions extends Pick<MedusaCallOptions, "headers"> {
  /** Where to read `amazonCheckoutSessionId`. @default window.location */
  returnUrl?: ReturnUrlSource
  /** Called with the updated cart (e.g. refresh the page's cart, list shipping options). */
  onApplied?: (cart: StoreCart) => void
}

export function useAmazonPayBuyer(sdk: MedusaStoreSdk, cartId: string | null | undefined, options: UseAmazonPayBuyerOptions = {}) {
  const [state, setState] = useState<{ status: AmazonPayBuyerStatus; cart: StoreCart | null; error: Error | null; checkoutSessionId: string | null }>({
    status: "idle",
    cart: null,
    error: null,
    checkoutSessionId: null,
  })
  const latest = useRef(options)
  latest.current = options
  const source = options.returnUrl ?? (typeof window === "undefined" ? null : window.location)
  const checkoutSessionId = source ? readAmazonCheckoutSessionId(source) : null

  useEffect(() => {
    if (!cartId || !checkoutSessionId) {
      setState({ status: "idle", cart: null, error: null, checkoutSessionId })
      return
    }
    let active = true
    setState({ status: "applying", cart: null, error: null, checkoutSessionId })
    applyAmazonBuyerToCart(sdk, cartId, checkoutSessionId, { headers: latest.current.headers }).then(
      ({ cart }) => {
        if (active) {
          setState({ status: "applied", cart, error: null, checkoutSessionId })
          latest.current.onApplied?.(cart)
        }
      },
      (error: unknown) => active && setState({ status: "error", cart: null, error: error instanceof Error ? error : new Error(String(error)), checkoutSessionId })
    )
    return () => {
      active = false
    }
  }, [sdk, cartId, checkoutSessionId])

  return state
}

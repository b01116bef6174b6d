"use client"
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Renders Amazon's button into the element `ref` points to, again whenever the signed payload, the
 * script or the display options change (never twice: the element's content is replaced), and
 * clears it on unmount. Either a signed configuration (`button`, from `payment_session.data.button`)
 * or the decoupled pair `merchant` + `prepare` (the session is created on click).
 */
import { useEffect, useRef, useState } from "react"
import { parseButtonConfig, type AmazonPayButtonConfig } from "../button-config"
import { renderAmazonPayButton, renderDecoupledAmazonPayButton, type RenderAmazonPayButtonOptions } from "../render-button"
import type { AmazonPayMerchantSettings } from "../render-options"

export type AmazonPayButtonSource =
  /** `payment_session.data.button` as Medusa returns it: validated before use (an invalid one is an error). */
  | { button: unknown }
  | { merchant: AmazonPayMerchantSettings; prepare: () => Promise<AmazonPayButtonConfig> }

export interface UseAmazonPayButtonOptions extends RenderAmazonPayButtonOptions {
  /** Rendering failed, or (decoupled) `prepare` failed on click. */
  onError?: (error: unknown) => void
}

export type AmazonPayButtonStatus = "idle" | "loading" | "ready" | "error"

/** The current `prepare` (props change between renders; the rendered button keeps calling the latest). */
function prepareOf(source: AmazonPayButtonSource): Promise<AmazonPayButtonConfig> {
  if (!("prepare" in source)) {
    return Promise.reject(new Error("The Amazon Pay button lost its prepare function"))
  }
  return source.prepare()
}

export function useAmazonPayButton(source: AmazonPayButtonSource, options: UseAmazonPayButtonOptions) {
  const ref = useRef<HTMLDivElement | null>(null)
  const [state, setState] = useState<{ status: AmazonPayButtonStatus; error: Error | null }>({ status: "idle", error: null })
  const latest = useRef({ source, options })
  latest.current = { source, options }

  const signed = "button" in source ? source.button : null
  const merchant = "merchant" in source ? source.merchant : null
  // Any change of the configuration (not only a new signature) renders again; identity does not.
  const key = JSON.stringify([
    signed ?? null,
    merchant,
    options.script,
    options.buttonColor,
    options.placement,
    options.estimatedOrderAmount,
  ])

  useEffect(() => {
    const element = ref.current
    const { source: current, options: currentOptions } = latest.current
    if (!element || ("button" in current && !current.button)) {
      setState({ status: "idle", error: null })
      return
    }
    let active = true
    const fail = (error: unknown) => {
      latest.current.options.onError?.(error)
      if (active) {
        setState({ status: "error", error: error instanceof Error ? error : new Error(String(error)) })
      }
    }
    setState({ status: "loading", error: null })
    const rendering =
      "button" in current
        ? Promise.resolve().then(() => renderAmazonPayButton(element, parseButtonConfig(current.button, "button"), currentOptions))
        : renderDecoupledAmazonPayButton(element, current.merchant, () => prepareOf(latest.current.source), {
            ...currentOptions,
            onError: (error) => latest.current.options.onError?.(error),
          })
    rendering.then(() => active && setState({ status: "ready", error: null }), fail)
    return () => {
      active = false
      element.replaceChildren()
    }
  }, [key])

  return { ref, status: state.status, error: state.error }
}

"use client"
/**
 * `<AmazonPayButton>` for React storefronts (Medusa's Next.js starter: a client component). Shows
 * Amazon's button from the Amazon Pay payment session's signed configuration, or the decoupled
 * button with `merchant` + `prepare`; a rendering failure is shown in an alert under it.
 */
import type { ReactNode } from "react"
import type { AmazonPayButtonConfig } from "../button-config"
import type { AmazonPayMerchantSettings } from "../render-options"
import { useAmazonPayButton, type UseAmazonPayButtonOptions } from "./use-amazon-pay-button"

export type AmazonPayButtonProps = UseAmazonPayButtonOptions & {
  className?: string
  "data-testid"?: string
  /** What to show when the button cannot be rendered. @default the error's message */
  renderError?: (error: Error) => ReactNode
} & (
    | { /** `payment_session.data.button`, validated before use. */ button: unknown; merchant?: never; prepare?: never }
    | { merchant: AmazonPayMerchantSettings; prepare: () => Promise<AmazonPayButtonConfig>; button?: never }
  )

export function AmazonPayButton(props: AmazonPayButtonProps) {
  const { className, renderError, "data-testid": testId, button, merchant, prepare, ...options } = props
  const source = merchant ? { merchant, prepare: prepare as () => Promise<AmazonPayButtonConfig> } : { button }
  const { ref, status, error } = useAmazonPayButton(source, options)
  return (
    <div className={className} data-testid={testId} aria-busy={status === "loading"}>
      <div ref={ref} />
      {error ? <p role="alert">{renderError ? renderError(error) : error.message}</p> : null}
    </div>
  )
}

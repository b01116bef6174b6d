/**
 * Every failure of the storefront kit is an `AmazonPayStorefrontError` with a stable `code`, so a
 * storefront can tell "show the buyer a message" from "fix the integration" without parsing text.
 */
export type AmazonPayStorefrontErrorCode =
  | "InvalidButtonConfig"
  | "InvalidCheckoutSessionId"
  | "InvalidSessionInput"
  | "InvalidScriptSource"
  | "NoAmazonPaySession"
  | "NoRedirectUrl"
  | "InvalidResponse"
  | "ScriptConflict"
  | "ScriptLoadFailed"
  | "ButtonNotRendered"
  | "NotInBrowser"

export class AmazonPayStorefrontError extends Error {
  override readonly name = "AmazonPayStorefrontError"

  constructor(
    readonly code: AmazonPayStorefrontErrorCode,
    message: string
  ) {
    super(message)
  }
}

export const isAmazonPayStorefrontError = (error: unknown): error is AmazonPayStorefrontError =>
  error instanceof AmazonPayStorefrontError

/** `path.to.field` from a validation issue path, prefixed with what was read. */
export function issuePath(prefix: string, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map(String)].join(".")
}

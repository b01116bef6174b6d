/**
 * AmazonPayError -> MedusaError. The client's messages are built only from Amazon's reply and our
 * own words (src/lib/amazon-pay/errors.ts), so they are safe to pass on; anything else unexpected is
 * reduced to its message, never its cause chain.
 */
import { MedusaError } from "@medusajs/framework/utils"
import { isAmazonPayError } from "../../lib/amazon-pay/errors"

export function toMedusaError(error: unknown, action: string): MedusaError {
  if (error instanceof MedusaError) {
    return error
  }
  if (isAmazonPayError(error)) {
    const type = error.retryable
      ? MedusaError.Types.UNEXPECTED_STATE
      : error.status === 404
        ? MedusaError.Types.NOT_FOUND
        : MedusaError.Types.NOT_ALLOWED
    const hint = error.retryable ? " Amazon Pay did not answer in time or is unavailable; try again." : ""
    return new MedusaError(type, `Amazon Pay could not ${action} (${error.reasonCode}): ${error.message}.${hint}`)
  }
  const message = error instanceof Error ? error.message : String(error)
  return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Amazon Pay could not ${action}: ${message}`)
}

/** Runs `fn`, turning any failure into a MedusaError for `action`. */
export async function asMedusa<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    throw toMedusaError(error, action)
  }
}

/** True for an Amazon error with one of the given reason codes. */
export function hasReason(error: unknown, ...reasonCodes: string[]): boolean {
  return isAmazonPayError(error) && reasonCodes.includes(error.reasonCode)
}

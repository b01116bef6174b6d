/**
 * Amazon-style errors: every failure the sandbox answers is `{ reasonCode, message }` with an HTTP
 * status, as Amazon Pay API v2 "Error handling" documents. Handlers throw `SandboxApiError`; the
 * server turns it (and anything unexpected, as 500 InternalServerError) into that JSON.
 */
import type { AmazonPayErrorBody } from "../lib/amazon-pay/types"

export class SandboxApiError extends Error {
  readonly status: number
  readonly reasonCode: string
  readonly headers: Record<string, string>

  constructor(status: number, reasonCode: string, message: string, headers: Record<string, string> = {}) {
    super(message)
    this.status = status
    this.reasonCode = reasonCode
    this.headers = headers
  }

  toBody(): AmazonPayErrorBody {
    return { reasonCode: this.reasonCode, message: this.message }
  }
}

export const badRequest = (reasonCode: string, message: string): SandboxApiError =>
  new SandboxApiError(400, reasonCode, message)

export const notFound = (what: string, id: string): SandboxApiError =>
  new SandboxApiError(404, "ResourceNotFound", `${what} ${id} was not found`)

/** 422: the object exists but is in a state where the operation is not allowed. */
export const invalidState = (reasonCode: string, message: string): SandboxApiError =>
  new SandboxApiError(422, reasonCode, message)

export function isSandboxApiError(error: unknown): error is SandboxApiError {
  return error instanceof SandboxApiError
}

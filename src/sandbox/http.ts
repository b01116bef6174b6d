/** Small node:http helpers: bounded body reading and JSON / text answers. */
import type { IncomingMessage, ServerResponse } from "node:http"
import { SandboxApiError } from "./api-error"

/** Amazon's request bodies are small; anything larger is refused before it is buffered. */
export const MAX_BODY_BYTES = 256 * 1024

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"])
    if (Number.isFinite(declared) && declared > limit) {
      reject(tooLarge(limit))
      req.resume()
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    req.on("data", (chunk: Buffer) => {
      if (failed) {
        return
      }
      size += chunk.length
      if (size > limit) {
        failed = true
        reject(tooLarge(limit))
        return
      }
      chunks.push(chunk)
    })
    req.on("end", () => {
      if (!failed) {
        resolve(Buffer.concat(chunks))
      }
    })
    req.on("error", (error) => {
      if (!failed) {
        failed = true
        reject(error)
      }
    })
  })
}

function tooLarge(limit: number): SandboxApiError {
  return new SandboxApiError(413, "RequestEntityTooLarge", `The request body exceeds ${limit} bytes`)
}

export interface PlainResponse {
  status: number
  contentType: string
  body: string
  headers?: Record<string, string>
}

export const jsonResponse = (status: number, value: unknown, headers?: Record<string, string>): PlainResponse => ({
  status,
  contentType: "application/json;charset=UTF-8",
  body: JSON.stringify(value),
  headers,
})

export const errorResponse = (error: SandboxApiError): PlainResponse =>
  jsonResponse(error.status, error.toBody(), error.headers)

export function send(res: ServerResponse, response: PlainResponse): void {
  if (res.headersSent || res.destroyed) {
    return
  }
  res.writeHead(response.status, {
    "content-type": response.contentType,
    "content-length": Buffer.byteLength(response.body),
    ...response.headers,
  })
  res.end(response.body)
}

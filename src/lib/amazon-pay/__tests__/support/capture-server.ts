/**
 * A real local server for the client's tests and bench: one handler behind an HTTP listener and,
 * when given a certificate, an HTTPS listener too (the official SDK only speaks https). It records
 * every request exactly as it arrived (method, raw path with query, headers, body bytes, arrival
 * time) and answers with whatever the test scripts. Nothing is mocked.
 */
import { readFileSync } from "node:fs"
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import { createServer as createHttpsServer } from "node:https"
import type { AddressInfo } from "node:net"
import { join } from "node:path"

export interface CapturedRequest {
  method: string
  /** Path and query exactly as sent, e.g. `/v2/charges/S01-1?a=b`. */
  url: string
  headers: IncomingHttpHeaders
  body: Buffer
  /** `performance.now()` when the request head arrived. */
  receivedAt: number
}

export interface Reply {
  status: number
  body?: string
  headers?: Record<string, string>
  /** Hold the answer this long (real time). */
  delayMs?: number
  /** Drop the connection instead of answering (a network failure for the client). */
  destroy?: boolean
}

export type ReplyHandler = (request: CapturedRequest, index: number) => Reply | Promise<Reply>

export interface CaptureServer {
  httpUrl: string
  /** `127.0.0.1:<port>` of the HTTPS listener (what the SDK takes as `overrideServiceUrl`). */
  httpsHost: string | undefined
  httpsUrl: string | undefined
  requests: CapturedRequest[]
  setHandler(handler: ReplyHandler): void
  close(): Promise<void>
}

/** Self-signed certificate for 127.0.0.1, committed as a test fixture (valid for 100 years). */
export function fixtureTls(): { key: string; cert: string } {
  const dir = join(__dirname, "..", "fixtures")
  return {
    key: readFileSync(join(dir, "tls-127.0.0.1-key.pem"), "utf8"),
    cert: readFileSync(join(dir, "tls-127.0.0.1-cert.pem"), "utf8"),
  }
}

export const jsonReply = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  body: JSON.stringify(body),
  headers: { "content-type": "application/json", ...headers },
})

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port))
  })
}

function shut(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

export async function startCaptureServer(
  options: { tls?: { key: string; cert: string }; record?: boolean; handler?: ReplyHandler } = {}
): Promise<CaptureServer> {
  const requests: CapturedRequest[] = []
  let handler: ReplyHandler = options.handler ?? (() => jsonReply(200, {}))
  let count = 0
  const record = options.record ?? true

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const receivedAt = performance.now()
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", async () => {
      const captured: CapturedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks),
        receivedAt,
      }
      if (record) {
        requests.push(captured)
      }
      const reply = await handler(captured, count++)
      if (reply.delayMs) {
        await new Promise((resolve) => setTimeout(resolve, reply.delayMs))
      }
      if (reply.destroy) {
        req.socket.destroy()
        return
      }
      if (!res.destroyed) {
        res.writeHead(reply.status, reply.headers ?? {})
        res.end(reply.body ?? "")
      }
    })
  }

  const http = createHttpServer(onRequest)
  const httpPort = await listen(http)
  const https = options.tls ? createHttpsServer(options.tls, onRequest) : undefined
  const httpsPort = https ? await listen(https) : undefined
  return {
    httpUrl: `http://127.0.0.1:${httpPort}`,
    httpsHost: httpsPort === undefined ? undefined : `127.0.0.1:${httpsPort}`,
    httpsUrl: httpsPort === undefined ? undefined : `https://127.0.0.1:${httpsPort}`,
    requests,
    setHandler: (next) => {
      handler = next
      count = 0
    },
    close: async () => {
      await shut(http)
      if (https) {
        await shut(https as unknown as Server)
      }
    },
  }
}

/** Header values as one string each (what a verifier feeds to buildCanonicalRequest). */
export function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name] = Array.isArray(value) ? value.join(",") : value
    }
  }
  return flat
}

/**
 * A real local node:http server for the SNS tests: it records every request (method, path,
 * headers, body) and answers with whatever the test's handler returns. Used to serve certificates
 * to SnsVerifier and to receive the sandbox's IPN POSTs; nothing is mocked.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http"
import type { AddressInfo } from "node:net"

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
}

export interface Reply {
  status: number
  body?: string
  headers?: Record<string, string>
  /** Hold the answer this long (real time). */
  delayMs?: number
}

export type ReplyHandler = (request: RecordedRequest, index: number) => Reply | Promise<Reply>

export interface TestServer {
  url: string
  requests: RecordedRequest[]
  setHandler(handler: ReplyHandler): void
  close(): Promise<void>
}

export async function startTestServer(handler: ReplyHandler = () => ({ status: 200 })): Promise<TestServer> {
  let current = handler
  const requests: RecordedRequest[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      }
      requests.push(recorded)
      void Promise.resolve(current(recorded, requests.length - 1)).then((reply) => {
        const send = () => {
          res.writeHead(reply.status, reply.headers ?? {})
          res.end(reply.body ?? "")
        }
        if (reply.delayMs) {
          setTimeout(send, reply.delayMs)
        } else {
          send()
        }
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setHandler(next) {
      current = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Polls `check` until it returns true or the deadline passes (no blind sleeps). */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

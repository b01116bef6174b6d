/**
 * The load balancer in front of the cluster's Medusa servers (what a store puts before its servers
 * and gives Amazon as the IPN URL): round robin over the upstreams, and a request that cannot even
 * connect (a server that is down or restarting) goes to the next one. A request whose connection
 * broke after it was sent is NOT sent again (it may have been applied: nginx's default for
 * non-idempotent requests, `proxy_next_upstream` without `non_idempotent`); the caller gets a 502,
 * as behind a real balancer, and Amazon redelivers an IPN that got one.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

/** What kind of call a request is, for the report's spread table. */
export type Traffic = "ipn" | "admin" | "store" | "other"

export function trafficOf(path: string): Traffic {
  if (path.startsWith("/hooks/")) return "ipn"
  if (path.startsWith("/admin/") || path.startsWith("/auth/")) return "admin"
  if (path.startsWith("/store/")) return "store"
  return "other"
}

export interface Upstream {
  name: string
  port: number
}

export interface LoadBalancer {
  url: string
  /** Requests answered per upstream and kind, plus connection failovers and 502s. */
  counts(): { byUpstream: Record<string, Record<Traffic, number>>; failovers: number; badGateway: number; cut: string[] }
  close(): Promise<void>
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"])

export async function startLoadBalancer(port: number, upstreams: Upstream[]): Promise<LoadBalancer> {
  const byUpstream: Record<string, Record<Traffic, number>> = Object.fromEntries(
    upstreams.map((u) => [u.name, { ipn: 0, admin: 0, store: 0, other: 0 }])
  )
  let next = 0
  let failovers = 0
  let badGateway = 0
  /** "POST /admin/payments/pay_1/capture (server-2)": the requests a broken connection cut. */
  const cut: string[] = []

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse, tried: number) => {
    const upstream = upstreams[next++ % upstreams.length]
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name)))
    const proxied = request(
      { host: "127.0.0.1", port: upstream.port, method: req.method, path: req.url, headers: { ...headers, "content-length": String(body.length) } },
      (answer) => {
        byUpstream[upstream.name][trafficOf(req.url ?? "/")]++
        res.writeHead(answer.statusCode ?? 502, Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name))))
        answer.pipe(res)
      }
    )
    proxied.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED" && tried + 1 < upstreams.length) {
        failovers++
        forward(req, body, res, tried + 1)
        return
      }
      badGateway++
      cut.push(`${req.method} ${(req.url ?? "").split("?")[0]} (${upstream.name})`)
      if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" })
      res.end(JSON.stringify({ type: "bad_gateway", message: `upstream ${upstream.name}: ${error.code ?? error.message}` }))
    })
    proxied.end(body)
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => forward(req, Buffer.concat(chunks), res, 0))
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, "127.0.0.1", () => resolve())
  })
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts: () => ({ byUpstream: structuredClone(byUpstream), failovers, badGateway, cut: [...cut] }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

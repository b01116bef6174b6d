/**
 * The built Medusa dashboard in front of a test store. Medusa's integration runner always disables
 * the admin (@medusajs/test-utils medusa-test-runner-utils/config.js: "Disabling admin as we run
 * integration tests"), so the browser tests serve the bundle themselves: `/app` through the admin
 * bundler's own `serve()` (what Medusa mounts at `/app` outside development), every other path
 * proxied to the store, so the dashboard, the Admin API and the session cookie share one origin as
 * they do under `medusa start`.
 */
import { request as httpRequest, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import express from "express"

export interface DashboardServer {
  /** `http://localhost:<port>`: open `${url}/app`. */
  url: string
  close(): Promise<void>
}

export async function startDashboardServer(bundleDir: string, storeUrl: string): Promise<DashboardServer> {
  const { serve } = await import("@medusajs/admin-bundler")
  const store = new URL(storeUrl)
  const app = express()
  app.use("/app", await serve({ outDir: bundleDir }))
  app.use((req, res) => {
    const upstream = httpRequest(
      { hostname: store.hostname, port: store.port, method: req.method, path: req.originalUrl, headers: { ...req.headers, host: store.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on("error", (error) => res.status(502).end(`store unreachable: ${error.message}`))
    req.pipe(upstream)
  })
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening))
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

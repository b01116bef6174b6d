/**
 * The node:http(s) server: reads the body (bounded), sends Amazon API paths to api.ts, the browser
 * side (checkout.js, buyer page, CORS) to browser/, everything else to control.ts, and answers every
 * failure as Amazon-style error JSON.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import { createServer as createHttpsServer } from "node:https"
import { handleApiRequest } from "./api"
import { applyBrowserCors } from "./browser/cors"
import { handleBrowserRequest } from "./browser/browser-routes"
import { handleControl } from "./control"
import type { SandboxCore } from "./core"
import { SandboxApiError, isSandboxApiError } from "./api-error"
import { errorResponse, jsonResponse, readBody, send } from "./http"
import { matchApiPath } from "./api-routes"

export interface TlsOptions {
  key: string
  cert: string
}

export function createSandboxServer(core: SandboxCore, tls?: TlsOptions): Server {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void handle(core, req, res)
  }
  const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createHttpServer(handler)
  server.on("clientError", (_error, socket) => {
    if (socket.writable) {
      socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n")
    } else {
      socket.destroy()
    }
  })
  return server
}

async function handle(core: SandboxCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (applyBrowserCors(req, res)) {
      return
    }
    const rawUrl = req.url ?? "/"
    const rawPath = rawUrl.split("?")[0]
    const url = new URL(rawUrl, "http://127.0.0.1")
    const rawBody = await readBody(req)
    const api = matchApiPath(rawPath)
    if (api) {
      handleApiRequest(core, req, res, url, rawPath, api, rawBody)
      return
    }
    const method = (req.method ?? "GET").toUpperCase()
    const response = handleBrowserRequest(core, method, url, rawBody, req.headers.cookie) ?? (await handleControl(core, method, url, rawBody))
    send(res, response ?? errorResponse(new SandboxApiError(404, "ResourceNotFound", `Nothing at ${rawPath}`)))
  } catch (error) {
    if (isSandboxApiError(error)) {
      send(res, { ...errorResponse(error), headers: error.status === 413 ? { connection: "close" } : undefined })
    } else {
      console.error("[amazon-pay-sandbox] unexpected error:", (error as Error).message)
      send(res, jsonResponse(500, { reasonCode: "InternalServerError", message: "Unexpected sandbox error" }))
    }
  }
}

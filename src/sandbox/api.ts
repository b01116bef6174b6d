/**
 * One Amazon API call, in Amazon's order: route, signature and date, simulation code, idempotency
 * key, injected fault, idempotent replay, then the operation itself. Every failure is answered as
 * Amazon's error JSON; a fault of kind status/hang never applies the operation, commitThenDrop
 * applies it (and stores the idempotent answer) and then resets the connection. The operation's
 * first answer to a key, success or definite failure, is stored for replays (idempotency-store.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { verifySignedRequest } from "./auth"
import type { SandboxCore } from "./core"
import { SandboxApiError, badRequest, isSandboxApiError } from "./api-error"
import { DEFAULT_HANG_MS, faultErrorBody, type FaultRule } from "./faults"
import { errorResponse, jsonResponse, send, type PlainResponse } from "./http"
import { checkIdempotencyKey, requestFingerprint } from "./idempotency-store"
import { newRequestId } from "./ids"
import { findApiRoute, type ApiRoute, type MatchedApiPath } from "./api-routes"
import { parseJsonBody } from "./validation"

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

export function handleApiRequest(
  core: SandboxCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  rawPath: string,
  matched: MatchedApiPath,
  rawBody: Buffer
): void {
  const requestId = newRequestId()
  const reply = (response: PlainResponse, extraDelayMs = 0) => {
    const withId = { ...response, headers: { ...response.headers, "x-amz-pay-request-id": requestId } }
    const delay = core.latencyMs + extraDelayMs
    if (delay > 0) {
      core.later(delay, () => send(res, withId))
    } else {
      send(res, withId)
    }
  }
  let fault: FaultRule | null = null
  try {
    core.clock.runDue()
    const method = (req.method ?? "GET").toUpperCase()
    const found = findApiRoute(method, matched.rest)
    if (!found) {
      throw new SandboxApiError(404, "ResourceNotFound", `No Amazon Pay operation ${method} ${rawPath}`)
    }
    const { route, id } = found
    const publicKeyId = verifySignedRequest(
      { method, path: rawPath, query: url.searchParams, headers: req.headers, body: rawBody, pathEnvironment: matched.environment },
      core.keys,
      [Date.now(), core.clock.nowMs()]
    )
    const live = matched.environment === "live" || /^LIVE-/i.test(publicKeyId)
    let simulationCode = header(req, "x-amz-pay-simulation-code") ?? null
    if (simulationCode !== null && (live || !route.simulationCodes.includes(simulationCode))) {
      throw badRequest(
        "InvalidSandboxSimulationSpecified",
        `Simulation code '${simulationCode}' is not valid for ${route.operation}` +
          (route.simulationCodes.length ? ` (valid: ${route.simulationCodes.join(", ")})` : "")
      )
    }
    const idempotencyKey = header(req, "x-amz-pay-idempotency-key")
    if (idempotencyKey === undefined && route.idempotencyRequired) {
      throw badRequest("MissingHeader", "The x-amz-pay-idempotency-key header is required for this operation")
    }
    if (idempotencyKey !== undefined) {
      checkIdempotencyKey(idempotencyKey)
    }
    fault = core.faults.take(route.operation)
    if (fault?.kind === "simulate" && simulationCode !== null) {
      fault = null // the request's own simulation code wins
    }
    // A simulate fault is counted only where it takes effect (not on an idempotent replay), below.
    core.requests.record(route.operation, fault?.kind === "simulate" ? null : fault)
    if (fault?.kind === "status") {
      const status = fault.status ?? 500
      const headers: Record<string, string> =
        fault.retryAfterSeconds !== undefined || status === 429 ? { "retry-after": String(fault.retryAfterSeconds ?? 1) } : {}
      reply(jsonResponse(status, faultErrorBody(status), headers))
      return
    }
    if (fault?.kind === "hang") {
      hang(core, req, res, fault.latencyMs ?? DEFAULT_HANG_MS)
      return
    }
    const merchantId = core.keys.merchantOf(publicKeyId)
    const fingerprint = requestFingerprint(method, rawPath, rawBody)
    const replay = idempotencyKey ? core.idempotency.lookup(merchantId, idempotencyKey, fingerprint) : null
    let response: PlainResponse
    if (replay) {
      response = { status: replay.status, contentType: "application/json;charset=UTF-8", body: replay.body }
    } else {
      if (fault?.kind === "simulate" && fault.simulationCode) {
        // As if the merchant had sent the header: how a campaign gets declines without a proxy.
        simulationCode = fault.simulationCode
        core.requests.recordSimulation(route.operation, simulationCode)
      }
      response = runOperation(core, route, id, method, rawBody, {
        merchantId,
        simulationCode,
        releaseEnvironment: live ? "Live" : "Sandbox",
      })
      if (idempotencyKey) {
        core.idempotency.save(merchantId, idempotencyKey, fingerprint, { status: response.status, body: response.body })
      }
    }
    if (fault?.kind === "commitThenDrop") {
      res.socket?.destroy()
      return
    }
    reply(response, fault?.kind === "latency" ? (fault.latencyMs ?? 0) : 0)
  } catch (error) {
    const extraDelay = fault?.kind === "latency" ? (fault.latencyMs ?? 0) : 0
    if (isSandboxApiError(error)) {
      reply(errorResponse(error), extraDelay)
    } else {
      console.error("[amazon-pay-sandbox] unexpected error:", (error as Error).message)
      reply(jsonResponse(500, { reasonCode: "InternalServerError", message: "Unexpected sandbox error" }), extraDelay)
    }
  }
}

/** The operation's answer, an Amazon error included (so that a definite failure can be stored for replays). */
function runOperation(
  core: SandboxCore,
  route: ApiRoute,
  id: string,
  method: string,
  rawBody: Buffer,
  call: { merchantId: string; simulationCode: string | null; releaseEnvironment: "Sandbox" | "Live" }
): PlainResponse {
  try {
    const body = method === "GET" ? {} : parseJsonBody(rawBody)
    const result = route.handle({ store: core.store, behaviour: core.behaviour.get(), ...call }, id, body)
    return jsonResponse(result.status, result.body)
  } catch (error) {
    if (isSandboxApiError(error)) {
      return errorResponse(error)
    }
    throw error
  }
}

/** Holds the request past any sane client timeout, then drops the connection without an answer. */
function hang(core: SandboxCore, req: IncomingMessage, res: ServerResponse, ms: number): void {
  const socket = req.socket
  core.heldSockets.add(socket)
  socket.once("close", () => core.heldSockets.delete(socket))
  core.later(ms, () => {
    core.heldSockets.delete(socket)
    res.socket?.destroy()
    socket.destroy()
  })
}

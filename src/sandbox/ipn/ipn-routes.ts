/**
 * The sandbox's IPN control endpoints, as a plain function the sandbox's node:http router calls:
 *   POST /sandbox/ipn            configure delivery (JSON body, zod-validated) -> settings
 *   GET  /sandbox/ipn            current settings
 *   GET  /sandbox/ipn/deliveries the delivery log -> { deliveries: [...] }
 *   POST /sandbox/ipn/drain      wait until nothing is pending (deadline: ?timeoutMs=, default 10 s)
 *   GET  /sandbox/ipn/cert.pem   the sandbox's SNS signing certificate (the envelopes' SigningCertURL)
 * Returns `null` for paths that are not ours, so the router can try its other routes.
 */
import type { IpnDispatcher } from "./dispatcher"
import { describeIssues, ipnConfigureSchema } from "./ipn-config"

export const IPN_CONTROL_PATH = "/sandbox/ipn"
export const IPN_DELIVERIES_PATH = "/sandbox/ipn/deliveries"
export const IPN_DRAIN_PATH = "/sandbox/ipn/drain"
export const IPN_CERT_PATH = "/sandbox/ipn/cert.pem"

export interface IpnControlResponse {
  status: number
  contentType: string
  body: string
}

const JSON_TYPE = "application/json; charset=utf-8"
const DEFAULT_DRAIN_TIMEOUT_MS = 10_000
const MAX_DRAIN_TIMEOUT_MS = 120_000

const json = (status: number, value: unknown): IpnControlResponse => ({
  status,
  contentType: JSON_TYPE,
  body: JSON.stringify(value),
})

const invalid = (message: string): IpnControlResponse => json(400, { reasonCode: "InvalidParameterValue", message })

/** `body` is the raw request body (string or Buffer) or an already parsed JSON value. */
export async function handleIpnControl(
  dispatcher: IpnDispatcher,
  method: string,
  path: string,
  body?: unknown
): Promise<IpnControlResponse | null> {
  const url = new URL(path, "http://sandbox.invalid")
  const route = url.pathname.replace(/\/+$/, "")
  const verb = method.toUpperCase()
  switch (route) {
    case IPN_CONTROL_PATH:
      if (verb === "GET") {
        return json(200, dispatcher.settings())
      }
      return verb === "POST" ? configure(dispatcher, body) : notAllowed("GET, POST")
    case IPN_DELIVERIES_PATH:
      return verb === "GET" ? json(200, { deliveries: dispatcher.deliveries() }) : notAllowed("GET")
    case IPN_DRAIN_PATH:
      return verb === "POST" ? drain(dispatcher, url.searchParams.get("timeoutMs")) : notAllowed("POST")
    case IPN_CERT_PATH:
      return verb === "GET"
        ? { status: 200, contentType: "application/x-pem-file", body: dispatcher.certificatePem }
        : notAllowed("GET")
    default:
      return null
  }
}

function notAllowed(allowed: string): IpnControlResponse {
  return json(405, { reasonCode: "MethodNotAllowed", message: `Allowed: ${allowed}` })
}

function configure(dispatcher: IpnDispatcher, body: unknown): IpnControlResponse {
  let value = body
  if (typeof body === "string" || Buffer.isBuffer(body)) {
    const text = body.toString().trim()
    try {
      value = text === "" ? {} : JSON.parse(text)
    } catch {
      return invalid("Body is not JSON")
    }
  }
  const parsed = ipnConfigureSchema.safeParse(value ?? {})
  if (!parsed.success) {
    return invalid(`Invalid IPN settings: ${describeIssues(parsed.error)}`)
  }
  return json(200, dispatcher.configure(parsed.data))
}

async function drain(dispatcher: IpnDispatcher, timeoutParam: string | null): Promise<IpnControlResponse> {
  const timeoutMs = timeoutParam === null ? DEFAULT_DRAIN_TIMEOUT_MS : Number(timeoutParam)
  if (!Number.isInteger(timeoutMs) || timeoutMs < 0 || timeoutMs > MAX_DRAIN_TIMEOUT_MS) {
    return invalid(`timeoutMs must be an integer from 0 to ${MAX_DRAIN_TIMEOUT_MS}`)
  }
  try {
    await dispatcher.drain(timeoutMs)
    return json(200, { drained: true, deliveries: dispatcher.deliveries().length })
  } catch (error) {
    return json(504, { reasonCode: "DrainTimeout", message: (error as Error).message })
  }
}

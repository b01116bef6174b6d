/**
 * A real local HTTP proxy between Medusa and the Amazon Pay sandbox that adds Amazon's sandbox
 * header `x-amz-pay-simulation-code` to the next matching request (e.g. `RefundDeclined` on Create
 * Refund). The admin's refund goes through Medusa and the provider, which never send simulation
 * codes, so this is how a test makes Amazon decline exactly that refund. The header is not in
 * SignedHeaders, and Amazon (like the sandbox) verifies only the headers SignedHeaders names.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http"
import type { AddressInfo } from "node:net"

export interface SimulationProxy {
  readonly url: string
  /** The next `times` requests `METHOD path-regex` carry `simulationCode`. */
  arm(method: string, path: RegExp, simulationCode: string, times?: number): void
  /** How many armed requests have been sent with their code. */
  readonly applied: number
  close(): Promise<void>
}

interface Rule {
  method: string
  path: RegExp
  code: string
  left: number
}

export async function startSimulationProxy(target: () => string): Promise<SimulationProxy> {
  const rules: Rule[] = []
  let applied = 0
  const server: Server = createServer((req, res) => {
    const headers: IncomingHttpHeaders = { ...req.headers }
    const rule = rules.find((r) => r.left > 0 && r.method === req.method && r.path.test(req.url ?? ""))
    if (rule) {
      rule.left--
      applied++
      headers["x-amz-pay-simulation-code"] = rule.code
    }
    const upstream = new URL(req.url ?? "/", target())
    delete headers.host
    const forward = request(upstream, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    forward.on("error", () => res.writeHead(502).end())
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arm: (method, path, code, times = 1) => void rules.push({ method, path, code, left: times }),
    get applied() {
      return applied
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * For a suite: starts the proxy in front of the sandbox, points the provider at it and trusts the
 * sandbox's SNS certificate (explicit opt-in, provider option ipnTrustedCertUrls). Call at module
 * level after `useAmazonPaySandbox` and before the runner boots Medusa (Jest runs module-level
 * `beforeAll`s in registration order). Returns the running proxy, inside tests.
 */
export function useSimulationProxy(sandboxUrl: () => string): () => SimulationProxy {
  let proxy: SimulationProxy | undefined
  beforeAll(async () => {
    proxy = await startSimulationProxy(sandboxUrl)
    process.env.AMAZON_PAY_API_BASE_URL = proxy.url
    process.env.AMAZON_PAY_IPN_TRUSTED_CERT_URLS = `${sandboxUrl()}/sandbox/ipn/cert.pem`
  })
  afterAll(async () => {
    await proxy?.close()
  })
  return () => {
    if (!proxy) throw new Error("the simulation proxy starts in beforeAll; use it inside tests")
    return proxy
  }
}

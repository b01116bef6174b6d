/**
 * Test helper: signs Amazon Pay requests with our signer (the way Amazon expects, see signer.ts)
 * and sends them to the sandbox over real HTTP. Independent of the project's client on purpose.
 */
import { createPrivateKey, randomUUID, type KeyObject } from "node:crypto"
import { formatAmzDate, signRequest, type SignatureAlgorithm } from "../../../lib/amazon-pay/signer"
import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox, type AmazonPaySandboxOptions } from "../../index"

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

export interface SendOptions {
  idempotencyKey?: string | null
  simulationCode?: string
  date?: Date | string
  /** Mutate the request after signing (tamper tests). */
  tamper?: (request: { path: string; body: string; headers: Record<string, string> }) => void
  omitHeaders?: string[]
  rawBody?: string
}

export class SignedApi {
  private readonly key: KeyObject
  readonly prefix: string

  constructor(
    readonly baseUrl: string,
    readonly publicKeyId: string,
    privateKeyPem: string,
    readonly algorithm: SignatureAlgorithm = "AMZN-PAY-RSASSA-PSS-V2",
    environment: "sandbox" | "live" | null = /^(LIVE|SANDBOX)-/.test(publicKeyId) ? null : "sandbox"
  ) {
    this.key = createPrivateKey(privateKeyPem)
    this.prefix = environment ? `/${environment}/v2/` : "/v2/"
  }

  async send<T = any>(method: string, resource: string, body?: unknown, options: SendOptions = {}): Promise<ApiResponse<T>> {
    const path = `${this.prefix}${resource}`
    const payload = options.rawBody ?? (body === undefined ? "" : JSON.stringify(body))
    const host = new URL(this.baseUrl).host
    const headers: Record<string, string> = {
      accept: "application/json",
      "content-type": "application/json",
      "x-amz-pay-date": typeof options.date === "string" ? options.date : formatAmzDate(options.date ?? new Date()),
      "x-amz-pay-host": host,
      "x-amz-pay-region": "na",
    }
    const needsKey = method === "POST" && options.idempotencyKey !== null
    if (needsKey) {
      headers["x-amz-pay-idempotency-key"] = options.idempotencyKey ?? randomUUID().replace(/-/g, "")
    }
    if (options.simulationCode) {
      headers["x-amz-pay-simulation-code"] = options.simulationCode
    }
    const signed = signRequest({
      method,
      path,
      headers,
      body: payload,
      privateKey: this.key,
      publicKeyId: this.publicKeyId,
      algorithm: this.algorithm,
    })
    const request: { path: string; body: string; headers: Record<string, string> } = {
      path,
      body: payload,
      headers: { ...headers, authorization: signed.authorization },
    }
    options.tamper?.(request)
    for (const name of options.omitHeaders ?? []) {
      delete request.headers[name]
    }
    const response = await fetch(`${this.baseUrl}${request.path}`, {
      method,
      headers: request.headers,
      body: method === "GET" ? undefined : request.body,
    })
    const text = await response.text()
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers }
  }

  get = <T = any>(resource: string) => this.send<T>("GET", resource)
  post = <T = any>(resource: string, body: unknown, options?: SendOptions) => this.send<T>("POST", resource, body, options)
  patch = <T = any>(resource: string, body: unknown, options?: SendOptions) => this.send<T>("PATCH", resource, body, options)
  delete = <T = any>(resource: string, body: unknown, options?: SendOptions) => this.send<T>("DELETE", resource, body, options)
}

export async function control<T = any>(baseUrl: string, method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    // HTML
  }
  return { status: response.status, body: parsed as T, headers: response.headers }
}

export const usd = (amount: string) => ({ amount, currencyCode: "USD" })

export function createSessionBody(overrides: Record<string, unknown> = {}) {
  return {
    webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" },
    storeId: "amzn1.application-oa2-client.sandbox",
    ...overrides,
  }
}

export interface CheckoutOptions {
  amount?: string
  currencyCode?: string
  paymentIntent?: "Confirm" | "Authorize" | "AuthorizeWithCapture"
  canHandlePendingAuthorization?: boolean
  outcome?: string
  simulationCode?: string
  totalOrderAmount?: string
}

/** The express flow end to end: create, first buyer leg, update, final buyer leg, complete. */
export async function checkout(api: SignedApi, options: CheckoutOptions = {}) {
  const price = { amount: options.amount ?? "14.00", currencyCode: options.currencyCode ?? "USD" }
  const created = await api.post("checkoutSessions", createSessionBody())
  if (created.status !== 201) {
    throw new Error(`create failed: ${JSON.stringify(created.body)}`)
  }
  const id: string = created.body.checkoutSessionId
  const first = await control(api.baseUrl, "POST", `/sandbox/buyer/checkoutSessions/${id}/approve`, {})
  if (first.status !== 200) {
    throw new Error(`approve failed: ${JSON.stringify(first.body)}`)
  }
  const updated = await api.patch(`checkoutSessions/${id}`, {
    webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/result" },
    paymentDetails: {
      paymentIntent: options.paymentIntent ?? "Authorize",
      canHandlePendingAuthorization: options.canHandlePendingAuthorization ?? false,
      chargeAmount: price,
      ...(options.totalOrderAmount ? { totalOrderAmount: { ...price, amount: options.totalOrderAmount } } : {}),
    },
  })
  if (updated.status !== 200) {
    throw new Error(`update failed: ${JSON.stringify(updated.body)}`)
  }
  const final = await control(api.baseUrl, "POST", `/sandbox/buyer/checkoutSessions/${id}/approve`, {
    outcome: options.outcome ?? "success",
  })
  if (final.status !== 200) {
    throw new Error(`final approve failed: ${JSON.stringify(final.body)}`)
  }
  const completed = await api.post(`checkoutSessions/${id}/complete`, { chargeAmount: price }, { simulationCode: options.simulationCode })
  return { checkoutSessionId: id, completed, updated, first, final }
}

/** Polls `read` until `done` holds, failing after `timeoutMs` (no blind sleeps). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) {
      return value
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** A sandbox with one generated key registered (plus `options`) and a SignedApi for that key. */
export async function startSignedSandbox(options: AmazonPaySandboxOptions = {}): Promise<{ sandbox: AmazonPaySandbox; api: SignedApi }> {
  const credentials = generateSandboxCredentials()
  const sandbox = await startAmazonPaySandbox({ ...options, publicKeys: { ...options.publicKeys, [credentials.publicKeyId]: credentials.publicKeyPem } })
  return { sandbox, api: new SignedApi(sandbox.url, credentials.publicKeyId, credentials.privateKeyPem) }
}

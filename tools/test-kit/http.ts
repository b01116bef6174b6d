/**
 * The smallest HTTP surface the fixture needs. The integration runner's axios `api` satisfies it as
 * is; `fetchHttpClient` gives the demo script (and anything outside Jest) the same surface over
 * native `fetch`, with axios's habit of rejecting non-2xx answers with `error.response`.
 */
export interface HttpResponse<T = any> {
  status: number
  data: T
}

export interface HttpRequestConfig {
  headers?: Record<string, string>
}

export interface HttpClient {
  get<T = any>(url: string, config?: HttpRequestConfig): Promise<HttpResponse<T>>
  post<T = any>(url: string, body?: unknown, config?: HttpRequestConfig): Promise<HttpResponse<T>>
  delete<T = any>(url: string, config?: HttpRequestConfig): Promise<HttpResponse<T>>
}

/** Rejection of a non-2xx answer; `response` mirrors axios so callers handle both clients alike. */
export class HttpStatusError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly response: HttpResponse
  ) {
    const detail = typeof response.data === "object" && response.data?.message ? `: ${response.data.message}` : ""
    super(`${method} ${url} answered ${response.status}${detail}`)
    this.name = "HttpStatusError"
  }
}

export function fetchHttpClient(baseUrl: string): HttpClient {
  const send = async (method: string, url: string, body: unknown, config?: HttpRequestConfig) => {
    const response = await fetch(new URL(url, baseUrl), {
      method,
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...config?.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    let data: any = text
    try {
      data = text ? JSON.parse(text) : undefined
    } catch {
      // not JSON (e.g. an HTML error page): keep the text
    }
    const result = { status: response.status, data }
    if (response.status < 200 || response.status > 299) {
      throw new HttpStatusError(method, url, result)
    }
    return result
  }
  return {
    get: (url, config) => send("GET", url, undefined, config),
    post: (url, body, config) => send("POST", url, body ?? {}, config),
    delete: (url, config) => send("DELETE", url, undefined, config),
  }
}

/** The answer of a request expected to fail (axios and `fetchHttpClient` both reject with `.response`). */
export async function expectFailure(request: Promise<unknown>): Promise<HttpResponse> {
  let result: unknown
  try {
    result = await request
  } catch (error: any) {
    if (!error?.response) {
      throw error
    }
    return { status: error.response.status, data: error.response.data }
  }
  throw new Error(`expected the request to fail, it succeeded with ${JSON.stringify(result)}`)
}

/**
 * Rejects with the server's message in the error text (axios only says "status code 400"), keeping
 * `response` so `expectFailure` still sees the answer.
 */
export async function withServerMessage<T>(label: string, request: Promise<T>): Promise<T> {
  try {
    return await request
  } catch (error: any) {
    if (!error?.response) {
      throw error
    }
    const { status, data } = error.response
    const wrapped = new Error(`${label} answered ${status}: ${typeof data === "object" ? (data?.message ?? JSON.stringify(data)) : data}`)
    Object.assign(wrapped, { response: { status, data } })
    throw wrapped
  }
}

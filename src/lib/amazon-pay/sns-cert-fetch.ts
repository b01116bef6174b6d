/**
 * The default way SnsVerifier downloads a signing certificate: native fetch with a timeout, a size
 * bound and no redirects (a redirect could lead from a trusted SNS URL to any host, and the
 * verifier promises that only trusted URLs are ever fetched). Called only after the URL was checked.
 */

export const DEFAULT_CERT_FETCH_TIMEOUT_MS = 5_000
/** SNS certificates are about 2 KiB of PEM. */
export const MAX_CERT_BYTES = 16 * 1024

export interface FetchCertificateOptions {
  timeoutMs?: number
  maxBytes?: number
}

export async function fetchCertificateText(url: string, options: FetchCertificateOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_CERT_BYTES
  const response = await fetch(url, {
    redirect: "error",
    signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_CERT_FETCH_TIMEOUT_MS),
    headers: { accept: "application/x-pem-file, text/plain, */*" },
  })
  if (!response.ok || !response.body) {
    await response.body?.cancel()
    throw new Error(`certificate download answered HTTP ${response.status}`)
  }
  const declared = Number(response.headers.get("content-length"))
  if (declared > maxBytes) {
    await response.body.cancel()
    throw new Error(`certificate is ${declared} bytes (limit ${maxBytes})`)
  }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) {
      break
    }
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw new Error(`certificate is larger than ${maxBytes} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString("utf8")
}

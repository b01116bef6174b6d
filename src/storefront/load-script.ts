/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Loads `checkout.js` once per page and resolves with `window.amazon.Pay`. Amazon's script and the
 * sandbox's stand-in both define `window.amazon`, so a page can use only one of them: asking for a
 * second, different script is refused instead of letting it silently replace the first.
 */
import type { AmazonPayApi } from "./amazon-pay-js"
import { AmazonPayStorefrontError } from "./storefront-error"
import { amazonPayScriptUrl, type AmazonPayScriptSource } from "./script-url"

export interface LoadScriptOptions {
  /** Give up after this long. @default 20000 */
  timeoutMs?: number
}

type AmazonWindow = Window & { amazon?: { Pay?: AmazonPayApi } }

let loaded: { url: string; promise: Promise<AmazonPayApi> } | null = null

function browserWindow(): AmazonWindow {
  if (typeof window === "undefined" || typeof document === "undefined") {
    throw new AmazonPayStorefrontError("NotInBrowser", "Amazon Pay's script can only be loaded in a browser (call this from a client component or an effect)")
  }
  return window as AmazonWindow
}

function inject(url: string, timeoutMs: number): Promise<AmazonPayApi> {
  return new Promise<AmazonPayApi>((resolve, reject) => {
    const host = browserWindow()
    const present = Array.from(document.scripts).find((script) => script.src === url)
    if (present && host.amazon?.Pay) {
      resolve(host.amazon.Pay)
      return
    }
    const script = present ?? document.createElement("script")
    const fail = (message: string) => {
      clearTimeout(timer)
      script.remove()
      reject(new AmazonPayStorefrontError("ScriptLoadFailed", message))
    }
    const timer = setTimeout(() => fail(`Amazon Pay's script ${url} did not load within ${timeoutMs} ms`), timeoutMs)
    script.addEventListener("load", () => {
      clearTimeout(timer)
      if (host.amazon?.Pay) {
        resolve(host.amazon.Pay)
      } else {
        fail(`${url} loaded but did not define amazon.Pay`)
      }
    })
    script.addEventListener("error", () => fail(`Amazon Pay's script ${url} could not be loaded (offline, blocked, or the sandbox is not running)`))
    if (!present) {
      script.src = url
      script.async = true
      document.head.appendChild(script)
    }
  })
}

export function loadAmazonPayScript(source: AmazonPayScriptSource, options: LoadScriptOptions = {}): Promise<AmazonPayApi> {
  const url = amazonPayScriptUrl(source)
  if (loaded && loaded.url !== url) {
    return Promise.reject(
      new AmazonPayStorefrontError("ScriptConflict", `Amazon Pay's script is already loaded from ${loaded.url}; this page cannot also load ${url}`)
    )
  }
  if (!loaded) {
    const promise = inject(url, options.timeoutMs ?? 20_000)
    loaded = { url, promise }
    promise.catch(() => {
      if (loaded?.promise === promise) {
        loaded = null
      }
    })
  }
  return loaded.promise
}

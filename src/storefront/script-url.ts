/**
 * Which `checkout.js` to load: Amazon's regional script (Amazon Pay "Amazon Pay script":
 * static-na for the US, static-eu for the EU and UK, static-fe for Japan; the provider's `region`
 * option names are accepted) or the local sandbox's stand-in at `<sandboxUrl>/checkout.js`.
 */
import { AmazonPayStorefrontError } from "./storefront-error"

export const SCRIPT_REGIONS = { na: "na", us: "na", eu: "eu", uk: "eu", de: "eu", jp: "fe", fe: "fe" } as const
export type AmazonPayScriptRegion = keyof typeof SCRIPT_REGIONS

export type AmazonPayScriptSource = { region: AmazonPayScriptRegion } | { sandboxUrl: string }

export function amazonPayScriptUrl(source: AmazonPayScriptSource): string {
  if ("sandboxUrl" in source) {
    return sandboxScriptUrl(source.sandboxUrl)
  }
  const host = Object.hasOwn(SCRIPT_REGIONS, source.region) ? SCRIPT_REGIONS[source.region] : undefined
  if (!host) {
    throw new AmazonPayStorefrontError(
      "InvalidScriptSource",
      `Unknown Amazon Pay region ${JSON.stringify(source.region)}: use one of ${Object.keys(SCRIPT_REGIONS).join(", ")}`
    )
  }
  return `https://static-${host}.payments-amazon.com/checkout.js`
}

function sandboxScriptUrl(sandboxUrl: string): string {
  let base: URL
  try {
    base = new URL(sandboxUrl)
  } catch {
    throw new AmazonPayStorefrontError("InvalidScriptSource", `sandboxUrl ${JSON.stringify(sandboxUrl)} is not an absolute URL`)
  }
  if ((base.protocol !== "http:" && base.protocol !== "https:") || base.username || base.password || base.search || base.hash) {
    throw new AmazonPayStorefrontError(
      "InvalidScriptSource",
      "sandboxUrl must be the sandbox's http(s) base URL without credentials, query or fragment, e.g. http://localhost:4010"
    )
  }
  const path = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`
  return `${base.origin}${path}checkout.js`
}

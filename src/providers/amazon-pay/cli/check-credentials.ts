#!/usr/bin/env node
/**
 * `amazon-pay-check-credentials`: says plainly whether Amazon Pay accepts a public key id with its
 * private key, environment and region (one harmless signed request, see
 * lib/amazon-pay/credentials-check.ts). Values come from flags, else from the same AMAZON_PAY_*
 * environment variables this repository's medusa-config.ts reads. Exit code: 0 accepted, 1 refused
 * or a bad option, 3 Amazon not reachable. The private key is never printed.
 */
import { parseArgs } from "node:util"
import { checkCredentials } from "../../../lib/amazon-pay/credentials-check"
import { amazonPayClientFor, describeTarget } from "../amazon-client"
import { parseAmazonPayOptions } from "../options"

export const USAGE = `Usage: amazon-pay-check-credentials [options]
  --public-key-id ID        (or AMAZON_PAY_PUBLIC_KEY_ID)
  --private-key-path FILE   (or AMAZON_PAY_PRIVATE_KEY_PATH, or the PEM in AMAZON_PAY_PRIVATE_KEY)
  --region na|eu|jp|...     (or AMAZON_PAY_REGION; default na)
  --sandbox                 older key ids without a SANDBOX-/LIVE- prefix only (or AMAZON_PAY_SANDBOX=true)
  --api-base-url URL        e.g. the local sandbox (or AMAZON_PAY_API_BASE_URL)`

export function optionsFrom(argv: string[], env: NodeJS.ProcessEnv): Record<string, unknown> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      "public-key-id": { type: "string" },
      "private-key-path": { type: "string" },
      region: { type: "string" },
      sandbox: { type: "boolean" },
      "api-base-url": { type: "string" },
    },
  })
  const keyPath = values["private-key-path"] ?? env.AMAZON_PAY_PRIVATE_KEY_PATH
  return Object.fromEntries(
    Object.entries({
      publicKeyId: values["public-key-id"] ?? env.AMAZON_PAY_PUBLIC_KEY_ID,
      ...(keyPath ? { privateKeyPath: keyPath } : { privateKey: env.AMAZON_PAY_PRIVATE_KEY?.replace(/\\n/g, "\n") }),
      region: values.region ?? env.AMAZON_PAY_REGION,
      sandbox: values.sandbox ?? (env.AMAZON_PAY_SANDBOX ? env.AMAZON_PAY_SANDBOX === "true" : undefined),
      apiBaseUrl: values["api-base-url"] ?? env.AMAZON_PAY_API_BASE_URL,
      // Not checked here, but required by the options schema.
      merchantId: env.AMAZON_PAY_MERCHANT_ID ?? "unused-by-the-check",
      storeId: env.AMAZON_PAY_STORE_ID ?? "unused-by-the-check",
      retry: false,
    }).filter(([, value]) => value !== undefined)
  )
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  let options
  try {
    options = parseAmazonPayOptions(optionsFrom(argv, env))
  } catch (error) {
    print(`${(error as Error).message}\n\n${USAGE}`)
    return 1
  }
  const verdict = await checkCredentials(amazonPayClientFor(options), { publicKeyId: options.publicKeyId, target: describeTarget(options) })
  print(verdict.ok ? `OK: ${verdict.message}` : `NOT OK: ${verdict.message}`)
  return verdict.ok ? 0 : verdict.problem === "unreachable" ? 3 : 1
}

if (require.main === module) {
  void main(process.argv.slice(2), process.env, (line) => console.log(line)).then((code) => process.exit(code))
}

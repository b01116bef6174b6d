/** Command-line options of `amazon-pay-sandbox` (parsed with node:util, validated here). */
import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import type { AmazonPaySandboxOptions } from "./index"

export const USAGE = `Usage: amazon-pay-sandbox [options]
  --port N                 port on 127.0.0.1 (default: a free port)
  --public-key FILE        public key PEM (repeatable; pairs with --public-key-id in order)
  --public-key-id ID       its public key id, e.g. SANDBOX-AHEGSJCM3L2S637RBGABLAFW
  --merchant-id ID         merchant id in IPN messages (default SANDBOX-MERCHANT)
  --ipn-url URL            where IPNs are POSTed
  --latency MS             added to every Amazon API answer
  --pending-delay MS       AuthorizationInitiated/CaptureInitiated/RefundInitiated settle after this (default 2000)
  --tls-key FILE --tls-cert FILE   serve HTTPS
Without --public-key a throwaway SANDBOX- key pair is generated; its private key is written to a
file (mode 600, removed on exit) whose path is printed, never the key itself.`

export interface CliOptions {
  help: boolean
  sandbox: AmazonPaySandboxOptions
  /** True when no key was given and one must be generated. */
  generateKey: boolean
}

const nonNegativeInt = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) {
    return undefined
  }
  if (!/^\d+$/.test(value) || Number(value) > 2_147_483_647) {
    throw new Error(`${name} must be a non-negative integer`)
  }
  return Number(value)
}

export function parseCliArgs(argv: string[], readFile: (path: string) => string = (p) => readFileSync(p, "utf8")): CliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      help: { type: "boolean", short: "h" },
      port: { type: "string" },
      "public-key": { type: "string", multiple: true },
      "public-key-id": { type: "string", multiple: true },
      "merchant-id": { type: "string" },
      "ipn-url": { type: "string" },
      latency: { type: "string" },
      "pending-delay": { type: "string" },
      "tls-key": { type: "string" },
      "tls-cert": { type: "string" },
    },
  })
  const files = values["public-key"] ?? []
  const ids = values["public-key-id"] ?? []
  if (files.length !== ids.length) {
    throw new Error("Give one --public-key-id for every --public-key")
  }
  const publicKeys: Record<string, string> = {}
  files.forEach((file, i) => {
    publicKeys[ids[i]] = readFile(file)
  })
  if (Boolean(values["tls-key"]) !== Boolean(values["tls-cert"])) {
    throw new Error("--tls-key and --tls-cert go together")
  }
  const ipnUrl = values["ipn-url"]
  if (ipnUrl !== undefined && !/^https?:\/\//.test(ipnUrl)) {
    throw new Error("--ipn-url must be an http(s) URL")
  }
  const port = nonNegativeInt("--port", values.port)
  if (port !== undefined && port > 65_535) {
    throw new Error("--port must be at most 65535")
  }
  return {
    help: values.help ?? false,
    generateKey: files.length === 0,
    sandbox: {
      port,
      publicKeys,
      merchantId: values["merchant-id"],
      ipnUrl,
      latencyMs: nonNegativeInt("--latency", values.latency),
      pendingDelayMs: nonNegativeInt("--pending-delay", values["pending-delay"]),
      tls: values["tls-key"] && values["tls-cert"] ? { key: readFile(values["tls-key"]), cert: readFile(values["tls-cert"]) } : undefined,
    },
  }
}

/** Command-line options of `amazon-pay-sandbox` (parsed with node:util, validated here). */
import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import type { AmazonPaySandboxOptions } from "./index"
import { initIdentity, quickstartText, readIdentity } from "./quickstart"

export const USAGE = `Usage: amazon-pay-sandbox init [--dir DIR] [--port N] [--merchant-id ID] [--medusa-url URL]
         writes (or reuses) a persistent key pair and merchant id in DIR (default ./.amazon-pay-sandbox)
         and prints the provider options to paste and the command to run the sandbox with them
       amazon-pay-sandbox [options]
  --keys-dir DIR           run with the identity \`init\` wrote (key pair, merchant id, port)
  --port N                 port on 127.0.0.1 (default: a free port)
  --public-key FILE        public key PEM (repeatable; pairs with --public-key-id in order)
  --public-key-id ID       its public key id, e.g. SANDBOX-AHEGSJCM3L2S637RBGABLAFW
  --public-key-merchant ID the merchant account of each key (repeatable, in --public-key order; default --merchant-id)
  --merchant-id ID         merchant id of the keys and in IPN messages (default SANDBOX-MERCHANT)
  --ipn-url URL            where IPNs are POSTed
  --ipn-signature-version 1|2   SNS SignatureVersion of IPNs (default 1, as SNS signs unless a topic asks for 2)
  --latency MS             added to every Amazon API answer
  --pending-delay MS       AuthorizationInitiated/CaptureInitiated/RefundInitiated settle after this (default 2000)
  --charge-decline-style error|declined-charge
                           a declined Create/Capture Charge: HTTP error with the reasonCode (default,
                           as live Amazon) or 201/200 with a Declined charge (older sandbox shape)
  --update-after-redirect refuse|reconfirm
                           Update Checkout Session once the buyer was sent to amazonPayRedirectUrl:
                           refused (default) or accepted, a changed amount needing the buyer again
  --pending-with-capture refuse|allow
                           canHandlePendingAuthorization with an immediate capture: 400 (default) or accepted
  --carrier-code CODE      a Delivery Tracker carrier code to accept besides the built-in list (repeatable)
  --tls-key FILE --tls-cert FILE   serve HTTPS
Without --public-key a throwaway SANDBOX- key pair is generated; its private key is written to a
file (mode 600, removed on exit) whose path is printed, never the key itself.`

export interface CliOptions {
  help: boolean
  sandbox: AmazonPaySandboxOptions
  /** True when no key was given and one must be generated. */
  generateKey: boolean
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value !== undefined && !allowed.includes(value as T)) {
    throw new Error(`${name} must be one of ${allowed.join(", ")}`)
  }
  return value as T | undefined
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
      "public-key-merchant": { type: "string", multiple: true },
      "merchant-id": { type: "string" },
      "ipn-url": { type: "string" },
      "ipn-signature-version": { type: "string" },
      latency: { type: "string" },
      "pending-delay": { type: "string" },
      "charge-decline-style": { type: "string" },
      "update-after-redirect": { type: "string" },
      "pending-with-capture": { type: "string" },
      "carrier-code": { type: "string", multiple: true },
      "tls-key": { type: "string" },
      "tls-cert": { type: "string" },
      "keys-dir": { type: "string" },
    },
  })
  const identity = values["keys-dir"] ? readIdentity(values["keys-dir"]) : null
  if (values["keys-dir"] && !identity) {
    throw new Error(`--keys-dir ${values["keys-dir"]} holds no sandbox identity: run \`amazon-pay-sandbox init --dir ${values["keys-dir"]}\` first`)
  }
  const files = values["public-key"] ?? []
  const ids = values["public-key-id"] ?? []
  if (files.length !== ids.length) {
    throw new Error("Give one --public-key-id for every --public-key")
  }
  const merchants = values["public-key-merchant"] ?? []
  if (merchants.length > 0 && merchants.length !== files.length) {
    throw new Error("Give one --public-key-merchant for every --public-key (or none)")
  }
  const publicKeys: Record<string, string> = identity ? { [identity.publicKeyId]: identity.publicKeyPem } : {}
  const publicKeyMerchants: Record<string, string> = identity ? { [identity.publicKeyId]: identity.merchantId } : {}
  files.forEach((file, i) => {
    publicKeys[ids[i]] = readFile(file)
    if (merchants[i]) {
      publicKeyMerchants[ids[i]] = merchants[i]
    }
  })
  if (Boolean(values["tls-key"]) !== Boolean(values["tls-cert"])) {
    throw new Error("--tls-key and --tls-cert go together")
  }
  const ipnUrl = values["ipn-url"]
  if (ipnUrl !== undefined && !/^https?:\/\//.test(ipnUrl)) {
    throw new Error("--ipn-url must be an http(s) URL")
  }
  const port = nonNegativeInt("--port", values.port) ?? identity?.port
  if (port !== undefined && port > 65_535) {
    throw new Error("--port must be at most 65535")
  }
  return {
    help: values.help ?? false,
    generateKey: files.length === 0 && !identity,
    sandbox: {
      port,
      publicKeys,
      publicKeyMerchants,
      merchantId: values["merchant-id"] ?? identity?.merchantId,
      ipnUrl,
      ipnSignatureVersion: oneOf("--ipn-signature-version", values["ipn-signature-version"], ["1", "2"] as const),
      latencyMs: nonNegativeInt("--latency", values.latency),
      pendingDelayMs: nonNegativeInt("--pending-delay", values["pending-delay"]),
      chargeDeclineStyle: oneOf("--charge-decline-style", values["charge-decline-style"], ["error", "declined-charge"] as const),
      updateAfterRedirect: oneOf("--update-after-redirect", values["update-after-redirect"], ["refuse", "reconfirm"] as const),
      pendingWithCapture: oneOf("--pending-with-capture", values["pending-with-capture"], ["refuse", "allow"] as const),
      carrierCodes: values["carrier-code"],
      tls: values["tls-key"] && values["tls-cert"] ? { key: readFile(values["tls-key"]), cert: readFile(values["tls-cert"]) } : undefined,
    },
  }
}

export interface InitOptions {
  dir: string
  port?: number
  merchantId?: string
  medusaUrl: string
}

/** `amazon-pay-sandbox init ...` */
export function parseInitArgs(argv: string[]): InitOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { dir: { type: "string" }, port: { type: "string" }, "merchant-id": { type: "string" }, "medusa-url": { type: "string" } },
  })
  const port = nonNegativeInt("--port", values.port)
  if (port !== undefined && (port < 1 || port > 65_535)) {
    throw new Error("--port must be between 1 and 65535")
  }
  const medusaUrl = values["medusa-url"] ?? "http://localhost:9000"
  if (!/^https?:\/\/[^/]+$/.test(medusaUrl)) {
    throw new Error("--medusa-url must be an http(s) origin, e.g. http://localhost:9000")
  }
  return { dir: values.dir ?? ".amazon-pay-sandbox", port, merchantId: values["merchant-id"], medusaUrl }
}

/** Runs `init` and returns what to print. */
export function runInit(argv: string[]): string {
  const options = parseInitArgs(argv)
  const { identity, created } = initIdentity(options.dir, { merchantId: options.merchantId, port: options.port })
  return `${created ? "Created" : "Reused"} a sandbox identity.\n${quickstartText(identity, options.medusaUrl)}`
}

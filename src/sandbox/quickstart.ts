/**
 * `amazon-pay-sandbox init`: a persistent sandbox identity for an existing store, so the store's
 * provider options and the sandbox agree across restarts. It writes (or reuses) a key pair and the
 * merchant id in a folder (private key mode 600, never printed), and prints the exact provider options
 * to paste into medusa-config.ts and the command that runs the sandbox with them. `--keys-dir DIR`
 * makes the sandbox load that identity.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { generateSandboxCredentials } from "./credentials"

export interface SandboxIdentity {
  dir: string
  publicKeyId: string
  merchantId: string
  port: number
  privateKeyPath: string
  publicKeyPem: string
}

const SETTINGS = "sandbox.json"
const PRIVATE_KEY = "private-key.pem"
const PUBLIC_KEY = "public-key.pem"

/** Reads the identity in `dir`, or null when there is none. */
export function readIdentity(dir: string): SandboxIdentity | null {
  const root = resolve(dir)
  if (!existsSync(join(root, SETTINGS))) {
    return null
  }
  const settings = JSON.parse(readFileSync(join(root, SETTINGS), "utf8")) as { publicKeyId: string; merchantId: string; port: number }
  return {
    dir: root,
    ...settings,
    privateKeyPath: join(root, PRIVATE_KEY),
    publicKeyPem: readFileSync(join(root, PUBLIC_KEY), "utf8"),
  }
}

/** The identity in `dir`, created on first use; an existing one keeps its keys (and gets the new merchant id / port if given). */
export function initIdentity(dir: string, wanted: { merchantId?: string; port?: number }): { identity: SandboxIdentity; created: boolean } {
  const existing = readIdentity(dir)
  const root = resolve(dir)
  if (existing) {
    const updated = { ...existing, merchantId: wanted.merchantId ?? existing.merchantId, port: wanted.port ?? existing.port }
    writeFileSync(join(root, SETTINGS), `${JSON.stringify({ publicKeyId: updated.publicKeyId, merchantId: updated.merchantId, port: updated.port }, null, 2)}\n`)
    return { identity: updated, created: false }
  }
  mkdirSync(root, { recursive: true })
  const keys = generateSandboxCredentials()
  writeFileSync(join(root, PRIVATE_KEY), keys.privateKeyPem, { mode: 0o600 })
  chmodSync(join(root, PRIVATE_KEY), 0o600)
  writeFileSync(join(root, PUBLIC_KEY), keys.publicKeyPem)
  const settings = { publicKeyId: keys.publicKeyId, merchantId: wanted.merchantId ?? "SANDBOX-MERCHANT", port: wanted.port ?? 4010 }
  writeFileSync(join(root, SETTINGS), `${JSON.stringify(settings, null, 2)}\n`)
  return { identity: readIdentity(root) as SandboxIdentity, created: true }
}

/** What `init` prints: the provider options for this sandbox and how to run it. */
export function quickstartText(identity: SandboxIdentity, medusaUrl: string): string {
  const sandboxUrl = `http://127.0.0.1:${identity.port}`
  return [
    `Sandbox identity in ${identity.dir} (public key id ${identity.publicKeyId}, merchant id ${identity.merchantId}).`,
    "",
    "1. Run the sandbox with it (IPNs go to your store):",
    `   npx amazon-pay-sandbox --keys-dir ${identity.dir} --ipn-url ${medusaUrl}/hooks/payment/amazon-pay_amazon-pay`,
    "",
    "2. Provider options for medusa-config.ts (the payment module's amazon-pay provider):",
    "   options: {",
    `     publicKeyId: "${identity.publicKeyId}",`,
    `     privateKeyPath: "${identity.privateKeyPath}",`,
    `     merchantId: "${identity.merchantId}",`,
    `     storeId: "amzn1.application-oa2-client.sandbox",`,
    `     apiBaseUrl: "${sandboxUrl}",`,
    `     ipnTrustedCertUrls: ["${sandboxUrl}/sandbox/ipn/cert.pem"],`,
    `     checkoutReviewReturnUrl: "http://localhost:8000/checkout/amazon-pay/review",`,
    `     checkoutResultReturnUrl: "http://localhost:8000/checkout/amazon-pay/result",`,
    `     checkoutCancelUrl: "http://localhost:8000/cart",`,
    "   }",
    "",
    `3. Storefronts load the button script from ${sandboxUrl}/checkout.js instead of Amazon's.`,
    "",
    "The merchant id must be the same on both sides: the store ignores IPNs for another merchant id",
    "(and says so in its log). Going live: see the README's go-live checklist.",
  ].join("\n")
}

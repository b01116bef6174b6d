/**
 * Everything the demo can be told through the environment, read once, with the defaults the README
 * promises (`npm run demo` on a fresh machine needs none of them).
 */
import { resolve } from "node:path"

export const REPO_ROOT = resolve(__dirname, "..", "..")
/** Gitignored: the persisted sandbox key pair and the Medusa server log. */
export const DEMO_DIR = resolve(REPO_ROOT, ".demo")

export const DEFAULT_DATABASE_URL = "postgres://postgres@localhost:5432/medusa_amazon_pay_demo"
export const AMAZON_PAY_PROVIDER_ID = "pp_amazon-pay_amazon-pay"
export const ADMIN = { email: "admin@example.com", password: "supersecret" } as const

export interface DemoSettings {
  databaseUrl: string
  /** Medusa must get exactly this port (the IPN URL and the printed URLs name it). */
  medusaPort: number
  /** Preferred sandbox port; a free one is taken when it is busy. */
  sandboxPort: number
  /** Preferred port of the demo storefront (its pages are also Amazon's return URLs). */
  storefrontPort: number
  /** Exit 0 after the walkthrough instead of serving (smoke test). */
  exitAfterWalkthrough: boolean
  healthTimeoutMs: number
}

function port(name: string, fallback: number): number {
  const raw = process.env[name]?.trim()
  if (!raw) {
    return fallback
  }
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name}=${raw} is not a TCP port (1-65535)`)
  }
  return value
}

export function readSettings(): DemoSettings {
  return {
    databaseUrl: process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL,
    medusaPort: port("MEDUSA_PORT", 9000),
    sandboxPort: port("AMAZON_PAY_SANDBOX_PORT", 4010),
    storefrontPort: port("DEMO_STOREFRONT_PORT", 8000),
    exitAfterWalkthrough: process.env.DEMO_EXIT === "1" || process.env.DEMO_EXIT === "true",
    healthTimeoutMs: Number(process.env.DEMO_HEALTH_TIMEOUT_MS) || 180_000,
  }
}

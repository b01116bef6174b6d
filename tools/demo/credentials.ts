/**
 * The sandbox key pair, generated once and kept under `.demo/` so a re-run registers the same public
 * key id and the Medusa provider signs with the same key. The private key file is 0600 and is only
 * ever passed to Medusa by path (AMAZON_PAY_PRIVATE_KEY_PATH); it is never printed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { generateSandboxCredentials } from "../../src/sandbox"

export interface DemoCredentials {
  publicKeyId: string
  publicKeyPem: string
  privateKeyPath: string
  /** True when this run generated the pair. */
  generated: boolean
}

export function loadOrCreateCredentials(dir: string): DemoCredentials {
  const keyDir = join(dir, "amazon-pay")
  const files = {
    id: join(keyDir, "public-key-id"),
    publicKey: join(keyDir, "public-key.pem"),
    privateKey: join(keyDir, "private-key.pem"),
  }
  if (existsSync(files.id) && existsSync(files.publicKey) && existsSync(files.privateKey)) {
    return {
      publicKeyId: readFileSync(files.id, "utf8").trim(),
      publicKeyPem: readFileSync(files.publicKey, "utf8"),
      privateKeyPath: files.privateKey,
      generated: false,
    }
  }
  const fresh = generateSandboxCredentials()
  mkdirSync(keyDir, { recursive: true, mode: 0o700 })
  writeFileSync(files.privateKey, fresh.privateKeyPem, { mode: 0o600 })
  writeFileSync(files.publicKey, fresh.publicKeyPem)
  writeFileSync(files.id, `${fresh.publicKeyId}\n`)
  return { publicKeyId: fresh.publicKeyId, publicKeyPem: fresh.publicKeyPem, privateKeyPath: files.privateKey, generated: true }
}

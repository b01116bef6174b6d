/**
 * Throwaway key pairs for tests and demos. The ID carries the `SANDBOX-` prefix so clients use the
 * `/v2/...` paths, as Amazon's environment-specific public key IDs do ("Signing requests").
 */
import { generateKeyPairSync, randomBytes } from "node:crypto"

export interface SandboxCredentials {
  publicKeyId: string
  privateKeyPem: string
  publicKeyPem: string
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

export function randomKeyIdSuffix(length = 24): string {
  const bytes = randomBytes(length)
  let out = ""
  for (const byte of bytes) {
    out += ID_ALPHABET[byte % ID_ALPHABET.length]
  }
  return out
}

export function generateSandboxCredentials(options: { publicKeyId?: string } = {}): SandboxCredentials {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
  return {
    publicKeyId: options.publicKeyId ?? `SANDBOX-${randomKeyIdSuffix()}`,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  }
}

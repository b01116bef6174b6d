#!/usr/bin/env node
/**
 * `amazon-pay-sandbox`: runs the local Amazon Pay sandbox until SIGINT/SIGTERM. The first line on
 * stdout is the base URL once it is ready (scripts read it); details go to stderr.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { USAGE, parseCliArgs, runInit } from "./cli-args"
import { generateSandboxCredentials, startAmazonPaySandbox } from "./index"

async function main(): Promise<void> {
  if (process.argv[2] === "init") {
    try {
      console.log(runInit(process.argv.slice(3)))
    } catch (error) {
      console.error(`${(error as Error).message}\n\n${USAGE}`)
      process.exit(2)
    }
    return
  }
  let options
  try {
    options = parseCliArgs(process.argv.slice(2))
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    process.exit(2)
  }
  if (options.help) {
    console.log(USAGE)
    return
  }
  let keyDir: string | null = null
  if (options.generateKey) {
    const credentials = generateSandboxCredentials()
    keyDir = mkdtempSync(join(tmpdir(), "amazon-pay-sandbox-"))
    const file = join(keyDir, "private-key.pem")
    writeFileSync(file, credentials.privateKeyPem, { mode: 0o600 })
    options.sandbox.publicKeys = { [credentials.publicKeyId]: credentials.publicKeyPem }
    console.error(`Generated public key id ${credentials.publicKeyId}; private key written to ${file}`)
  }
  const sandbox = await startAmazonPaySandbox(options.sandbox)
  console.log(sandbox.url)
  console.error(
    `Amazon Pay sandbox ready: API ${sandbox.url}/v2/... and /sandbox/v2/..., control ${sandbox.url}/sandbox/..., ` +
      `keys: ${Object.keys(options.sandbox.publicKeys ?? {}).join(", ")}`
  )
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) {
      return
    }
    stopping = true
    console.error(`${signal}: stopping`)
    void sandbox.close().then(() => {
      // The generated key pair only ever served this run.
      if (keyDir) {
        rmSync(keyDir, { recursive: true, force: true })
      }
      process.exit(0)
    })
  }
  process.on("SIGINT", () => stop("SIGINT"))
  process.on("SIGTERM", () => stop("SIGTERM"))
}

main().catch((error) => {
  console.error(`amazon-pay-sandbox failed: ${(error as Error).message}`)
  process.exit(1)
})

import { spawn } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseCliArgs } from "../cli-args"
import { generateSandboxCredentials } from "../index"
import { SignedApi, createSessionBody } from "./support/signed-api"

describe("amazon-pay-sandbox CLI", () => {
  const files: Record<string, string> = { "a.pem": "PEM-A", "b.pem": "PEM-B" }
  const read = (path: string): string => {
    const text = files[path]
    if (text === undefined) {
      throw new Error(`no ${path}`)
    }
    return text
  }

  it("parses key pairs, numbers and URLs, and refuses bad input", () => {
    const parsed = parseCliArgs(
      [
        ...["--port", "4010", "--public-key", "a.pem", "--public-key-id", "SANDBOX-A"],
        ...["--public-key", "b.pem", "--public-key-id", "LEGACY", "--ipn-url", "http://127.0.0.1:9000/ipn"],
        ...["--latency", "5", "--pending-delay", "100"],
      ],
      read
    )
    expect(parsed.generateKey).toBe(false)
    expect(parsed.sandbox).toMatchObject({
      port: 4010,
      publicKeys: { "SANDBOX-A": "PEM-A", LEGACY: "PEM-B" },
      ipnUrl: "http://127.0.0.1:9000/ipn",
      latencyMs: 5,
      pendingDelayMs: 100,
    })
    expect(parseCliArgs([], read).generateKey).toBe(true)
    const readings = parseCliArgs(
      [
        ...["--public-key", "a.pem", "--public-key-id", "SANDBOX-A", "--public-key-merchant", "A1MERCHANT"],
        ...["--charge-decline-style", "declined-charge", "--update-after-redirect", "reconfirm", "--pending-with-capture", "allow"],
        ...["--ipn-signature-version", "2", "--carrier-code", "ACME", "--carrier-code", "ZIPPY"],
      ],
      read
    ).sandbox
    expect(readings).toMatchObject({
      publicKeyMerchants: { "SANDBOX-A": "A1MERCHANT" },
      chargeDeclineStyle: "declined-charge",
      updateAfterRedirect: "reconfirm",
      pendingWithCapture: "allow",
      ipnSignatureVersion: "2",
      carrierCodes: ["ACME", "ZIPPY"],
    })
    expect(() => parseCliArgs(["--charge-decline-style", "silent"], read)).toThrow("--charge-decline-style")
    expect(() => parseCliArgs(["--ipn-signature-version", "3"], read)).toThrow("--ipn-signature-version")
    expect(() => parseCliArgs(["--public-key", "a.pem", "--public-key-id", "A", "--public-key", "b.pem", "--public-key-id", "B", "--public-key-merchant", "M"], read)).toThrow(
      "--public-key-merchant"
    )
    expect(() => parseCliArgs(["--public-key", "a.pem"], read)).toThrow("--public-key-id")
    expect(() => parseCliArgs(["--latency", "-1"], read)).toThrow("--latency")
    expect(() => parseCliArgs(["--port", "70000"], read)).toThrow("--port")
    expect(() => parseCliArgs(["--ipn-url", "ftp://x"], read)).toThrow("--ipn-url")
    expect(() => parseCliArgs(["--bogus"], read)).toThrow()
  })

  it("starts, prints its base URL, serves signed requests and stops cleanly on SIGTERM", async () => {
    const credentials = generateSandboxCredentials()
    const dir = mkdtempSync(join(tmpdir(), "sandbox-cli-"))
    writeFileSync(join(dir, "public.pem"), credentials.publicKeyPem)
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register", join(__dirname, "../cli.ts"), "--public-key", join(dir, "public.pem"), "--public-key-id", credentials.publicKeyId],
      { env: { ...process.env, TS_NODE_SWC: "true", NODE_OPTIONS: "" }, stdio: ["ignore", "pipe", "pipe"] }
    )
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ""
        const timer = setTimeout(() => reject(new Error("CLI did not print its URL within 20 s")), 20_000)
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString()
          const line = out.split("\n")[0]
          if (out.includes("\n")) {
            clearTimeout(timer)
            resolve(line.trim())
          }
        })
        child.on("exit", () => reject(new Error("CLI exited early")))
      })
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const api = new SignedApi(url, credentials.publicKeyId, credentials.privateKeyPem)
      expect((await api.post("checkoutSessions", createSessionBody())).status).toBe(201)
    } finally {
      child.kill("SIGTERM")
    }
    expect(await exited).toBe(0)
    rmSync(dir, { recursive: true, force: true })
  })
})

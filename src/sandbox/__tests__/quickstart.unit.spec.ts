/**
 * `amazon-pay-sandbox init` and `--keys-dir`: a persistent identity (key pair, merchant id, port),
 * reused on every run, whose printed provider options match what the sandbox then accepts.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { AmazonPayClient } from "../../lib/amazon-pay/client"
import { parseCliArgs, runInit } from "../cli-args"
import { startAmazonPaySandbox } from "../index"

describe("amazon-pay-sandbox init", () => {
  let dir: string
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), "ap-quickstart-")), "identity")
  })
  afterEach(() => rmSync(join(dir, ".."), { recursive: true, force: true }))

  it("writes a key pair (private key mode 600, never printed) and prints the provider options to paste", () => {
    const text = runInit(["--dir", dir, "--merchant-id", "A2MYSHOP", "--port", "4711", "--medusa-url", "http://localhost:9100"])
    const settings = JSON.parse(readFileSync(join(dir, "sandbox.json"), "utf8"))
    expect(settings).toEqual({ publicKeyId: expect.stringMatching(/^SANDBOX-/), merchantId: "A2MYSHOP", port: 4711 })
    expect(statSync(join(dir, "private-key.pem")).mode & 0o777).toBe(0o600)
    expect(text).toContain(`publicKeyId: "${settings.publicKeyId}"`)
    expect(text).toContain(`privateKeyPath: "${join(dir, "private-key.pem")}"`)
    expect(text).toContain('merchantId: "A2MYSHOP"')
    expect(text).toContain('apiBaseUrl: "http://127.0.0.1:4711"')
    expect(text).toContain('ipnTrustedCertUrls: ["http://127.0.0.1:4711/sandbox/ipn/cert.pem"]')
    expect(text).toContain(`--keys-dir ${dir} --ipn-url http://localhost:9100/hooks/payment/amazon-pay_amazon-pay`)
    expect(text).not.toMatch(/BEGIN|PRIVATE KEY-/)
  })

  it("reuses the identity on the next run, and refuses bad arguments", () => {
    const first = runInit(["--dir", dir])
    const id = JSON.parse(readFileSync(join(dir, "sandbox.json"), "utf8")).publicKeyId
    expect(first).toMatch(/^Created/)
    expect(runInit(["--dir", dir])).toMatch(/^Reused/)
    expect(JSON.parse(readFileSync(join(dir, "sandbox.json"), "utf8")).publicKeyId).toBe(id)
    expect(() => runInit(["--dir", dir, "--port", "0"])).toThrow(/--port/)
    expect(() => runInit(["--dir", dir, "--medusa-url", "localhost:9000"])).toThrow(/--medusa-url/)
    expect(() => parseCliArgs(["--keys-dir", join(dir, "missing")])).toThrow(/holds no sandbox identity/)
  })

  it("runs with --keys-dir: the saved key is accepted and IPNs carry the saved merchant id", async () => {
    runInit(["--dir", dir, "--merchant-id", "A2MYSHOP", "--port", "4711"])
    const parsed = parseCliArgs(["--keys-dir", dir, "--port", "0"])
    expect(parsed.generateKey).toBe(false)
    expect(parsed.sandbox.merchantId).toBe("A2MYSHOP")
    const sandbox = await startAmazonPaySandbox(parsed.sandbox)
    try {
      const settings = JSON.parse(readFileSync(join(dir, "sandbox.json"), "utf8"))
      const client = new AmazonPayClient({ publicKeyId: settings.publicKeyId, privateKey: join(dir, "private-key.pem"), region: "na", baseUrl: sandbox.url, retry: false })
      await expect(client.getCheckoutSession("00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ status: 404 })
    } finally {
      await sandbox.close()
    }
  })
})

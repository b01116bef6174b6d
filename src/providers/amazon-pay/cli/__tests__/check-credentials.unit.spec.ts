/**
 * The credentials check against the sandbox over HTTP, from the command line and as the provider's
 * start-up loader: accepted, a private key that is not the key id's, an unknown key id, and an
 * Amazon that cannot be reached. The private key never appears in what is printed.
 */
import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../../../../sandbox"
import credentialsCheckLoader from "../../credentials-loader"
import { main } from "../check-credentials"

jest.setTimeout(30_000)

describe("amazon-pay-check-credentials", () => {
  const keys = generateSandboxCredentials()
  const other = generateSandboxCredentials()
  let sandbox: AmazonPaySandbox

  beforeAll(async () => {
    sandbox = await startAmazonPaySandbox({ publicKeys: { [keys.publicKeyId]: keys.publicKeyPem } })
  })
  afterAll(() => sandbox.close())

  async function run(env: Record<string, string>, argv: string[] = []) {
    const lines: string[] = []
    const code = await main(argv, { AMAZON_PAY_API_BASE_URL: sandbox.url, ...env }, (line) => lines.push(line))
    return { code, output: lines.join("\n") }
  }

  it("says OK when Amazon accepts the key id with its private key", async () => {
    const { code, output } = await run({ AMAZON_PAY_PUBLIC_KEY_ID: keys.publicKeyId, AMAZON_PAY_PRIVATE_KEY: keys.privateKeyPem })
    expect(code).toBe(0)
    expect(output).toMatch(/^OK: Amazon Pay accepted SANDBOX-\S+ \(sandbox, region na, http:\/\/127\.0\.0\.1:\d+\)$/)
  })

  it("says the private key is not the key id's, without printing either key", async () => {
    const { code, output } = await run({ AMAZON_PAY_PUBLIC_KEY_ID: keys.publicKeyId, AMAZON_PAY_PRIVATE_KEY: other.privateKeyPem })
    expect(code).toBe(1)
    expect(output).toMatch(/NOT OK: .*the private key is not the one registered for this public key id/)
    expect(output).not.toMatch(/PRIVATE KEY|BEGIN/)
  })

  it("says the key id is unknown where the request went (environment, region)", async () => {
    const { code, output } = await run({ AMAZON_PAY_PUBLIC_KEY_ID: other.publicKeyId, AMAZON_PAY_PRIVATE_KEY: other.privateKeyPem })
    expect(code).toBe(1)
    expect(output).toMatch(/does not know SANDBOX-\S+ .*\(401 UnauthorizedAccess\).*environment.*region/)
  })

  it("exits 3 when Amazon cannot be reached, and names a bad option", async () => {
    const unreachable = await run({ AMAZON_PAY_PUBLIC_KEY_ID: keys.publicKeyId, AMAZON_PAY_PRIVATE_KEY: keys.privateKeyPem }, ["--api-base-url", "http://127.0.0.1:1"])
    expect(unreachable.code).toBe(3)
    expect(unreachable.output).toMatch(/could not be reached/)
    const bad = await run({ AMAZON_PAY_PUBLIC_KEY_ID: keys.publicKeyId, AMAZON_PAY_PRIVATE_KEY: "not a key" })
    expect(bad.code).toBe(1)
    expect(bad.output).toMatch(/option `privateKey` is invalid/)
  })

  it("as the start-up check: `fail` stops start-up on a refused key, `warn` logs it, `off` asks nothing", async () => {
    const base = { publicKeyId: keys.publicKeyId, privateKey: other.privateKeyPem, merchantId: "M", storeId: "S", apiBaseUrl: sandbox.url, retry: false }
    const warnings: string[] = []
    const logger = { info: () => undefined, warn: (m: string) => void warnings.push(m) } as never
    await expect(credentialsCheckLoader({ options: { ...base, credentialsCheck: "fail" }, logger })).rejects.toThrow(/credentialsCheck: "fail"/)
    await credentialsCheckLoader({ options: { ...base, credentialsCheck: "warn" }, logger })
    expect(warnings).toEqual([expect.stringMatching(/refused the signature/)])
    sandbox.clearRequestCounts()
    await credentialsCheckLoader({ options: base, logger })
    expect(sandbox.requestCounts()).toEqual({})
  })
})

import { generateKeyPairSync } from "node:crypto"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseAmazonPayOptions } from "../options"
import { AmazonPayProviderService } from "../provider-service"

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString()

const valid = {
  publicKeyId: "SANDBOX-TESTKEY",
  privateKey: pem,
  merchantId: "MERCHANT1",
  storeId: "amzn1.application-oa2-client.test",
}

function errorOf(options: unknown): Error {
  try {
    parseAmazonPayOptions(options)
  } catch (error) {
    return error as Error
  }
  throw new Error("expected the options to be refused")
}

describe("Amazon Pay provider options", () => {
  it("applies the documented defaults", () => {
    const options = parseAmazonPayOptions(valid)
    expect(options).toMatchObject({ region: "na", sandbox: false, capture: "manual", canHandlePendingAuthorization: false })
  })

  it("accepts a key file path instead of PEM text", () => {
    const dir = mkdtempSync(join(tmpdir(), "amazon-pay-key-"))
    const path = join(dir, "key.pem")
    writeFileSync(path, pem)
    const { privateKey: _omit, ...rest } = valid
    expect(parseAmazonPayOptions({ ...rest, privateKeyPath: path }).privateKeyPath).toBe(path)
  })

  it.each([
    ["publicKeyId", { publicKeyId: "" }],
    ["merchantId", { merchantId: undefined }],
    ["storeId", { storeId: 42 }],
    ["region", { region: "mars" }],
    ["capture", { capture: "automatic" }],
    ["canHandlePendingAuthorization", { canHandlePendingAuthorization: "yes" }],
    ["checkoutResultReturnUrl", { checkoutResultReturnUrl: "javascript:alert(1)" }],
    ["checkoutReviewReturnUrl", { checkoutReviewReturnUrl: "not a url" }],
    ["softDescriptor", { softDescriptor: "SEVENTEEN-CHARSXX" }],
    ["checkoutLanguage", { checkoutLanguage: "xx_XX" }],
    ["apiBaseUrl", { apiBaseUrl: "ftp://127.0.0.1" }],
    ["timeoutMs", { timeoutMs: -1 }],
    ["retry.maxAttempts", { retry: { maxAttempts: 0 } }],
    ["unknownOption", { unknownOption: true }],
  ])("names the bad option %s", (name, patch) => {
    const error = errorOf({ ...valid, ...patch })
    expect(error.message).toContain(`\`${name}\``)
  })

  it("refuses an unknown option by naming it in the message", () => {
    expect(errorOf({ ...valid, privateKeyPasword: "x" }).message).toMatch(/privateKeyPasword/)
  })

  it("requires exactly one of privateKey and privateKeyPath", () => {
    const { privateKey: _omit, ...withoutKey } = valid
    expect(errorOf(withoutKey).message).toContain("`privateKey`")
    expect(errorOf({ ...valid, privateKeyPath: "/tmp/key.pem" }).message).toContain("`privateKeyPath`")
  })

  it("refuses a broken private key without echoing it", () => {
    const broken = pem.replace(/[A-Za-z]{20}/, "A".repeat(20))
    const error = errorOf({ ...valid, privateKey: broken })
    expect(error.message).toContain("`privateKey`")
    expect(error.message).not.toContain(broken.slice(40, 80))
    expect(error.message).not.toContain("BEGIN")
  })

  it("refuses an unreadable key file, naming privateKeyPath", () => {
    const { privateKey: _omit, ...rest } = valid
    expect(errorOf({ ...rest, privateKeyPath: "/nonexistent/key.pem" }).message).toContain("`privateKeyPath`")
  })

  it("never puts the private key into any validation message", () => {
    const messages = [
      errorOf({ ...valid, region: "mars" }).message,
      errorOf({ ...valid, merchantId: "" }).message,
      errorOf({ ...valid, unknownOption: pem }).message,
    ]
    for (const message of messages) {
      expect(message).not.toContain(pem.split("\n")[1])
    }
  })

  it("is what the service's validateOptions runs (start-up refuses bad options)", () => {
    expect(() => AmazonPayProviderService.validateOptions({ ...valid, region: "mars" })).toThrow(/`region`/)
    expect(() => AmazonPayProviderService.validateOptions(valid)).not.toThrow()
  })
})

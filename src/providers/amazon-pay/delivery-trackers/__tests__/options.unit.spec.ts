import { generateKeyPairSync } from "node:crypto"
import { parseAmazonPayOptions } from "../../options"

const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString()
const valid = { publicKeyId: "SANDBOX-TESTKEY", privateKey: pem, merchantId: "MERCHANT1", storeId: "amzn1.application-oa2-client.test" }

const refusal = (options: Record<string, unknown>) => {
  try {
    parseAmazonPayOptions({ ...valid, ...options })
  } catch (error) {
    return (error as Error).message
  }
  throw new Error("expected the options to be refused")
}

describe("options: admin notifications and delivery trackers", () => {
  it("both are on by default", () => {
    expect(parseAmazonPayOptions(valid)).toMatchObject({ adminNotifications: true, deliveryTrackers: {} })
  })

  it("take false, per-kind switches and a carrier mapping", () => {
    const parsed = parseAmazonPayOptions({
      ...valid,
      adminNotifications: { captureDeclined: false },
      deliveryTrackers: { carrierCodes: { manual_manual: "UPS", "DHL Paket": "DHL_DE" }, defaultCarrierCode: "USPS", maxAttempts: 5 },
    })
    expect(parsed.adminNotifications).toEqual({ captureDeclined: false })
    expect(parsed.deliveryTrackers).toEqual({ carrierCodes: { manual_manual: "UPS", "DHL Paket": "DHL_DE" }, defaultCarrierCode: "USPS", maxAttempts: 5 })
    expect(parseAmazonPayOptions({ ...valid, adminNotifications: false, deliveryTrackers: false })).toMatchObject({ adminNotifications: false, deliveryTrackers: false })
  })

  it("refuse what Amazon would not take, naming the option", () => {
    expect(refusal({ deliveryTrackers: { carrierCodes: { manual_manual: "ups" } } })).toMatch(/`deliveryTrackers.carrierCodes.manual_manual` is invalid: must be an Amazon carrier code/)
    expect(refusal({ deliveryTrackers: { maxAttempts: 0 } })).toMatch(/`deliveryTrackers.maxAttempts`/)
    expect(refusal({ deliveryTrackers: true })).toMatch(/`deliveryTrackers`/)
    expect(refusal({ adminNotifications: { refundDeclinedd: true } })).toMatch(/`adminNotifications/)
  })
})

import { parseAmazonPayOptions } from "../options"
import { deliverySpecificationsFor, needsRegionCountries } from "../delivery"
import { buttonPayload, signedButton } from "../button"
import { amazonPayClientFor } from "../amazon-client"
import { generateKeyPairSync } from "node:crypto"

const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString()
const options = (deliverySpecifications?: unknown) =>
  parseAmazonPayOptions({
    publicKeyId: "SANDBOX-TESTKEY",
    privateKey: pem,
    merchantId: "MERCHANT1",
    storeId: "amzn1.application-oa2-client.test",
    checkoutReviewReturnUrl: "https://shop.example/review",
    checkoutResultReturnUrl: "https://shop.example/result",
    ...(deliverySpecifications === undefined ? {} : { deliverySpecifications }),
  })

describe("deliverySpecifications", () => {
  it("sends nothing unless configured, and nothing for PayOnly", () => {
    expect(deliverySpecificationsFor(options(), "PayAndShip", null)).toBeUndefined()
    expect(deliverySpecificationsFor(options({ specialRestrictions: ["RestrictPOBoxes"] }), "PayOnly", null)).toBeUndefined()
    expect(needsRegionCountries(options({ regionCountriesOnly: true }), "PayOnly")).toBe(false)
  })

  it("passes special and address restrictions in Amazon's shape", () => {
    const configured = options({
      specialRestrictions: ["RestrictPOBoxes", "RestrictPackstations"],
      addressRestrictions: { type: "NotAllowed", restrictions: { US: { statesOrRegions: ["AK", "HI"] } } },
    })
    expect(deliverySpecificationsFor(configured, "PayAndShip", null)).toEqual({
      specialRestrictions: ["RestrictPOBoxes", "RestrictPackstations"],
      addressRestrictions: { type: "NotAllowed", restrictions: { US: { statesOrRegions: ["AK", "HI"] } } },
    })
  })

  it("allows only the region's countries (upper-cased, sorted, deduplicated) with regionCountriesOnly", () => {
    const configured = options({ regionCountriesOnly: true, specialRestrictions: ["RestrictPOBoxes"] })
    expect(needsRegionCountries(configured, "PayAndShip")).toBe(true)
    expect(deliverySpecificationsFor(configured, "PayAndShip", ["us", "ca", "us"])).toEqual({
      specialRestrictions: ["RestrictPOBoxes"],
      addressRestrictions: { type: "Allowed", restrictions: { CA: {}, US: {} } },
    })
    expect(() => deliverySpecificationsFor(configured, "PayAndShip", [])).toThrow(/region has no countries/)
  })

  it.each([
    [{ regionCountriesOnly: true, addressRestrictions: { type: "Allowed", restrictions: { US: {} } } }, /deliverySpecifications.regionCountriesOnly/],
    [{ specialRestrictions: ["RestrictIslands"] }, /deliverySpecifications.specialRestrictions/],
    [{ addressRestrictions: { type: "Allowed", restrictions: { us: {} } } }, /deliverySpecifications.addressRestrictions.restrictions/],
    [{ addressRestrictions: { type: "Allowed", restrictions: {} } }, /must name at least one country/],
    [{ addressRestrictions: { type: "Everywhere", restrictions: { US: {} } } }, /deliverySpecifications.addressRestrictions.type/],
  ])("refuses %j at start-up", (value, message) => {
    expect(() => options(value)).toThrow(message)
  })

  it("goes into the signed payload", () => {
    const configured = options({ specialRestrictions: ["RestrictPOBoxes"] })
    const specs = deliverySpecificationsFor(configured, "PayAndShip", null)
    const payload = buttonPayload(configured, {}, "pay_col_01TEST", { amount: "10.00", currencyCode: "USD" }, specs)
    expect(payload.deliverySpecifications).toEqual({ specialRestrictions: ["RestrictPOBoxes"] })
    const signed = signedButton(amazonPayClientFor(configured), configured, {}, "pay_col_01TEST", { amount: "10.00", currencyCode: "USD" }, specs)
    expect(JSON.parse(signed.payloadJSON).deliverySpecifications).toEqual({ specialRestrictions: ["RestrictPOBoxes"] })
  })
})

describe("estimatedOrderAmount", () => {
  const amount = { amount: "64.10", currencyCode: "USD" }
  it("is set for express buttons (the cart total), not when the store sends the address (the amount is final)", () => {
    const configured = options()
    const client = amazonPayClientFor(configured)
    expect(signedButton(client, configured, {}, "pay_col_01TEST", amount).estimatedOrderAmount).toEqual(amount)
    const addressDetails = { name: "Jane", addressLine1: "1 Main St", city: "Seattle", postalCode: "98109", countryCode: "US", phoneNumber: "2065550100" }
    expect("estimatedOrderAmount" in signedButton(client, configured, { addressDetails }, "pay_col_01TEST", amount)).toBe(false)
  })
})

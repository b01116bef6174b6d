/**
 * Request bodies, validated with zod and reported with Amazon's reason codes (API v2 "Error
 * handling"): unknown fields -> UnrecognizedField, missing required fields -> MissingParameterValue,
 * wrong types/values -> InvalidParameterValue, unparseable JSON -> InvalidRequestFormat.
 * Money formats and limits are checked in money.ts, business rules in resources/*.
 */
import { z } from "zod"
import { badRequest, type SandboxApiError } from "./api-error"
import { deliverySpecificationsSchema } from "./delivery-restrictions"

const text = (max: number) => z.string().max(max)
const url = z.url({ protocol: /^https?$/ }).max(1024)

export const priceSchema = z.strictObject({ amount: z.string().max(32), currencyCode: z.string().length(3) })

export const addressSchema = z.strictObject({
  name: text(50).nullish(),
  addressLine1: text(180).nullish(),
  addressLine2: text(60).nullish(),
  addressLine3: text(60).nullish(),
  city: text(50).nullish(),
  county: text(50).nullish(),
  district: text(50).nullish(),
  stateOrRegion: text(50).nullish(),
  postalCode: text(20).nullish(),
  countryCode: z.string().regex(/^[A-Z]{2}$/).nullish(),
  phoneNumber: text(20).nullish(),
})

/**
 * `addressDetails` in a Create Checkout Session request or button payload: Amazon's request spelling
 * `districtOrCounty` ("Checkout Session" > addressDetails); `county`/`district` exist only in responses.
 */
export const addressDetailsSchema = addressSchema.omit({ county: true, district: true }).extend({
  districtOrCounty: text(50).nullish(),
})

export type AddressDetailsInput = z.infer<typeof addressDetailsSchema>

export const merchantMetadataSchema = z.strictObject({
  merchantReferenceId: text(256).nullish(),
  merchantStoreName: text(50).nullish(),
  noteToBuyer: text(255).nullish(),
  customInformation: text(4096).nullish(),
})

/** "Max length: 16 characters" (Capture Charge, Create Refund, paymentDetails). */
const softDescriptor = z.string().max(16, "softDescriptor is limited to 16 characters")

export const webCheckoutDetailsSchema = z.strictObject({
  checkoutReviewReturnUrl: url.nullish(),
  checkoutResultReturnUrl: url.nullish(),
  checkoutCancelUrl: url.nullish(),
  checkoutMode: z.literal("ProcessOrder").nullish(),
})

export const paymentDetailsSchema = z.strictObject({
  paymentIntent: z.enum(["Confirm", "Authorize", "AuthorizeWithCapture"]).nullish(),
  canHandlePendingAuthorization: z.boolean().nullish(),
  chargeAmount: priceSchema.nullish(),
  totalOrderAmount: priceSchema.nullish(),
  presentmentCurrency: z.string().length(3).nullish(),
  softDescriptor: softDescriptor.nullish(),
  allowOvercharge: z.boolean().nullish(),
  extendExpiration: z.boolean().nullish(),
})

const providerMetadataSchema = z.strictObject({ providerReferenceId: text(256).optional() })

export const createCheckoutSessionSchema = z.strictObject({
  webCheckoutDetails: webCheckoutDetailsSchema,
  storeId: z.string().min(1).max(256),
  scopes: z.array(z.string().max(64)).max(20).optional(),
  chargePermissionType: z.enum(["OneTime", "Recurring"]).optional(),
  paymentDetails: paymentDetailsSchema.optional(),
  merchantMetadata: merchantMetadataSchema.optional(),
  addressDetails: addressDetailsSchema.optional(),
  platformId: text(256).optional(),
  providerMetadata: providerMetadataSchema.optional(),
  deliverySpecifications: deliverySpecificationsSchema.optional(),
  recurringMetadata: z.record(z.string(), z.unknown()).optional(),
})

export const updateCheckoutSessionSchema = z.strictObject({
  webCheckoutDetails: webCheckoutDetailsSchema.optional(),
  paymentDetails: paymentDetailsSchema.optional(),
  merchantMetadata: merchantMetadataSchema.optional(),
  platformId: text(256).optional(),
  providerMetadata: providerMetadataSchema.optional(),
  recurringMetadata: z.record(z.string(), z.unknown()).optional(),
})

export const completeCheckoutSessionSchema = z.strictObject({
  chargeAmount: priceSchema,
  totalOrderAmount: priceSchema.optional(),
})

export const finalizeCheckoutSessionSchema = completeCheckoutSessionSchema.extend({
  shippingAddress: addressSchema.optional(),
  billingAddress: addressSchema.optional(),
  paymentIntent: z.enum(["Confirm", "Authorize", "AuthorizeWithCapture"]),
  canHandlePendingAuthorization: z.boolean().optional(),
  supplementaryData: z.string().max(4096).optional(),
})

export const updateChargePermissionSchema = z.strictObject({
  merchantMetadata: merchantMetadataSchema,
  recurringMetadata: z.record(z.string(), z.unknown()).optional(),
})

export const closeChargePermissionSchema = z.strictObject({
  closureReason: text(255).optional(),
  cancelPendingCharges: z.boolean().optional(),
})

export const createChargeSchema = z.strictObject({
  chargePermissionId: z.string().min(1).max(64),
  chargeAmount: priceSchema,
  captureNow: z.boolean().optional(),
  softDescriptor: softDescriptor.optional(),
  canHandlePendingAuthorization: z.boolean().optional(),
  merchantMetadata: merchantMetadataSchema.optional(),
  providerMetadata: providerMetadataSchema.optional(),
  platformId: text(256).optional(),
})

export const captureChargeSchema = z.strictObject({ captureAmount: priceSchema, softDescriptor: softDescriptor.optional() })

export const cancelChargeSchema = z.strictObject({ cancellationReason: text(255).optional() })

export const createRefundSchema = z.strictObject({
  chargeId: z.string().min(1).max(64),
  refundAmount: priceSchema,
  softDescriptor: softDescriptor.optional(),
})

export const deliveryTrackerSchema = z
  .strictObject({
    amazonOrderReferenceId: z.string().min(1).max(64).optional(),
    chargePermissionId: z.string().min(1).max(64).optional(),
    deliveryDetails: z
      .array(z.strictObject({ trackingNumber: z.string().min(1).max(100), carrierCode: z.string().min(1).max(50) }))
      .min(1)
      .max(10),
  })

/** Parses the raw body as a JSON object; an empty body counts as `{}` (e.g. DELETE without fields). */
export function parseJsonBody(body: Buffer): unknown {
  const raw = body.toString("utf8").trim()
  if (raw === "") {
    return {}
  }
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw badRequest("InvalidRequestFormat", "The request body is not valid JSON")
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest("InvalidRequestFormat", "The request body must be a JSON object")
  }
  return value
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = data
  for (const key of path) {
    if (typeof current !== "object" || current === null) {
      return undefined
    }
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

export function toAmazonError(data: unknown, error: z.ZodError): SandboxApiError {
  const issue = error.issues[0]
  const where = issue.path.map(String).join(".")
  if (issue.code === "unrecognized_keys") {
    const fields = issue.keys.map((k) => (where ? `${where}.${k}` : k)).join(", ")
    return badRequest("UnrecognizedField", `Unrecognized field(s): ${fields}`)
  }
  if (issue.code === "invalid_type" && valueAt(data, issue.path) === undefined) {
    return badRequest("MissingParameterValue", `Missing required parameter ${where}`)
  }
  return badRequest("InvalidParameterValue", `Invalid value for ${where || "body"}: ${issue.message}`)
}

/** Validates `data` against `schema`, throwing the Amazon error for the first problem. */
export function validate<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const result = schema.safeParse(data)
  if (!result.success) {
    throw toAmazonError(data, result.error)
  }
  return result.data
}

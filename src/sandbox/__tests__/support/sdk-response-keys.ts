/**
 * The response keys the official Node SDK's integration tests expect from Amazon's sandbox
 * (amzn/amazon-pay-api-sdk-nodejs 2.3.4, tst/webStoreClientTest.js). Checkout Session lists are
 * compared with `Object.keys` in order there; the others are checked key by key (the Charge
 * Permission list there misspells `chargePermissionReferenceId:` with a colon).
 */
export const CHECKOUT_SESSION_KEYS = [
  "checkoutSessionId", "webCheckoutDetails", "productType", "paymentDetails", "chargePermissionType", "orderType",
  "recurringMetadata", "paymentMethodOnFileMetadata", "merchantDetails", "merchantMetadata", "supplementaryData", "buyer",
  "billingAddress", "paymentPreferences", "statusDetails", "shippingAddress", "platformId", "chargePermissionId", "chargeId",
  "constraints", "creationTimestamp", "expirationTimestamp", "storeId", "providerMetadata", "releaseEnvironment",
  "checkoutButtonText", "deliverySpecifications", "tokens",
]

/** Finalize Checkout Session: the same with `cartDetails` after paymentDetails. */
export const FINALIZED_CHECKOUT_SESSION_KEYS = [
  ...CHECKOUT_SESSION_KEYS.slice(0, 4),
  "cartDetails",
  ...CHECKOUT_SESSION_KEYS.slice(4),
]

export const CHARGE_PERMISSION_KEYS = [
  "chargePermissionId", "chargePermissionReferenceId", "platformId", "buyer", "shippingAddress", "billingAddress",
  "paymentPreferences", "statusDetails", "creationTimestamp", "expirationTimestamp", "merchantMetadata", "releaseEnvironment",
  "limits", "chargePermissionType", "recurringMetadata", "presentmentCurrency",
]

export const CHARGE_KEYS = [
  "chargeId", "chargeAmount", "chargePermissionId", "captureAmount", "refundedAmount", "softDescriptor", "providerMetadata",
  "convertedAmount", "conversionRate", "channel", "chargeInitiator", "statusDetails", "creationTimestamp",
  "expirationTimestamp", "releaseEnvironment", "merchantMetadata", "platformId", "webCheckoutDetails",
]

export const REFUND_KEYS = ["refundId", "chargeId", "creationTimestamp", "refundAmount", "statusDetails", "softDescriptor", "releaseEnvironment"]

export const DISPUTE_KEYS = [
  "disputeId", "chargeId", "disputeType", "disputeAmount", "filingReason", "resolutionAuthority", "statusDetails",
  "merchantResponseDeadline", "releaseEnvironment",
]

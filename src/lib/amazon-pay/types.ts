/**
 * Amazon Pay Checkout v2 API types.
 *
 * Field names are Amazon's own (see "API reference" at developer.amazon.com/docs/amazon-pay-api-v2).
 * Reason codes and states are kept as open strings on purpose: Amazon adds new codes without notice
 * (the .NET SDK broke on `TransactionAmountExceeded`), so a closed union would turn a new code into a
 * crash. The known values are listed as constants for autocompletion and for the status table.
 *
 * This module is shared by the client and the sandbox and must not import Medusa.
 */

/** ISO 4217 currency code, e.g. `"USD"`. */
export type CurrencyCode = string

/** Amazon's price: `amount` is a decimal string in major units (`"14.00"`; JPY has no decimals). */
export interface Price {
  amount: string
  currencyCode: CurrencyCode
}

/** An open string that still autocompletes the known values. */
export type Open<T extends string> = T | (string & {})

export const CHECKOUT_SESSION_STATES = ["Open", "Completed", "Canceled"] as const
export type CheckoutSessionState = Open<(typeof CHECKOUT_SESSION_STATES)[number]>

export const CHARGE_PERMISSION_STATES = ["Chargeable", "NonChargeable", "Closed"] as const
export type ChargePermissionState = Open<(typeof CHARGE_PERMISSION_STATES)[number]>

export const CHARGE_STATES = [
  "AuthorizationInitiated",
  "Authorized",
  "CaptureInitiated",
  "Captured",
  "Canceled",
  "Declined",
] as const
export type ChargeState = Open<(typeof CHARGE_STATES)[number]>

export const REFUND_STATES = ["RefundInitiated", "Refunded", "Declined"] as const
export type RefundState = Open<(typeof REFUND_STATES)[number]>

/** `statusDetails` on Checkout Session, Charge and Refund. */
export interface StatusDetails<S extends string = string> {
  state: S
  reasonCode: string | null
  reasonDescription: string | null
  lastUpdatedTimestamp: string
}

/** `statusDetails` on Charge Permission: several reasons may apply at once. */
export interface ChargePermissionStatusDetails {
  state: ChargePermissionState
  reasons: Array<{ reasonCode: string; reasonDescription: string | null }> | null
  lastUpdatedTimestamp: string
}

export type PaymentIntent = Open<"Confirm" | "Authorize" | "AuthorizeWithCapture">
export type ChargePermissionType = Open<"OneTime" | "Recurring">
export type ProductType = Open<"PayAndShip" | "PayOnly" | "SignIn">

export interface Address {
  name?: string | null
  addressLine1?: string | null
  addressLine2?: string | null
  addressLine3?: string | null
  city?: string | null
  county?: string | null
  district?: string | null
  stateOrRegion?: string | null
  postalCode?: string | null
  countryCode?: string | null
  phoneNumber?: string | null
}

/**
 * `addressDetails` as SENT in Create Checkout Session and the button payload (Amazon Pay API v2
 * "Checkout Session" > addressDetails, used with `checkoutMode: ProcessOrder`). Requests spell the
 * district or county `districtOrCounty`; addresses in responses (`Address`) have `county` and
 * `district` instead, so the two types are kept apart.
 */
export interface AddressDetails {
  name: string
  addressLine1: string
  addressLine2?: string
  addressLine3?: string
  city?: string
  districtOrCounty?: string
  stateOrRegion?: string
  postalCode?: string
  countryCode: string
  phoneNumber: string
}

export interface Buyer {
  buyerId: string
  name: string | null
  email: string | null
  phoneNumber?: string | null
  primeMembershipTypes?: string[] | null
}

export interface WebCheckoutDetails {
  checkoutReviewReturnUrl?: string | null
  checkoutResultReturnUrl?: string | null
  checkoutCancelUrl?: string | null
  amazonPayRedirectUrl?: string | null
  checkoutMode?: Open<"ProcessOrder"> | null
}

export interface PaymentDetails {
  paymentIntent?: PaymentIntent | null
  canHandlePendingAuthorization?: boolean | null
  chargeAmount?: Price | null
  totalOrderAmount?: Price | null
  presentmentCurrency?: CurrencyCode | null
  softDescriptor?: string | null
  allowOvercharge?: boolean | null
  extendExpiration?: boolean | null
}

export interface MerchantMetadata {
  merchantReferenceId?: string | null
  merchantStoreName?: string | null
  noteToBuyer?: string | null
  customInformation?: string | null
}

export interface CheckoutSession {
  checkoutSessionId: string
  webCheckoutDetails: WebCheckoutDetails | null
  productType: ProductType | null
  paymentDetails: PaymentDetails | null
  merchantMetadata: MerchantMetadata | null
  buyer: Buyer | null
  billingAddress: Address | null
  shippingAddress: Address | null
  paymentPreferences: Array<{ paymentDescriptor: string | null }> | null
  statusDetails: StatusDetails<CheckoutSessionState>
  chargePermissionType: ChargePermissionType | null
  chargePermissionId: string | null
  chargeId: string | null
  storeId: string | null
  scopes?: string[] | null
  addressDetails?: Address | null
  creationTimestamp: string
  expirationTimestamp: string | null
  releaseEnvironment: Open<"Sandbox" | "Live"> | null
  [extra: string]: unknown
}

export interface ChargePermission {
  chargePermissionId: string
  chargePermissionReferenceId: string | null
  chargePermissionType: ChargePermissionType
  buyer: Buyer | null
  shippingAddress: Address | null
  billingAddress: Address | null
  merchantMetadata: MerchantMetadata | null
  platformId: string | null
  limits: { amountLimit: Price; amountBalance: Price } | null
  presentmentCurrency: CurrencyCode | null
  statusDetails: ChargePermissionStatusDetails
  creationTimestamp: string
  expirationTimestamp: string | null
  releaseEnvironment: Open<"Sandbox" | "Live"> | null
  [extra: string]: unknown
}

export interface Charge {
  chargeId: string
  chargePermissionId: string
  chargeAmount: Price
  captureAmount: Price | null
  refundedAmount: Price | null
  convertedAmount: string | null
  conversionRate: string | null
  softDescriptor: string | null
  merchantMetadata: MerchantMetadata | null
  providerMetadata: { providerReferenceId: string | null } | null
  statusDetails: StatusDetails<ChargeState>
  creationTimestamp: string
  expirationTimestamp: string | null
  releaseEnvironment: Open<"Sandbox" | "Live"> | null
  [extra: string]: unknown
}

export interface Refund {
  refundId: string
  chargeId: string
  refundAmount: Price
  softDescriptor: string | null
  statusDetails: StatusDetails<RefundState>
  creationTimestamp: string
  releaseEnvironment: Open<"Sandbox" | "Live"> | null
  [extra: string]: unknown
}

/** Amazon's error body. */
export interface AmazonPayErrorBody {
  reasonCode: string
  message: string
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

export interface CreateCheckoutSessionRequest {
  webCheckoutDetails: WebCheckoutDetails
  storeId: string
  scopes?: string[]
  chargePermissionType?: ChargePermissionType
  paymentDetails?: PaymentDetails
  merchantMetadata?: MerchantMetadata
  addressDetails?: AddressDetails
  platformId?: string
  providerMetadata?: { providerReferenceId?: string }
  deliverySpecifications?: DeliverySpecifications
}

/**
 * Amazon Pay "Checkout Session" > deliverySpecifications (and "Shipping address restriction
 * samples"): which addresses of the buyer's Amazon address book may be chosen. Only meaningful with
 * productType PayAndShip.
 */
export interface DeliverySpecifications {
  /** `RestrictPOBoxes`, `RestrictPackstations`. */
  specialRestrictions?: Array<"RestrictPOBoxes" | "RestrictPackstations">
  addressRestrictions?: {
    /** `Allowed`: only the listed places; `NotAllowed`: everything but them. */
    type: "Allowed" | "NotAllowed"
    /** ISO 3166 alpha-2 country code -> the country's states/regions and ZIP codes (none: the whole country). */
    restrictions: Record<string, { statesOrRegions?: string[]; zipCodes?: string[] }>
  }
}

export interface UpdateCheckoutSessionRequest {
  webCheckoutDetails?: WebCheckoutDetails
  paymentDetails?: PaymentDetails
  merchantMetadata?: MerchantMetadata
  platformId?: string
  providerMetadata?: { providerReferenceId?: string }
}

export interface CompleteCheckoutSessionRequest {
  chargeAmount: Price
  totalOrderAmount?: Price
}

export interface FinalizeCheckoutSessionRequest {
  chargeAmount: Price
  totalOrderAmount?: Price
  shippingAddress?: Address
  billingAddress?: Address
  paymentIntent: PaymentIntent
  canHandlePendingAuthorization?: boolean
}

export interface UpdateChargePermissionRequest {
  merchantMetadata: MerchantMetadata
}

export interface CloseChargePermissionRequest {
  closureReason?: string
  cancelPendingCharges?: boolean
}

export interface CreateChargeRequest {
  chargePermissionId: string
  chargeAmount: Price
  captureNow?: boolean
  softDescriptor?: string
  canHandlePendingAuthorization?: boolean
  merchantMetadata?: MerchantMetadata
  providerMetadata?: { providerReferenceId?: string }
}

export interface CaptureChargeRequest {
  captureAmount: Price
  softDescriptor?: string
}

export interface CancelChargeRequest {
  cancellationReason?: string
}

export interface CreateRefundRequest {
  chargeId: string
  refundAmount: Price
  softDescriptor?: string
}

export interface DeliveryTrackerRequest {
  amazonOrderReferenceId?: string
  chargePermissionId?: string
  deliveryDetails: Array<{ trackingNumber: string; carrierCode: string }>
}

export interface DeliveryTrackerResponse {
  amazonOrderReferenceId?: string | null
  chargePermissionId?: string | null
  deliveryDetails: Array<{ trackingNumber: string; carrierCode: string }>
}

// ---------------------------------------------------------------------------------------------
// Instant Payment Notifications
// ---------------------------------------------------------------------------------------------

/**
 * A buyer's chargeback as Amazon reports it (API v2 "Dispute"; the CHARGEBACK IPN's ObjectId is the
 * dispute id). The disputed amount is taken from the merchant's account unless the dispute is
 * resolved in the merchant's favour; the Charge itself does not change.
 */
export interface Dispute {
  disputeId: string
  chargeId: string
  disputeType: Open<"Chargeback" | "A-Z Claim">
  disputeAmount: Price
  filingReason: string | null
  resolutionAuthority: string | null
  statusDetails: {
    state: Open<"ActionRequired" | "UnderReview" | "Resolved" | "Closed">
    reasonCode: string | null
    reasonDescription: string | null
    resolution?: Open<"BuyerWon" | "MerchantWon"> | null
    lastUpdatedTimestamp: string
  }
  merchantResponseDeadline: string | null
  creationTimestamp: string
  releaseEnvironment: Open<"Sandbox" | "Live"> | null
  [extra: string]: unknown
}

export type IpnObjectType = Open<"CHARGE" | "REFUND" | "CHARGE_PERMISSION" | "CHARGEBACK">

/** The JSON inside an SNS envelope's `Message`. It carries no state: GET the object to learn it. */
export interface IpnMessage {
  MerchantID: string
  ObjectType: IpnObjectType
  ObjectId: string
  ChargePermissionId: string
  NotificationType: Open<"STATE_CHANGE" | "ATTRIBUTE_CHANGE">
  NotificationId: string
  NotificationVersion: Open<"V2">
}

/** Amazon SNS HTTP(S) delivery envelope. */
export interface SnsEnvelope {
  Type: Open<"Notification" | "SubscriptionConfirmation" | "UnsubscribeConfirmation">
  MessageId: string
  TopicArn: string
  Subject?: string
  Message: string
  Timestamp: string
  SignatureVersion: Open<"1" | "2">
  Signature: string
  SigningCertURL: string
  UnsubscribeURL?: string
  SubscribeURL?: string
  Token?: string
}

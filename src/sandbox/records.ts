/**
 * The sandbox's internal state, one record per Amazon object. Amounts are BigInt minor units;
 * `views.ts` turns records into Amazon's JSON.
 */
import type {
  Address,
  Buyer,
  DeliverySpecifications,
  MerchantMetadata,
  PaymentDetails,
  WebCheckoutDetails,
} from "../lib/amazon-pay/types"

/** What the (simulated) buyer chose on Amazon's page; it takes effect on Complete. */
export const BUYER_OUTCOMES = [
  "success",
  "buyerCanceled",
  "declined",
  "pendingThenAuthorized",
  "pendingThenDeclined",
] as const
export type BuyerOutcome = (typeof BUYER_OUTCOMES)[number]

export interface Status {
  state: string
  reasonCode: string | null
  reasonDescription: string | null
  updatedAt: number
}

/** Every object belongs to the merchant account whose key created it (other merchants get 404). */
interface Owned {
  merchantId: string
}

export interface CheckoutSessionRecord extends Owned {
  id: string
  createdAt: number
  status: Status
  webCheckoutDetails: WebCheckoutDetails
  paymentDetails: PaymentDetails | null
  merchantMetadata: MerchantMetadata | null
  storeId: string
  scopes: string[] | null
  chargePermissionType: string
  addressDetails: Address | null
  platformId: string | null
  providerMetadata: { providerReferenceId?: string } | null
  deliverySpecifications: DeliverySpecifications | null
  buyer: Buyer | null
  shippingAddress: Address | null
  billingAddress: Address | null
  paymentDescriptor: string | null
  recurringMetadata: Record<string, unknown> | null
  /** The buyer was sent to amazonPayRedirectUrl (result leg): the details can no longer change. */
  redirected: boolean
  /** Set once the buyer finished the last leg on Amazon's page. */
  outcome: BuyerOutcome | null
  chargePermissionId: string | null
  chargeId: string | null
  releaseEnvironment: "Sandbox" | "Live"
}

export interface ChargePermissionRecord extends Owned {
  id: string
  createdAt: number
  type: string
  currencyCode: string
  /** Order total the permission may capture (one-time); `null` for recurring. */
  limit: bigint | null
  status: { state: string; reasons: Array<{ reasonCode: string; reasonDescription: string | null }>; updatedAt: number }
  buyer: Buyer | null
  shippingAddress: Address | null
  billingAddress: Address | null
  merchantMetadata: MerchantMetadata | null
  platformId: string | null
  paymentDescriptor: string | null
  recurringMetadata: Record<string, unknown> | null
  chargeIds: string[]
  /** Create Charge calls declined with an HTTP error: no Charge object exists for them. */
  declinedAttempts: DeclinedAttempt[]
  releaseEnvironment: "Sandbox" | "Live"
}

/** What a declined Create Charge leaves behind (ledger only; Amazon gives the merchant no id for it). */
export interface DeclinedAttempt {
  at: number
  amount: bigint
  reasonCode: string
}

/** What a pending (…Initiated) charge becomes when it settles. */
export interface PendingChargeOutcome {
  dueAt: number
  state: "Authorized" | "Captured" | "Declined"
  reasonCode: string | null
}

export interface ChargeRecord extends Owned {
  id: string
  chargePermissionId: string
  createdAt: number
  currencyCode: string
  chargeAmount: bigint
  captureAmount: bigint | null
  /** Sum of Refunded refunds. */
  refundedAmount: bigint
  softDescriptor: string | null
  merchantMetadata: MerchantMetadata | null
  providerMetadata: { providerReferenceId?: string } | null
  platformId: string | null
  status: Status
  /** When the authorization succeeded (for the 30-day ExpiredUnused and 7-day pending capture rules). */
  authorizedAt: number | null
  pending: PendingChargeOutcome | null
  releaseEnvironment: "Sandbox" | "Live"
}

/** Money moving back to the buyer on one charge: a refund or a chargeback. */
interface ChargeReversal extends Owned {
  id: string
  chargeId: string
  chargePermissionId: string
  createdAt: number
  currencyCode: string
  amount: bigint
  releaseEnvironment: "Sandbox" | "Live"
}

export interface RefundRecord extends ChargeReversal {
  softDescriptor: string | null
  status: Status
}

/** A chargeback the buyer filed with their bank (Amazon Pay "Dispute" object). */
export interface DisputeRecord extends ChargeReversal {
  filingReason: string
  status: Status & { resolution: string | null }
  merchantResponseDeadline: number
}

/** A shipment reported with Create Delivery Tracker. */
export interface DeliveryTrackerRecord extends Owned {
  chargePermissionId: string | null
  amazonOrderReferenceId: string | null
  trackingNumber: string
  carrierCode: string
  createdAt: number
}

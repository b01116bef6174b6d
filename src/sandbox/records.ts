/**
 * The sandbox's internal state, one record per Amazon object. Amounts are BigInt minor units;
 * `views.ts` turns records into Amazon's JSON.
 */
import type {
  Address,
  Buyer,
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

export interface CheckoutSessionRecord {
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
  deliverySpecifications: Record<string, unknown> | null
  buyer: Buyer | null
  shippingAddress: Address | null
  billingAddress: Address | null
  paymentDescriptor: string | null
  /** Set once the buyer finished the last leg on Amazon's page. */
  outcome: BuyerOutcome | null
  chargePermissionId: string | null
  chargeId: string | null
  releaseEnvironment: "Sandbox" | "Live"
}

export interface ChargePermissionRecord {
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
  chargeIds: string[]
  releaseEnvironment: "Sandbox" | "Live"
}

/** What a pending (…Initiated) charge becomes when it settles. */
export interface PendingChargeOutcome {
  dueAt: number
  state: "Authorized" | "Captured" | "Declined"
  reasonCode: string | null
}

export interface ChargeRecord {
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
  status: Status
  /** When the authorization succeeded (for the 30-day ExpiredUnused and 7-day pending capture rules). */
  authorizedAt: number | null
  pending: PendingChargeOutcome | null
  releaseEnvironment: "Sandbox" | "Live"
}

export interface RefundRecord {
  id: string
  chargeId: string
  chargePermissionId: string
  createdAt: number
  currencyCode: string
  amount: bigint
  softDescriptor: string | null
  status: Status
  releaseEnvironment: "Sandbox" | "Live"
}

/**
 * Charge Permission JSON in the key order of the official Node SDK's integration test
 * (amzn/amazon-pay-api-sdk-nodejs tst/webStoreClientTest.js, "Charge Permission APIs"). Buyer
 * details, addresses and the payment descriptor read as null after 30 days ("API introduction").
 */
import type { ChargePermission } from "../../lib/amazon-pay/types"
import { BUYER_DETAILS_READABLE_MS, CHARGE_PERMISSION_VALID_MS } from "../lifetimes"
import { price } from "../money"
import type { ChargePermissionRecord } from "../records"
import { committedAmount } from "../resources/balance"
import type { SandboxStore } from "../store"

export function chargePermissionView(store: SandboxStore, p: ChargePermissionRecord): ChargePermission {
  const buyerReadable = store.now() - p.createdAt <= BUYER_DETAILS_READABLE_MS
  const balance = p.limit === null ? null : p.limit - committedAmount(store, p)
  return {
    chargePermissionId: p.id,
    chargePermissionReferenceId: null,
    platformId: p.platformId,
    buyer: buyerReadable ? p.buyer : null,
    shippingAddress: buyerReadable ? p.shippingAddress : null,
    billingAddress: buyerReadable ? p.billingAddress : null,
    paymentPreferences: buyerReadable && p.paymentDescriptor ? [{ paymentDescriptor: p.paymentDescriptor }] : null,
    statusDetails: {
      state: p.status.state,
      reasons: p.status.reasons.length > 0 ? p.status.reasons : null,
      lastUpdatedTimestamp: store.clock.timestamp(p.status.updatedAt),
    },
    creationTimestamp: store.clock.timestamp(p.createdAt),
    expirationTimestamp: p.limit === null ? null : store.clock.timestamp(p.createdAt + CHARGE_PERMISSION_VALID_MS),
    merchantMetadata: p.merchantMetadata,
    releaseEnvironment: p.releaseEnvironment,
    limits:
      p.limit === null || balance === null
        ? null
        : { amountLimit: price(p.limit, p.currencyCode), amountBalance: price(balance < 0n ? 0n : balance, p.currencyCode) },
    chargePermissionType: p.type,
    recurringMetadata: p.recurringMetadata,
    presentmentCurrency: p.currencyCode,
  }
}

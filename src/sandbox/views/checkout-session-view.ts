/**
 * Checkout Session JSON with the keys, in the order, that Amazon's sandbox answers: the official Node
 * SDK's integration tests assert `Object.keys` of Create/Get/Update Checkout Session equal exactly
 * this list (amzn/amazon-pay-api-sdk-nodejs tst/webStoreClientTest.js). Keys Amazon fills but the
 * sandbox does not model are `null` (orderType, paymentMethodOnFileMetadata, merchantDetails,
 * checkoutButtonText, tokens, supplementaryData). `scopes` and `addressDetails` are appended only
 * when the request set them (the SDK's list has neither).
 *
 * A Completed session carries only its ids, state and creation time: "null in Completed state, Get
 * Charge Permission to retrieve transaction details" (Amazon Pay "Verify & complete checkout", whose
 * example shows webCheckoutDetails, productType, paymentDetails, merchantMetadata, buyer,
 * paymentPreferences, shippingAddress, platformId, constraints, expirationTimestamp, storeId,
 * deliverySpecifications, providerMetadata and releaseEnvironment as null); the keys that page
 * predates are null too (the stricter reading). Finalize Checkout Session's answer also has
 * `cartDetails` after paymentDetails (the SDK's "Finalize Checkout Session APIs" key list).
 */
import type { CheckoutSession } from "../../lib/amazon-pay/types"
import { buyerPageUrl, isReadyToProcess, sessionConstraints } from "../checkout-state"
import { CHECKOUT_SESSION_OPEN_MS } from "../lifetimes"
import type { CheckoutSessionRecord } from "../records"
import type { SandboxStore } from "../store"
import { statusDetails } from "./status-view"

export function checkoutSessionView(store: SandboxStore, s: CheckoutSessionRecord, finalize = false): CheckoutSession {
  if (s.status.state === "Completed") {
    const view = completedView(store, s)
    return finalize ? withCartDetails(view) : view
  }
  const open = s.status.state === "Open"
  const redirectUrl = open && isReadyToProcess(s) ? buyerPageUrl(store, s.id) : null
  const view: CheckoutSession = {
    checkoutSessionId: s.id,
    webCheckoutDetails: { ...s.webCheckoutDetails, amazonPayRedirectUrl: redirectUrl },
    productType: "PayAndShip",
    paymentDetails: s.paymentDetails,
    chargePermissionType: s.chargePermissionType,
    orderType: null,
    recurringMetadata: s.recurringMetadata,
    paymentMethodOnFileMetadata: null,
    merchantDetails: null,
    merchantMetadata: s.merchantMetadata,
    supplementaryData: null,
    buyer: s.buyer,
    billingAddress: s.billingAddress,
    paymentPreferences: s.paymentDescriptor ? [{ paymentDescriptor: s.paymentDescriptor }] : null,
    statusDetails: statusDetails(store, s.status),
    shippingAddress: s.shippingAddress,
    platformId: s.platformId,
    chargePermissionId: s.chargePermissionId,
    chargeId: s.chargeId,
    constraints: open ? sessionConstraints(s) : [],
    creationTimestamp: store.clock.timestamp(s.createdAt),
    expirationTimestamp: store.clock.timestamp(s.createdAt + CHECKOUT_SESSION_OPEN_MS),
    storeId: s.storeId,
    providerMetadata: s.providerMetadata ?? { providerReferenceId: null },
    releaseEnvironment: s.releaseEnvironment,
    checkoutButtonText: null,
    deliverySpecifications: s.deliverySpecifications,
    tokens: null,
  }
  if (s.scopes) {
    view.scopes = s.scopes
  }
  if (s.addressDetails) {
    view.addressDetails = s.addressDetails
  }
  return view
}

function completedView(store: SandboxStore, s: CheckoutSessionRecord): CheckoutSession {
  return {
    checkoutSessionId: s.id,
    webCheckoutDetails: null,
    productType: null,
    paymentDetails: null,
    chargePermissionType: null,
    orderType: null,
    recurringMetadata: null,
    paymentMethodOnFileMetadata: null,
    merchantDetails: null,
    merchantMetadata: null,
    supplementaryData: null,
    buyer: null,
    billingAddress: null,
    paymentPreferences: null,
    statusDetails: statusDetails(store, s.status),
    shippingAddress: null,
    platformId: null,
    chargePermissionId: s.chargePermissionId,
    chargeId: s.chargeId,
    constraints: null,
    creationTimestamp: store.clock.timestamp(s.createdAt),
    expirationTimestamp: null,
    storeId: null,
    providerMetadata: null,
    releaseEnvironment: null,
    checkoutButtonText: null,
    deliverySpecifications: null,
    tokens: null,
  }
}

/** `cartDetails` (null: the sandbox has no carts) right after paymentDetails, keeping the key order. */
function withCartDetails(view: CheckoutSession): CheckoutSession {
  const entries = Object.entries(view)
  const at = entries.findIndex(([key]) => key === "paymentDetails") + 1
  return Object.fromEntries([...entries.slice(0, at), ["cartDetails", null], ...entries.slice(at)]) as CheckoutSession
}

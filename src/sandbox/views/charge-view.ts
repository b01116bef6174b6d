/**
 * Charge JSON in the key order of the official Node SDK's integration test (amzn/amazon-pay-api-sdk-nodejs
 * tst/webStoreClientTest.js, "Charge APIs"). `channel`, `chargeInitiator` and `webCheckoutDetails`
 * are not modelled and read null (Amazon fills them for channels and buyer-present flows the sandbox
 * does not have).
 */
import type { Charge } from "../../lib/amazon-pay/types"
import { CHARGE_AUTHORIZATION_VALID_MS } from "../lifetimes"
import { price } from "../money"
import type { ChargeRecord } from "../records"
import type { SandboxStore } from "../store"
import { statusDetails } from "./status-view"

export function chargeView(store: SandboxStore, c: ChargeRecord): Charge {
  return {
    chargeId: c.id,
    chargeAmount: price(c.chargeAmount, c.currencyCode),
    chargePermissionId: c.chargePermissionId,
    captureAmount: c.captureAmount === null ? null : price(c.captureAmount, c.currencyCode),
    refundedAmount: price(c.refundedAmount, c.currencyCode),
    softDescriptor: c.softDescriptor,
    providerMetadata: { providerReferenceId: c.providerMetadata?.providerReferenceId ?? null },
    convertedAmount: null,
    conversionRate: null,
    channel: null,
    chargeInitiator: null,
    statusDetails: statusDetails(store, c.status),
    creationTimestamp: store.clock.timestamp(c.createdAt),
    expirationTimestamp: store.clock.timestamp(c.createdAt + CHARGE_AUTHORIZATION_VALID_MS),
    releaseEnvironment: c.releaseEnvironment,
    merchantMetadata: c.merchantMetadata,
    platformId: c.platformId,
    webCheckoutDetails: null,
  }
}

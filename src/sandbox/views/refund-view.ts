/** Refund JSON in the key order of the official Node SDK's integration test ("Refund APIs"). */
import type { Refund } from "../../lib/amazon-pay/types"
import { price } from "../money"
import type { RefundRecord } from "../records"
import type { SandboxStore } from "../store"
import { statusDetails } from "./status-view"

export function refundView(store: SandboxStore, r: RefundRecord): Refund {
  return {
    refundId: r.id,
    chargeId: r.chargeId,
    creationTimestamp: store.clock.timestamp(r.createdAt),
    refundAmount: price(r.amount, r.currencyCode),
    statusDetails: statusDetails(store, r.status),
    softDescriptor: r.softDescriptor,
    releaseEnvironment: r.releaseEnvironment,
  }
}

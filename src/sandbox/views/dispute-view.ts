/**
 * Dispute JSON (Amazon Pay API v2 "Dispute" object: disputeId, releaseEnvironment, chargeId,
 * disputeType, disputeAmount, filingReason, statusDetails, merchantEvidences,
 * merchantResponseDeadline, resolutionAuthority, creationTimestamp; the official Node SDK's
 * "Disputes APIs" test checks the same keys).
 */
import { price } from "../money"
import type { DisputeRecord } from "../records"
import type { SandboxStore } from "../store"

export interface DisputeView {
  disputeId: string
  chargeId: string
  disputeType: "Chargeback"
  disputeAmount: { amount: string; currencyCode: string }
  filingReason: string
  resolutionAuthority: string
  statusDetails: {
    state: string
    reasonCode: string | null
    reasonDescription: string | null
    resolution: string | null
    lastUpdatedTimestamp: string
  }
  merchantEvidences: unknown[]
  merchantResponseDeadline: string
  creationTimestamp: string
  releaseEnvironment: "Sandbox" | "Live"
}

export function disputeView(store: SandboxStore, d: DisputeRecord): DisputeView {
  return {
    disputeId: d.id,
    chargeId: d.chargeId,
    disputeType: "Chargeback",
    disputeAmount: price(d.amount, d.currencyCode),
    filingReason: d.filingReason,
    resolutionAuthority: "AmazonPay",
    statusDetails: {
      state: d.status.state,
      reasonCode: d.status.reasonCode,
      reasonDescription: d.status.reasonDescription,
      resolution: d.status.resolution,
      lastUpdatedTimestamp: store.clock.timestamp(d.status.updatedAt),
    },
    merchantEvidences: [],
    merchantResponseDeadline: store.clock.timestamp(d.merchantResponseDeadline),
    creationTimestamp: store.clock.timestamp(d.createdAt),
    releaseEnvironment: d.releaseEnvironment,
  }
}

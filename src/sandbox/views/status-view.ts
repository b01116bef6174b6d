/** `statusDetails` of Checkout Session, Charge, Refund and Dispute in Amazon's shape. */
import type { StatusDetails } from "../../lib/amazon-pay/types"
import type { Status } from "../records"
import type { SandboxStore } from "../store"

export const statusDetails = (store: SandboxStore, status: Status): StatusDetails => ({
  state: status.state,
  reasonCode: status.reasonCode,
  reasonDescription: status.reasonDescription,
  lastUpdatedTimestamp: store.clock.timestamp(status.updatedAt),
})

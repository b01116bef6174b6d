/** Records -> Amazon's JSON, one file per object; timestamps in Amazon's `20191015T204313Z` format. */
export { checkoutSessionView } from "./checkout-session-view"
export { chargePermissionView } from "./charge-permission-view"
export { chargeView } from "./charge-view"
export { refundView } from "./refund-view"
export { disputeView, type DisputeView } from "./dispute-view"

/** Records -> Amazon's JSON, one file per object; timestamps in Amazon's `20191015T204313Z` format. */
export { checkoutSessionView } from "./checkout-session"
export { chargePermissionView } from "./charge-permission"
export { chargeView } from "./charge"
export { refundView } from "./refund"
export { disputeView, type DisputeView } from "./dispute"

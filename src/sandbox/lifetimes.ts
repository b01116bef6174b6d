/**
 * How long Amazon's objects live (Amazon Pay "API introduction", "Checkout Session", "Charge",
 * "Charge Permission" references), on the sandbox clock.
 */
import { DAY_MS, HOUR_MS } from "./clock"

/** An Open Checkout Session is Canceled (Expired) after 24 hours. */
export const CHECKOUT_SESSION_OPEN_MS = 24 * HOUR_MS
/** "Amazon Pay permanently deletes Checkout Session objects and any associated info after 30 days." */
export const CHECKOUT_SESSION_RETAINED_MS = 30 * DAY_MS
/** An Authorized charge is Canceled (ExpiredUnused) after 30 days. */
export const CHARGE_AUTHORIZATION_VALID_MS = 30 * DAY_MS
/** A one-time Charge Permission is Closed (Expired) after 180 days. */
export const CHARGE_PERMISSION_VALID_MS = 180 * DAY_MS
/** Buyer details on a Charge Permission are readable for 30 days. */
export const BUYER_DETAILS_READABLE_MS = 30 * DAY_MS

/**
 * What must hold once everything settled, order by order, against the sandbox ledger (the money
 * Amazon really moved), plus the store-wide checks no single order shows.
 *
 * An order's own Amazon objects are found from what its buyer really did, never from Medusa's
 * payment data (issue 10: a storefront could write Amazon ids there): the checkout session the
 * buyer paid with -> that session at Amazon (read with the store's key) -> its charge permission
 * and first charge -> the ledger's entry.
 */
import { sumMinor, toMinor } from "../test-kit/admin-orders"
import { formatMinorUnits } from "../../src/providers/amazon-pay/amounts"
import type { HttpClient } from "../test-kit/http"
import type { Ledger, LedgerChargePermission } from "../../src/sandbox"
import { ATTACKER_RESULT_URL, injectionLeftovers } from "./hostile"
import type { IpnDelivery } from "../../src/sandbox/ipn/delivery-log"
import type { OrderRecord } from "./run-order"

const DECIMALS = 2
const CURRENCY = "USD"

export const INVARIANTS = [
  "authorized amount equals Amazon's charge",
  "captured total equals Amazon's",
  "refunded total equals Amazon's",
  "no charge captured twice",
  "no refund issued twice",
  "no charge permission backs two orders",
  "hostile storefront refused, buyer unharmed",
  "storefront data never stored as state",
  "soft-declined captures succeed when retried",
  "nothing left pending",
  "no forged IPN had an effect",
] as const
export type Invariant = (typeof INVARIANTS)[number]

export interface Breach {
  orderId: string
  invariant: Invariant | "store-wide"
  detail: string
}

const ORDER_FIELDS = [
  "id",
  "status",
  "total",
  "*payment_collections",
  "*payment_collections.payment_sessions",
  "*payment_collections.payments",
  "*payment_collections.payments.captures",
  "*payment_collections.payments.refunds",
].join(",")

const PENDING = /Initiated$/

/** The buyer's own Amazon objects, from Amazon (Get Checkout Session with the store's key). */
export interface OwnObjects {
  chargePermissionId: string | null
  chargeId: string | null
}

export type ReadOwnObjects = (checkoutSessionId: string) => Promise<OwnObjects>

/** One order to check: a buyer's, or one a hostile cart placed on a buyer's checkout. */
interface CheckedOrder {
  orderId: string
  checkoutSessionId?: string
  record: OrderRecord
  hostile: boolean
}

function ordersToCheck(records: OrderRecord[]): CheckedOrder[] {
  const orders: CheckedOrder[] = []
  for (const record of records) {
    if (record.orderId) orders.push({ orderId: record.orderId, checkoutSessionId: record.checkoutSessionId, record, hostile: false })
    if (record.hostile?.orderId) orders.push({ orderId: record.hostile.orderId, checkoutSessionId: record.checkoutSessionId, record, hostile: true })
  }
  return orders
}

/** A charge's amount counts as authorized unless Amazon never authorized it. */
const NOT_AUTHORIZED = new Set(["Declined", "AuthorizationInitiated"])

/**
 * Checks of a life that need no Medusa order: the hostile cart was refused or harmless, and the
 * buyer it targeted was sent back to the buyer's own page and still completed; every soft-declined
 * capture was captured on a later try.
 */
export function checkLife(record: OrderRecord): Array<{ invariant: Invariant; detail: string }> {
  const found: Array<{ invariant: Invariant; detail: string }> = []
  const { life, hostile } = record
  if (hostile) {
    if (hostile.orderId) found.push({ invariant: "hostile storefront refused, buyer unharmed", detail: `hostile cart ${hostile.cartId} placed order ${hostile.orderId} on the buyer's checkout` })
    if (!record.orderId) found.push({ invariant: "hostile storefront refused, buyer unharmed", detail: `the buyer could not complete after the hostile cart (${life.reuse?.stage}): ${record.steps.at(-1) ?? ""}` })
  }
  if (record.buyerRedirectedTo?.startsWith(ATTACKER_RESULT_URL)) {
    found.push({ invariant: "hostile storefront refused, buyer unharmed", detail: `Amazon sent the buyer to the hostile storefront: ${record.buyerRedirectedTo}` })
  }
  const stuck = record.softDeclines.filter((d) => d === "still soft-declined")
  if (stuck.length) found.push({ invariant: "soft-declined captures succeed when retried", detail: `${stuck.length} soft-declined capture(s) never captured: ${record.visibleErrors.filter((e) => /SoftDeclined/.test(e)).slice(-1)[0] ?? ""}` })
  return found
}

export async function checkOrders(
  records: OrderRecord[],
  http: HttpClient,
  adminHeaders: Record<string, string>,
  ledger: Ledger,
  deliveries: IpnDelivery[],
  readOwn: ReadOwnObjects
): Promise<{ breaches: Breach[]; checkedOrders: number; medusaCapturedMinor: bigint; medusaRefundedMinor: bigint }> {
  const breaches: Breach[] = []
  const forgedNotificationIds = new Set(deliveries.filter((d) => d.forged).map((d) => d.notificationId))
  /** Charge permission id -> the orders it backs (their own, or named in their payment data). */
  const backing = new Map<string, Set<string>>()
  const back = (permissionId: string | null | undefined, orderId: string) => {
    if (permissionId) backing.set(permissionId, (backing.get(permissionId) ?? new Set()).add(orderId))
  }
  let medusaCapturedMinor = 0n
  let medusaRefundedMinor = 0n
  let checkedOrders = 0
  for (const record of records) {
    for (const { invariant, detail } of checkLife(record)) breaches.push({ orderId: record.orderId ?? record.cartId ?? `life ${record.life.index}`, invariant, detail })
  }
  for (const { orderId, checkoutSessionId, record, hostile } of ordersToCheck(records)) {
    checkedOrders++
    const order = (await http.get(`/admin/orders/${orderId}?fields=${encodeURIComponent(ORDER_FIELDS)}`, { headers: adminHeaders })).data.order
    const breach = (invariant: Invariant, detail: string) => breaches.push({ orderId: order.id, invariant, detail })
    const payments: any[] = order.payment_collections.flatMap((c: any) => c.payments ?? [])
    const sessions: any[] = order.payment_collections.flatMap((c: any) => c.payment_sessions ?? [])
    const authorized = payments.reduce((sum, p) => sum + toMinor(p.amount, DECIMALS), 0n)
    const captured = payments.reduce((sum, p) => sum + sumMinor(p.captures ?? [], DECIMALS), 0n)
    const refunded = payments.reduce((sum, p) => sum + sumMinor(p.refunds ?? [], DECIMALS), 0n)
    medusaCapturedMinor += captured
    medusaRefundedMinor += refunded
    const own: OwnObjects = checkoutSessionId ? await readOwn(checkoutSessionId) : { chargePermissionId: null, chargeId: null }
    back(own.chargePermissionId, order.id)
    for (const payment of payments) back(payment.data?.chargePermissionId, order.id)
    const permission = own.chargePermissionId ? ledger.chargePermissions[own.chargePermissionId] : undefined
    const permissions = permission ? [permission] : ([] as LedgerChargePermission[])
    const ownCharge = permission?.charges.find((c) => c.chargeId === own.chargeId)
    const amazonAuthorized = ownCharge && !NOT_AUTHORIZED.has(ownCharge.state) ? toMinor(ownCharge.chargeAmount, DECIMALS) : 0n
    const amazonCaptured = permissions.reduce((sum, p) => sum + toMinor(p.captured, DECIMALS), 0n)
    const amazonRefunded = permissions.reduce((sum, p) => sum + toMinor(p.refunded, DECIMALS), 0n)
    const where = `own charge permission ${own.chargePermissionId ?? "none"}${hostile ? " (order of a hostile cart)" : ""}`
    if (authorized !== amazonAuthorized) breach("authorized amount equals Amazon's charge", `Medusa ${formatMinorUnits(authorized, CURRENCY)}, Amazon ${formatMinorUnits(amazonAuthorized, CURRENCY)} (${ownCharge?.state ?? "no charge"}; ${where})`)
    if (captured !== amazonCaptured) breach("captured total equals Amazon's", `Medusa ${formatMinorUnits(captured, CURRENCY)}, Amazon ${formatMinorUnits(amazonCaptured, CURRENCY)} (${where})`)
    if (refunded !== amazonRefunded) breach("refunded total equals Amazon's", `Medusa ${formatMinorUnits(refunded, CURRENCY)}, Amazon ${formatMinorUnits(amazonRefunded, CURRENCY)} (${where})`)

    const ownChargeIds = permissions.flatMap((p) => p.charges.map((c) => c.chargeId))
    for (const payment of payments) {
      const leftovers = injectionLeftovers(payment.data, { permissionId: own.chargePermissionId, chargeIds: ownChargeIds })
      if (leftovers.length) breach("storefront data never stored as state", `payment ${payment.id} data holds ${leftovers.join(", ")} not of its own checkout`)
    }
    if (record.life.kind === "inject_fields" && !hostile) {
      for (const session of sessions) {
        const leftovers = injectionLeftovers(session.data, { permissionId: own.chargePermissionId, chargeIds: ownChargeIds })
        if (leftovers.length) breach("storefront data never stored as state", `session ${session.id} data holds ${leftovers.join(", ")}`)
      }
    }

    // The total at checkout: Medusa's order.total changes once refunds are recorded.
    const totalMinor = (hostile ? undefined : record.totalMinor) ?? toMinor(order.total, DECIMALS)
    const capturedCharges = permissions.flatMap((p) => p.charges).filter((c) => c.state === "Captured").length
    const medusaCaptures = payments.reduce((n, p) => n + (p.captures?.length ?? 0), 0)
    if (amazonCaptured > totalMinor || capturedCharges > medusaCaptures) {
      breach("no charge captured twice", `Amazon captured ${amazonCaptured} in ${capturedCharges} charge(s) for a total of ${totalMinor}; Medusa has ${medusaCaptures} capture(s)`)
    }
    const amazonRefunds = permissions.flatMap((p) => p.refunds).filter((r) => r.state !== "Declined").length
    const medusaRefunds = payments.reduce((n, p) => n + (p.refunds?.length ?? 0), 0)
    if (amazonRefunded > amazonCaptured || amazonRefunds > refundCountBound(medusaRefunds, capturedCharges)) {
      breach("no refund issued twice", `Amazon refunded ${amazonRefunded} of ${amazonCaptured} in ${amazonRefunds} refund(s); Medusa has ${medusaRefunds}`)
    }

    const pendingInMedusa = payments.flatMap((p) => [...(p.data?.charges ?? []), ...(p.data?.refunds ?? [])]).filter((x: any) => PENDING.test(x.state))
    const pendingAtAmazon = permissions.flatMap((p) => [...p.charges, ...p.refunds]).filter((x) => PENDING.test(x.state))
    const pendingSession = sessions.some((s) => s.status === "pending_authorization") && payments.length === 0 && order.status !== "canceled"
    const declinedNotCanceled = !hostile && record.life.outcome === "pendingThenDeclined" && order.status !== "canceled"
    if (pendingInMedusa.length || pendingAtAmazon.length || pendingSession || declinedNotCanceled) {
      breach(
        "nothing left pending",
        `Medusa pending ${pendingInMedusa.map((x: any) => x.state).join(",") || "-"}, Amazon pending ${pendingAtAmazon.map((x) => x.state).join(",") || "-"}` +
          `${pendingSession ? ", session still pending_authorization" : ""}${declinedNotCanceled ? `, declined authorization but order ${order.status}` : ""}`
      )
    }
    const applied = payments.flatMap((p) => p.data?.ipnNotificationIds ?? [])
    const forgedApplied = applied.filter((id: string) => forgedNotificationIds.has(id))
    if (forgedApplied.length) breach("no forged IPN had an effect", `applied forged notification(s) ${forgedApplied.join(", ")}`)
  }
  for (const [permissionId, orderIds] of backing) {
    if (orderIds.size > 1) {
      breaches.push({ orderId: [...orderIds].sort().join(" + "), invariant: "no charge permission backs two orders", detail: `charge permission ${permissionId}` })
    }
  }
  return { breaches, checkedOrders, medusaCapturedMinor, medusaRefundedMinor }
}

/**
 * How many Amazon refunds Medusa's refunds can be at most: one refund is spread over as many
 * captured charges as it needs (refund-plan.ts), so up to one Amazon refund per captured charge
 * each. (It was "2 per Medusa refund", which a refund over the three charges of a first capture
 * plus two parallel ones exceeded legitimately.)
 */
export function refundCountBound(medusaRefunds: number, capturedCharges: number): number {
  return medusaRefunds * Math.max(1, capturedCharges)
}

/** Store-wide: every cent Amazon captured or refunded is known to a Medusa order. */
export function checkStoreWide(ledger: Ledger, medusaCapturedMinor: bigint, medusaRefundedMinor: bigint): Breach[] {
  const usd = ledger.totals.USD ?? { authorized: "0", captured: "0", refunded: "0" }
  const breaches: Breach[] = []
  if (toMinor(usd.captured, DECIMALS) !== medusaCapturedMinor) {
    breaches.push({ orderId: "(store)", invariant: "store-wide", detail: `Amazon captured ${usd.captured} in all, Medusa's orders ${formatMinorUnits(medusaCapturedMinor, CURRENCY)}` })
  }
  if (toMinor(usd.refunded, DECIMALS) !== medusaRefundedMinor) {
    breaches.push({ orderId: "(store)", invariant: "store-wide", detail: `Amazon refunded ${usd.refunded} in all, Medusa's orders ${formatMinorUnits(medusaRefundedMinor, CURRENCY)}` })
  }
  return breaches
}

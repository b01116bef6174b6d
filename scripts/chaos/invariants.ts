/**
 * What must hold once everything settled, order by order, against the sandbox ledger (the money
 * Amazon really moved), plus the store-wide checks no single order shows.
 */
import { sumMinor, toMinor } from "../../integration-tests/helpers/admin-orders"
import { formatMinorUnits } from "../../src/providers/amazon-pay/amounts"
import type { HttpClient } from "../../integration-tests/helpers/http"
import type { Ledger, LedgerChargePermission } from "../../src/sandbox"
import type { IpnDelivery } from "../../src/sandbox/ipn/delivery-log"
import type { OrderRecord } from "./run-order"

const DECIMALS = 2
const CURRENCY = "USD"

export const INVARIANTS = [
  "captured total equals Amazon's",
  "refunded total equals Amazon's",
  "no charge captured twice",
  "no refund issued twice",
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

export async function checkOrders(
  records: OrderRecord[],
  http: HttpClient,
  adminHeaders: Record<string, string>,
  ledger: Ledger,
  deliveries: IpnDelivery[]
): Promise<{ breaches: Breach[]; checkedOrders: number; medusaCapturedMinor: bigint; medusaRefundedMinor: bigint }> {
  const breaches: Breach[] = []
  const forgedNotificationIds = new Set(deliveries.filter((d) => d.forged).map((d) => d.notificationId))
  let medusaCapturedMinor = 0n
  let medusaRefundedMinor = 0n
  let checkedOrders = 0
  for (const record of records) {
    if (!record.orderId) continue
    checkedOrders++
    const order = (await http.get(`/admin/orders/${record.orderId}?fields=${encodeURIComponent(ORDER_FIELDS)}`, { headers: adminHeaders })).data.order
    const breach = (invariant: Invariant, detail: string) => breaches.push({ orderId: order.id, invariant, detail })
    const payments: any[] = order.payment_collections.flatMap((c: any) => c.payments ?? [])
    const sessions: any[] = order.payment_collections.flatMap((c: any) => c.payment_sessions ?? [])
    const captured = payments.reduce((sum, p) => sum + sumMinor(p.captures ?? [], DECIMALS), 0n)
    const refunded = payments.reduce((sum, p) => sum + sumMinor(p.refunds ?? [], DECIMALS), 0n)
    medusaCapturedMinor += captured
    medusaRefundedMinor += refunded
    const permissionIds = new Set<string>(
      [...payments, ...sessions].map((x) => x.data?.chargePermissionId).filter((id): id is string => typeof id === "string")
    )
    const permissions = [...permissionIds].map((id) => ledger.chargePermissions[id]).filter(Boolean) as LedgerChargePermission[]
    const amazonCaptured = permissions.reduce((sum, p) => sum + toMinor(p.captured, DECIMALS), 0n)
    const amazonRefunded = permissions.reduce((sum, p) => sum + toMinor(p.refunded, DECIMALS), 0n)
    if (captured !== amazonCaptured) breach("captured total equals Amazon's", `Medusa ${formatMinorUnits(captured, CURRENCY)}, Amazon ${formatMinorUnits(amazonCaptured, CURRENCY)}`)
    if (refunded !== amazonRefunded) breach("refunded total equals Amazon's", `Medusa ${formatMinorUnits(refunded, CURRENCY)}, Amazon ${formatMinorUnits(amazonRefunded, CURRENCY)}`)

    // The total at checkout: Medusa's order.total changes once refunds are recorded.
    const totalMinor = record.totalMinor ?? toMinor(order.total, DECIMALS)
    const capturedCharges = permissions.flatMap((p) => p.charges).filter((c) => c.state === "Captured").length
    const medusaCaptures = payments.reduce((n, p) => n + (p.captures?.length ?? 0), 0)
    if (amazonCaptured > totalMinor || capturedCharges > medusaCaptures) {
      breach("no charge captured twice", `Amazon captured ${amazonCaptured} in ${capturedCharges} charge(s) for a total of ${totalMinor}; Medusa has ${medusaCaptures} capture(s)`)
    }
    const amazonRefunds = permissions.flatMap((p) => p.refunds).filter((r) => r.state !== "Declined").length
    const medusaRefunds = payments.reduce((n, p) => n + (p.refunds?.length ?? 0), 0)
    // A Medusa refund spread over two charges is two Amazon refunds (refund-plan.ts), never more.
    if (amazonRefunded > amazonCaptured || amazonRefunds > 2 * medusaRefunds) {
      breach("no refund issued twice", `Amazon refunded ${amazonRefunded} of ${amazonCaptured} in ${amazonRefunds} refund(s); Medusa has ${medusaRefunds}`)
    }

    const pendingInMedusa = payments.flatMap((p) => [...(p.data?.charges ?? []), ...(p.data?.refunds ?? [])]).filter((x: any) => PENDING.test(x.state))
    const pendingAtAmazon = permissions.flatMap((p) => [...p.charges, ...p.refunds]).filter((x) => PENDING.test(x.state))
    const pendingSession = sessions.some((s) => s.status === "pending_authorization") && payments.length === 0 && order.status !== "canceled"
    const declinedNotCanceled = record.life.outcome === "pendingThenDeclined" && order.status !== "canceled"
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
  return { breaches, checkedOrders, medusaCapturedMinor, medusaRefundedMinor }
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

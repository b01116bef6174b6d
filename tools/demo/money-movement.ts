/**
 * After the order: what the merchant does in the admin (capture part, capture the rest, refund part),
 * over the Admin API, each step shown with Amazon's states and the sandbox ledger.
 * Amounts are computed in minor units (BigInt) and only turned into Medusa's major-unit numbers at
 * the API edge; USD has 2 decimals.
 */
import { AdminOrders, toMinor } from "../test-kit/admin-orders"
import type { AmazonView } from "./amazon-view"
import type { PlacedOrder } from "./checkout"
import { say } from "./say"

const DECIMALS = 2
const FIRST_CAPTURE_MINOR = 2000n // USD 20.00
const REFUND_MINOR = 1500n // USD 15.00

/** 1234n -> "12.34" */
function formatMinor(minor: bigint): string {
  const digits = minor.toString().padStart(DECIMALS + 1, "0")
  return `${digits.slice(0, -DECIMALS)}.${digits.slice(-DECIMALS)}`
}

const chargesOf = (payment: any): any[] => payment.data?.charges ?? []
const refundsOf = (payment: any): any[] => payment.data?.refunds ?? []

export async function moveMoney(admin: AdminOrders, placed: PlacedOrder, amazon: AmazonView): Promise<{ paymentId: string; chargePermissionId: string }> {
  const [payment] = await admin.payments(placed.orderId)
  if (!payment) {
    throw new Error(`order ${placed.orderId} has no payment`)
  }
  const chargePermissionId: string = payment.data.chargePermissionId
  const currency = placed.currencyCode.toUpperCase()
  const [authorization] = chargesOf(payment)
  say.step(
    `payment ${payment.id}: Amazon charge permission ${chargePermissionId} (${await amazon.chargePermissionState(chargePermissionId)}), ` +
      `charge ${authorization.chargeId} ${await amazon.chargeState(authorization.chargeId)} for ${currency} ${authorization.amount.amount}`
  )

  const totalMinor = toMinor(placed.total, DECIMALS)
  if (totalMinor <= FIRST_CAPTURE_MINOR) {
    throw new Error(`the order total ${placed.total} is too small for a partial capture of ${formatMinor(FIRST_CAPTURE_MINOR)}`)
  }
  const restMinor = totalMinor - FIRST_CAPTURE_MINOR
  // `payment.data` is the provider's record (payment-data.ts); the order's payments carry it.
  const currentPayment = async () => (await admin.payments(placed.orderId)).find((p) => p.id === payment.id)
  let seen = new Set<string>()
  const capture = async (minor: bigint, label: string) => {
    await admin.capture(payment.id, Number(formatMinor(minor)))
    const charges = chargesOf(await currentPayment())
    const touched = charges.filter((c) => c.capturedAmount && !seen.has(c.chargeId))
    seen = new Set(charges.filter((c) => c.capturedAmount).map((c) => c.chargeId))
    const states = await Promise.all(touched.map(async (c) => `${c.chargeId} ${await amazon.chargeState(c.chargeId)} ${c.capturedAmount.amount}`))
    say.step(`admin captured ${label} ${currency} ${formatMinor(minor)} -> Amazon charge ${states.join(", ")}`)
    say.info(await amazon.ledgerLine(chargePermissionId))
  }
  await capture(FIRST_CAPTURE_MINOR, "part:")
  await capture(restMinor, "the rest:")
  say.info(`charge permission ${chargePermissionId} is now ${await amazon.chargePermissionState(chargePermissionId)}`)

  await admin.refund(payment.id, Number(formatMinor(REFUND_MINOR)))
  const refunds = refundsOf(await currentPayment())
  const started = refunds.map((r) => `${r.refundId} ${r.state} ${r.amount.amount}`).join(", ")
  say.step(`admin refunded ${currency} ${formatMinor(REFUND_MINOR)} -> Amazon refund ${started} (payment data)`)
  for (const refund of refunds) {
    const state = await amazon.settledRefundState(chargePermissionId, refund.refundId)
    say.step(`Amazon settled refund ${refund.refundId} -> ${state} (sandbox ledger; Medusa's payment data follows by IPN or the polling job)`)
  }
  say.info(await amazon.ledgerLine(chargePermissionId))
  return { paymentId: payment.id, chargePermissionId }
}

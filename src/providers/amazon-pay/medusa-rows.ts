/**
 * Reading Medusa's own rows from inside the payment provider. Medusa hands a provider only `data`
 * and an id (`capturePayment` gets no amount, `authorizePayment` no payment collection: payment
 * module `capturePaymentFromProvider_`, `authorizePaymentSession`), but the rows are committed
 * before the call, and providers live in the payment module's container, whose cradle holds the
 * module's internal services (`paymentSessionService`, `captureService`, ...). These rows are
 * Medusa's, not the storefront's: the payment collection a session belongs to, the amount of the
 * Capture or Refund being made. Resolved lazily; if a row cannot be read, the provider refuses
 * rather than guess.
 */
import { MathBN, MedusaError } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"

interface Row {
  id: string
  amount?: unknown
  raw_amount?: unknown
  currency_code?: string
  payment_collection_id?: string
  payment_id?: string
  payment?: { id?: string } | string
}

interface InternalService {
  retrieve(id: string, config?: Record<string, unknown>): Promise<Row>
  list(filters: Record<string, unknown>, config?: Record<string, unknown>): Promise<Row[]>
}

export interface SessionFacts {
  paymentSessionId: string
  paymentCollectionId: string
}

export interface MoneyMoveFacts {
  /** The Capture or Refund row being made. */
  id: string
  paymentId: string
  amount: BigNumberInput
  /** The payment's authorized amount. */
  paymentAmount: BigNumberInput
  /** The payment's other rows of the same kind (captures for a capture, refunds for a refund). */
  others: Array<{ id: string; amount: BigNumberInput }>
  /** For a refund: the payment's captures. */
  captures: Array<{ id: string; amount: BigNumberInput }>
}

function service(cradle: Record<string, unknown>, name: string): InternalService | undefined {
  try {
    const found = cradle[name] as InternalService | undefined
    return found && typeof found.retrieve === "function" && typeof found.list === "function" ? found : undefined
  } catch {
    return undefined // awilix throws for unregistered names
  }
}

const amountOf = (row: Row) => (row.raw_amount ?? row.amount) as BigNumberInput
const paymentIdOf = (row: Row) => row.payment_id ?? (typeof row.payment === "string" ? row.payment : row.payment?.id)

function unknownRow(what: string, why: string): MedusaError {
  return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Amazon Pay will not act: ${what} is unknown (${why})`)
}

/** The payment collection of a Medusa payment session (the checkout binding and lock key). */
export async function readSession(cradle: Record<string, unknown>, sessionId: string | undefined | null): Promise<SessionFacts> {
  const sessions = service(cradle, "paymentSessionService")
  if (!sessionId || !sessions) {
    throw unknownRow("the payment collection of the payment session", sessionId ? "the payment module's session service is not available" : "no session id")
  }
  const row = await sessions.retrieve(sessionId, { select: ["id", "payment_collection_id"] }).catch(() => null)
  if (!row?.payment_collection_id) {
    throw unknownRow(`the payment collection of payment session ${sessionId}`, "the session cannot be read")
  }
  return { paymentSessionId: row.id, paymentCollectionId: row.payment_collection_id }
}

/** The Capture or Refund being made, with the payment's other rows. */
export async function readMoneyMove(cradle: Record<string, unknown>, kind: "capture" | "refund", id: string | undefined): Promise<MoneyMoveFacts> {
  const what = `the ${kind} ${id ?? "(none)"}`
  const rows = service(cradle, kind === "capture" ? "captureService" : "refundService")
  const captures = service(cradle, "captureService")
  const payments = service(cradle, "paymentService")
  if (!id || !rows || !captures || !payments) {
    throw unknownRow(what, id ? "the payment module's services are not available to the provider" : "Medusa passed no context.idempotency_key")
  }
  const row = await rows.retrieve(id).catch(() => null)
  const paymentId = row ? paymentIdOf(row) : undefined
  if (!row || !paymentId || amountOf(row) == null) {
    throw unknownRow(what, "its row cannot be read")
  }
  const [payment, siblings, paymentCaptures] = await Promise.all([
    payments.retrieve(paymentId, { select: ["id", "amount", "raw_amount"] }),
    rows.list({ payment_id: paymentId }),
    kind === "refund" ? captures.list({ payment_id: paymentId }) : Promise.resolve([]),
  ]).catch(() => {
    throw unknownRow(what, "the payment's rows cannot be listed")
  })
  const plain = (r: Row) => ({ id: r.id, amount: amountOf(r) })
  return {
    id,
    paymentId,
    amount: amountOf(row),
    paymentAmount: amountOf(payment),
    others: siblings.filter((r) => r.id !== id).map(plain),
    captures: paymentCaptures.map(plain),
  }
}

export function sumOf(rows: ReadonlyArray<{ amount: BigNumberInput }>) {
  return rows.reduce((sum, r) => MathBN.add(sum, r.amount), MathBN.convert(0))
}

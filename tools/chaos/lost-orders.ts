/**
 * Orders the campaign did not hear about: a cart completion whose answer was lost (in the cluster,
 * a server killed mid-request answers 502 while the order was placed; Medusa then answers the
 * retries 409 while its idempotent completion is still marked in progress). The buyer saw an error,
 * but the order and its Amazon money exist, so they are checked like any other. Found through the
 * Admin API (order -> cart link), attributed to the life whose cart it was; an order of no life's
 * cart is itself a breach (nobody asked for it).
 */
import type { HttpClient } from "../test-kit/http"
import type { OrderRecord } from "./run-order"

const PAGE = 200

/** Every order of the store by its cart id. */
export async function ordersByCart(http: HttpClient, adminHeaders: Record<string, string>): Promise<Map<string, string>> {
  const byCart = new Map<string, string>()
  for (let offset = 0; ; offset += PAGE) {
    const { data } = await http.get(`/admin/orders?limit=${PAGE}&offset=${offset}&fields=${encodeURIComponent("id,cart.id")}`, { headers: adminHeaders })
    for (const order of data.orders as Array<{ id: string; cart?: { id: string } | null }>) {
      byCart.set(order.cart?.id ?? `(no cart) ${order.id}`, order.id)
    }
    if (offset + PAGE >= data.count) return byCart
  }
}

/** Gives each life the orders of its carts it did not hear about; answers the orders of no life's cart. */
export function attributeOrders(records: OrderRecord[], byCart: ReadonlyMap<string, string>): { found: number; strangers: string[] } {
  const known = new Set<string>()
  let found = 0
  for (const record of records) {
    for (const cartId of [record.cartId, record.hostile?.cartId]) {
      if (cartId) known.add(cartId)
    }
    const own = record.cartId ? byCart.get(record.cartId) : undefined
    if (own && !record.orderId) {
      record.orderId = own
      record.lostAnswer = true
      record.steps.push(`order ${own} found in the store: the completion's answer was lost`)
      found++
    }
    const hostile = record.hostile?.cartId ? byCart.get(record.hostile.cartId) : undefined
    if (hostile && record.hostile && !record.hostile.orderId) {
      record.hostile.orderId = hostile
      record.hostile.answers.push(`order ${hostile} found in the store`)
      found++
    }
  }
  const strangers = [...byCart].filter(([cartId]) => !known.has(cartId)).map(([, orderId]) => orderId)
  return { found, strangers }
}

/** An order whose completion answer was lost must still be checked, and an order nobody asked for is a breach. */
import { attributeOrders } from "../lost-orders"
import { planLife } from "../life"
import { Random } from "../random"
import type { OrderRecord } from "../run-order"

const record = (change: Partial<OrderRecord>): OrderRecord => ({ life: planLife(0, new Random(1)), visibleErrors: [], steps: [], softDeclines: [], ...change })

describe("attributeOrders", () => {
  it("gives a life the order of its cart it did not hear about, and a hostile cart's order to its attempt", () => {
    const heard = record({ cartId: "cart_1", orderId: "order_1" })
    const lost = record({ cartId: "cart_2" })
    const attacked = record({ cartId: "cart_3", orderId: "order_3", hostile: { answers: ["complete 502 upstream"], cartId: "cart_4" } })
    const byCart = new Map([
      ["cart_1", "order_1"],
      ["cart_2", "order_2"],
      ["cart_3", "order_3"],
      ["cart_4", "order_4"],
      ["cart_9", "order_9"],
    ])
    const result = attributeOrders([heard, lost, attacked], byCart)
    expect({ result, lost: [lost.orderId, lost.lostAnswer], hostile: attacked.hostile!.orderId, heard: heard.lostAnswer }).toEqual({
      result: { found: 2, strangers: ["order_9"] },
      lost: ["order_2", true],
      hostile: "order_4",
      heard: undefined,
    })
  })

  it("finds nothing when every order was heard of", () => {
    expect(attributeOrders([record({ cartId: "cart_1", orderId: "order_1" }), record({})], new Map([["cart_1", "order_1"]]))).toEqual({ found: 0, strangers: [] })
  })
})

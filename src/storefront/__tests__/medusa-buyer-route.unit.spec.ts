/**
 * applyAmazonBuyerToCart against the Store API contract the lead's route implements
 * (`POST /store/amazon-pay/carts/{cart_id}/buyer` `{ amazon_checkout_session_id }` -> `{ cart }`),
 * through the real @medusajs/js-sdk over HTTP to a local server that plays that contract.
 */
import Medusa from "@medusajs/js-sdk"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { applyAmazonBuyerToCart } from "../medusa"

const ID = "bd504926-f659-4ad7-a1a9-9a747aaf5275"

interface Seen {
  method: string
  url: string
  headers: Record<string, unknown>
  body: unknown
}

describe("applyAmazonBuyerToCart", () => {
  let server: Server
  let sdk: Medusa
  const seen: Seen[] = []
  let answer: (request: Seen) => { status: number; body: unknown } = () => ({ status: 500, body: {} })

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = ""
      req.on("data", (chunk) => (raw += chunk))
      req.on("end", () => {
        const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: raw ? JSON.parse(raw) : null }
        seen.push(request)
        const { status, body } = answer(request)
        res.writeHead(status, { "content-type": "application/json" })
        res.end(JSON.stringify(body))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    sdk = new Medusa({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, publishableKey: "pk_test" })
  })
  beforeEach(() => {
    seen.length = 0
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it("posts the checkout id for the cart and returns the updated cart", async () => {
    answer = ({ url }) => ({ status: 200, body: { cart: { id: url.split("/")[4], email: "susie.smith@example.com" } } })
    const { cart } = await applyAmazonBuyerToCart(sdk, "cart_01ABC", ID, { headers: { authorization: "Bearer customer" } })
    expect(cart).toEqual({ id: "cart_01ABC", email: "susie.smith@example.com" })
    expect(seen).toEqual([
      expect.objectContaining({
        method: "POST",
        url: "/store/amazon-pay/carts/cart_01ABC/buyer",
        body: { amazon_checkout_session_id: ID },
        headers: expect.objectContaining({ "x-publishable-api-key": "pk_test", authorization: "Bearer customer" }),
      }),
    ])
  })

  it("sends nothing for ids of the wrong shape", async () => {
    await expect(applyAmazonBuyerToCart(sdk, "cart_01ABC/../../admin", ID)).rejects.toMatchObject({ code: "InvalidSessionInput" })
    await expect(applyAmazonBuyerToCart(sdk, "cart_01ABC", "not an id")).rejects.toMatchObject({ code: "InvalidCheckoutSessionId" })
    expect(seen).toEqual([])
  })

  it("refuses an answer about another cart, and passes the store's refusal on", async () => {
    answer = () => ({ status: 200, body: { cart: { id: "cart_OTHER" } } })
    await expect(applyAmazonBuyerToCart(sdk, "cart_01ABC", ID)).rejects.toMatchObject({ code: "InvalidResponse" })
    answer = () => ({ status: 400, body: { type: "not_allowed", message: "Amazon Pay checkout session does not belong to this cart" } })
    await expect(applyAmazonBuyerToCart(sdk, "cart_01ABC", ID)).rejects.toThrow("does not belong to this cart")
  })
})

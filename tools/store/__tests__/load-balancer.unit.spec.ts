/**
 * The cluster campaign's balancer must spread calls over the servers and keep the store reachable
 * while one is down, or a crash would look like a store failure (or hide one).
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { startLoadBalancer, trafficOf, type LoadBalancer } from "../load-balancer"

const upstream = (name: string) =>
  new Promise<Server>((resolve) => {
    const server = createServer((req, res) => {
      let body = ""
      req.on("data", (chunk) => (body += chunk))
      req.on("end", () => res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ name, path: req.url, body })))
    })
    server.listen(0, "127.0.0.1", () => resolve(server))
  })

const portOf = (server: Server) => (server.address() as AddressInfo).port

describe("load balancer", () => {
  let a: Server
  let b: Server
  let balancer: LoadBalancer

  beforeEach(async () => {
    a = await upstream("a")
    b = await upstream("b")
    balancer = await startLoadBalancer(0, [
      { name: "a", port: portOf(a) },
      { name: "b", port: portOf(b) },
    ])
  })

  afterEach(async () => {
    await balancer.close()
    await new Promise((resolve) => a.close(resolve))
    await new Promise((resolve) => b.close(resolve))
  })

  const post = async (path: string) => {
    const response = await fetch(`${balancer.url}${path}`, { method: "POST", body: JSON.stringify({ n: 1 }), headers: { "content-type": "application/json" } })
    return { status: response.status, data: await response.json() }
  }

  it("alternates between the servers, passing status, path and body, and counts calls by kind", async () => {
    const answers = [await post("/hooks/payment/x"), await post("/admin/orders"), await post("/store/carts"), await post("/hooks/payment/x")]
    expect(answers.map((r) => [r.status, r.data.name, r.data.path, r.data.body])).toEqual([
      [201, "a", "/hooks/payment/x", '{"n":1}'],
      [201, "b", "/admin/orders", '{"n":1}'],
      [201, "a", "/store/carts", '{"n":1}'],
      [201, "b", "/hooks/payment/x", '{"n":1}'],
    ])
    expect(balancer.counts()).toEqual({
      byUpstream: { a: { ipn: 1, admin: 0, store: 1, other: 0 }, b: { ipn: 1, admin: 1, store: 0, other: 0 } },
      failovers: 0,
      badGateway: 0,
      cut: [],
    })
  })

  it("sends a call the down server refuses to the other one", async () => {
    await new Promise((resolve) => b.close(resolve))
    const answers = [await post("/store/carts"), await post("/store/carts"), await post("/store/carts")]
    expect(answers.map((r) => r.data.name)).toEqual(["a", "a", "a"])
    // Round robin still names b every other call: those two went on to a.
    expect(balancer.counts().failovers).toBe(2)
  })

  it("answers 502 for a request whose connection broke after it was sent, without sending it again", async () => {
    let received = 0
    const crashing = createServer((req) => {
      received++
      req.socket.destroy()
    })
    await new Promise<void>((resolve) => crashing.listen(0, "127.0.0.1", () => resolve()))
    const lone = await startLoadBalancer(0, [
      { name: "crashing", port: portOf(crashing) },
      { name: "a", port: portOf(a) },
    ])
    try {
      const response = await fetch(`${lone.url}/admin/payments/pay_1/capture?x=1`, { method: "POST", body: "{}" })
      expect([response.status, received, lone.counts().cut, lone.counts().badGateway]).toEqual([502, 1, ["POST /admin/payments/pay_1/capture (crashing)"], 1])
    } finally {
      await lone.close()
      await new Promise((resolve) => crashing.close(resolve))
    }
  })

  it("names each kind of call", () => {
    expect(["/hooks/payment/amazon-pay_amazon-pay", "/admin/payments/1/capture", "/auth/user/emailpass", "/store/carts", "/health"].map(trafficOf)).toEqual([
      "ipn",
      "admin",
      "admin",
      "store",
      "other",
    ])
  })
})

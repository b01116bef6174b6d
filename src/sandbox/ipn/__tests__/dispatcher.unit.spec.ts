import { SnsVerificationError, SnsVerifier } from "../../../lib/amazon-pay/sns-verifier"
import type { SnsEnvelope } from "../../../lib/amazon-pay/types"
import { startTestServer, type RecordedRequest, type TestServer } from "../../../lib/amazon-pay/__tests__/sns-test-server"
import { IpnDispatcher } from "../dispatcher"
import { handleIpnControl } from "../ipn-routes"
import type { IpnNotifyInput } from "../ipn-envelope"

const CLOCK = new Date("2026-11-23T12:34:56.789Z")

let server: TestServer
let dispatcher: IpnDispatcher
let verifier: SnsVerifier
let certUrl: string
let ipnReply: (request: RecordedRequest, index: number) => { status: number; delayMs?: number }
const receivedAt: number[] = []

const posts = () => server.requests.filter((r) => r.method === "POST")
const envelopes = () => posts().map((r) => JSON.parse(r.body) as SnsEnvelope)
const charge = (n: number): IpnNotifyInput => ({
  objectType: "CHARGE",
  objectId: `S01-0000000-0000000-C00000${n}`,
  chargePermissionId: "S01-0000000-0000000",
})

beforeEach(async () => {
  ipnReply = () => ({ status: 200 })
  receivedAt.length = 0
  server = await startTestServer(async (request) => {
    if (request.method === "GET") {
      // The certificate comes from the sandbox's own control route, as in the real wiring.
      const response = await handleIpnControl(dispatcher, request.method, request.path)
      return response ? { status: response.status, body: response.body, headers: { "content-type": response.contentType } } : { status: 404 }
    }
    receivedAt.push(Date.now())
    return ipnReply(request, posts().indexOf(request))
  })
  certUrl = `${server.url}/sandbox/ipn/cert.pem`
  dispatcher = new IpnDispatcher({
    merchantId: "SANDBOX-MERCHANT",
    url: `${server.url}/hooks/payment/amazon-pay_amazon-pay`,
    certificateUrl: () => certUrl,
    now: () => CLOCK,
  })
  dispatcher.configure({ retryBaseMs: 20 })
  verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
})

afterEach(async () => {
  dispatcher.close()
  await server.close()
})

describe("IpnDispatcher envelopes", () => {
  it("POSTs a signed SNS Notification carrying Amazon Pay's IPN message", async () => {
    const notice = dispatcher.notify(charge(1))
    await dispatcher.drain()
    expect(posts()).toHaveLength(1)
    const [request] = posts()
    const envelope = JSON.parse(request.body) as SnsEnvelope
    expect(request.path).toBe("/hooks/payment/amazon-pay_amazon-pay")
    expect(request.headers["content-type"]).toBe("text/plain; charset=UTF-8")
    expect(request.headers["x-amz-sns-message-type"]).toBe("Notification")
    expect(request.headers["x-amz-sns-message-id"]).toBe(envelope.MessageId)
    expect(request.headers["x-amz-sns-topic-arn"]).toBe(envelope.TopicArn)
    expect(request.body.startsWith(`{\n  "Type" : "Notification",\n  "MessageId" : "${envelope.MessageId}",\n`)).toBe(true)
    expect(Object.keys(envelope)).toEqual([
      "Type",
      "MessageId",
      "TopicArn",
      "Message",
      "Timestamp",
      "SignatureVersion",
      "Signature",
      "SigningCertURL",
      "UnsubscribeURL",
    ])
    expect(envelope).toMatchObject({
      Type: "Notification",
      MessageId: notice?.messageId,
      Timestamp: CLOCK.toISOString(),
      SignatureVersion: "1",
      SigningCertURL: certUrl,
    })
    expect(envelope.MessageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(envelope.TopicArn).toMatch(/^arn:aws:sns:us-east-1:\d{12}:A01-SANDBOX-MERCHANT$/)
    expect(envelope.UnsubscribeURL).toMatch(/^https:\/\/sns\.us-east-1\.amazonaws\.com\/\?Action=Unsubscribe&/)
    expect(envelope.Message).toBe(
      JSON.stringify({
        MerchantID: "SANDBOX-MERCHANT",
        ObjectType: "CHARGE",
        ObjectId: "S01-0000000-0000000-C000001",
        ChargePermissionId: "S01-0000000-0000000",
        NotificationType: "STATE_CHANGE",
        NotificationId: notice?.notificationId,
        NotificationVersion: "V2",
      })
    )
    const { message } = await verifier.verifyIpn(request.body)
    expect(message.NotificationId).toBe(notice?.notificationId)
    expect(dispatcher.deliveries()).toEqual([
      expect.objectContaining({ messageId: envelope.MessageId, attempt: 1, ok: true, status: 200, forged: null }),
    ])
  })

  it("signs with SignatureVersion 1 by default and 2 when configured; both verify", async () => {
    dispatcher.notify({ ...charge(1), objectType: "REFUND", notificationType: "ATTRIBUTE_CHANGE" })
    dispatcher.configure({ signatureVersion: "2" })
    dispatcher.notify({ objectType: "CHARGE_PERMISSION", objectId: "S01-1", chargePermissionId: "S01-1" })
    await dispatcher.drain()
    expect(envelopes().map((e) => e.SignatureVersion)).toEqual(["1", "2"])
    for (const request of posts()) {
      await expect(verifier.verifyIpn(request.body)).resolves.toBeDefined()
    }
    expect(JSON.parse(envelopes()[0].Message)).toMatchObject({ ObjectType: "REFUND", NotificationType: "ATTRIBUTE_CHANGE" })
  })

  it("names the merchant the object belongs to, and carries CHARGEBACK notifications", async () => {
    dispatcher.notify({ objectType: "CHARGEBACK", objectId: "S01-1-B0000001", chargePermissionId: "S01-1", merchantId: "A2OTHER" })
    await dispatcher.drain()
    expect(JSON.parse(envelopes()[0].Message)).toMatchObject({ MerchantID: "A2OTHER", ObjectType: "CHARGEBACK", ObjectId: "S01-1-B0000001" })
  })
})

describe("IpnDispatcher redelivery", () => {
  it("redelivers the same envelope after 500s until a 2xx", async () => {
    ipnReply = (_request, index) => ({ status: index < 2 ? 500 : 204 })
    dispatcher.notify(charge(1))
    await dispatcher.drain()
    expect(posts()).toHaveLength(3)
    expect(new Set(posts().map((r) => r.body)).size).toBe(1)
    expect(dispatcher.deliveries().map((d) => [d.attempt, d.status, d.ok])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 204, true],
    ])
    // Exponential backoff: the second gap (40 ms) is at least the base (20 ms) doubled.
    expect(receivedAt[2] - receivedAt[1]).toBeGreaterThanOrEqual(35)
  })

  it("gives up after maxAttempts, for HTTP errors and for a dead endpoint", async () => {
    ipnReply = () => ({ status: 503 })
    dispatcher.configure({ maxAttempts: 3 })
    dispatcher.notify(charge(1))
    await dispatcher.drain()
    expect(posts()).toHaveLength(3)

    const dead = await startTestServer()
    await dead.close()
    dispatcher.configure({ url: `${dead.url}/ipn`, maxAttempts: 2 })
    dispatcher.notify(charge(2))
    await dispatcher.drain()
    const failed = dispatcher.deliveries().filter((d) => d.objectId.endsWith("2"))
    expect(failed.map((d) => d.attempt)).toEqual([1, 2])
    expect(failed.every((d) => d.status === null && d.error && !d.ok)).toBe(true)
  })

  it("times out a receiver that does not answer and retries", async () => {
    ipnReply = (_request, index) => ({ status: 200, delayMs: index === 0 ? 1_000 : 0 })
    dispatcher.configure({ requestTimeoutMs: 100 })
    dispatcher.notify(charge(1))
    await dispatcher.drain()
    expect(dispatcher.deliveries().map((d) => [d.attempt, d.ok, d.error])).toEqual([
      [1, false, "timeout after 100 ms"],
      [2, true, null],
    ])
  })
})

describe("IpnDispatcher faults", () => {
  it("duplicate: 1 delivers every notification twice with the same MessageId", async () => {
    dispatcher.configure({ duplicate: 1 })
    dispatcher.notify(charge(1))
    dispatcher.notify(charge(2))
    await dispatcher.drain()
    const ids = envelopes().map((e) => e.MessageId)
    expect(ids).toHaveLength(4)
    expect(new Set(ids).size).toBe(2)
    expect(dispatcher.deliveries().filter((d) => d.duplicate)).toHaveLength(2)
  })

  it("reorder delivers a batch in another order, every envelope still valid", async () => {
    dispatcher.configure({ reorder: true })
    const sent = [1, 2, 3, 4, 5].map((n) => dispatcher.notify(charge(n))?.messageId)
    await dispatcher.drain()
    const received = envelopes().map((e) => e.MessageId)
    expect([...received].sort()).toEqual([...sent].sort())
    expect(received).not.toEqual(sent)
    for (const request of posts()) {
      await expect(verifier.verifyIpn(request.body)).resolves.toBeDefined()
    }
  })

  it("delayMs holds the first attempt back", async () => {
    dispatcher.configure({ delayMs: 300 })
    const notifiedAt = Date.now()
    dispatcher.notify(charge(1))
    await dispatcher.drain()
    expect(receivedAt[0] - notifiedAt).toBeGreaterThanOrEqual(290)
  })

  it.each([
    ["badSignature", "BadSignature"],
    ["alteredMessage", "BadSignature"],
    ["untrustedCertUrl", "UntrustedCertUrl"],
  ] as const)("forge %s produces envelopes that fail verification (%s)", async (forge, reason) => {
    dispatcher.configure({ forge })
    dispatcher.notify(charge(1))
    dispatcher.configure({ forge: null })
    dispatcher.notify(charge(2))
    await dispatcher.drain()
    const [forged, genuine] = posts()
    const error = await verifier.verifyIpn(forged.body).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SnsVerificationError)
    expect((error as SnsVerificationError).reason).toBe(reason)
    await expect(verifier.verifyIpn(genuine.body)).resolves.toBeDefined()
    expect(dispatcher.deliveries().map((d) => d.forged)).toEqual([forge, null])
    // Only the sandbox certificate URL was ever fetched.
    expect(server.requests.filter((r) => r.method === "GET").map((r) => r.path)).toEqual(["/sandbox/ipn/cert.pem"])
  })

  it("forgeExtra adds a forged copy with its own NotificationId after the genuine one, the kinds in turn", async () => {
    dispatcher.configure({ forgeExtra: 1 })
    for (const n of [1, 2, 3]) {
      dispatcher.notify(charge(n))
    }
    await dispatcher.drain()
    const log = dispatcher.deliveries()
    expect(log.map((d) => d.forged)).toEqual([null, "badSignature", null, "alteredMessage", null, "untrustedCertUrl"])
    const bodies = posts().map((r) => r.body)
    for (const [index, delivery] of log.entries()) {
      const verified = await verifier.verifyIpn(bodies[index]).then(
        () => true,
        () => false
      )
      expect(verified).toBe(delivery.forged === null)
    }
    // A forged copy names the same object but is a different notification.
    expect(log[1].objectId).toBe(log[0].objectId)
    expect(log[1].notificationId).not.toBe(log[0].notificationId)
  })
})

describe("IpnDispatcher lifecycle", () => {
  it("drain waits for the delivery in flight and rejects at its deadline", async () => {
    ipnReply = () => ({ status: 200, delayMs: 200 })
    dispatcher.notify(charge(1))
    await dispatcher.drain()
    expect(dispatcher.deliveries()).toHaveLength(1)

    ipnReply = () => ({ status: 200, delayMs: 1_500 })
    dispatcher.notify(charge(2))
    await expect(dispatcher.drain(100)).rejects.toThrow(/still pending/)
    await dispatcher.drain()
    expect(dispatcher.deliveries()).toHaveLength(2)
  })

  it("sends nothing when disabled or without a URL, and enabled: false drops what is queued", async () => {
    dispatcher.configure({ enabled: false })
    expect(dispatcher.notify(charge(1))).toBeNull()
    dispatcher.configure({ enabled: true, url: null })
    expect(dispatcher.notify(charge(2))).toBeNull()
    dispatcher.configure({ url: `${server.url}/ipn`, delayMs: 200 })
    expect(dispatcher.notify(charge(3))).not.toBeNull()
    dispatcher.configure({ enabled: false })
    await dispatcher.drain(50)
    dispatcher.configure({ enabled: true, delayMs: 0 })
    dispatcher.notify(charge(4))
    await dispatcher.drain()
    expect(envelopes().map((e) => JSON.parse(e.Message).ObjectId)).toEqual(["S01-0000000-0000000-C000004"])
  })

  it("reset forgets log and settings; close stops notify", async () => {
    dispatcher.configure({ forge: "badSignature", duplicate: 1 })
    dispatcher.notify(charge(1))
    await dispatcher.drain()
    expect(dispatcher.deliveries()).toHaveLength(2)
    dispatcher.reset()
    expect(dispatcher.deliveries()).toEqual([])
    expect(dispatcher.settings()).toMatchObject({ forge: null, duplicate: 0, url: `${server.url}/hooks/payment/amazon-pay_amazon-pay` })
    dispatcher.close()
    expect(dispatcher.notify(charge(2))).toBeNull()
    expect(posts()).toHaveLength(2)
  })

  it("refuses bad settings from code too, changing nothing", () => {
    const before = dispatcher.settings()
    expect(() => dispatcher.configure({ duplicate: 2 })).toThrow(/duplicate/)
    expect(() => dispatcher.configure({ forge: "nope" as never })).toThrow(/forge/)
    expect(dispatcher.settings()).toEqual(before)
    expect(dispatcher.configure({ delayMs: undefined }).delayMs).toBe(before.delayMs)
  })

  it("never throws into the caller when the envelope cannot be built", async () => {
    const broken = new IpnDispatcher({
      merchantId: "M",
      url: `${server.url}/ipn`,
      certificateUrl: () => {
        throw new Error("sandbox not listening yet")
      },
    })
    expect(broken.notify(charge(1))).toBeNull()
    await broken.drain()
    expect(broken.deliveries()).toEqual([
      expect.objectContaining({ attempt: 0, ok: false, error: "could not build the IPN: sandbox not listening yet" }),
    ])
    expect(posts()).toHaveLength(0)
    broken.close()
  })
})

import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../index"
import { SignedApi, createSessionBody } from "./support/signed-api"

describe("sandbox request authentication", () => {
  const credentials = generateSandboxCredentials()
  const stranger = generateSandboxCredentials()
  let sandbox: AmazonPaySandbox
  let api: SignedApi

  beforeAll(async () => {
    sandbox = await startAmazonPaySandbox({ publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem } })
    api = new SignedApi(sandbox.url, credentials.publicKeyId, credentials.privateKeyPem)
  })
  afterAll(() => sandbox.close())

  it("accepts both algorithms and the SDK's extended ISO date", async () => {
    const legacyAlgorithm = new SignedApi(sandbox.url, credentials.publicKeyId, credentials.privateKeyPem, "AMZN-PAY-RSASSA-PSS")
    expect((await legacyAlgorithm.post("checkoutSessions", createSessionBody())).status).toBe(201)
    const isoDate = new Date().toISOString().split(".")[0] + "Z"
    expect((await api.post("checkoutSessions", createSessionBody(), { date: isoDate })).status).toBe(201)
  })

  it.each([
    ["authorization", "MissingHeader", 400],
    ["x-amz-pay-date", "MissingHeader", 400],
  ])("refuses a request without %s (%s)", async (header, reasonCode, status) => {
    const response = await api.post("checkoutSessions", createSessionBody(), { omitHeaders: [header] })
    expect(response.status).toBe(status)
    expect(response.body.reasonCode).toBe(reasonCode)
  })

  it("refuses a signature made with another key, an unknown key id and a garbled header", async () => {
    const impostor = new SignedApi(sandbox.url, credentials.publicKeyId, stranger.privateKeyPem)
    const wrongKey = await impostor.post("checkoutSessions", createSessionBody())
    expect(wrongKey.status).toBe(401)
    expect(wrongKey.body.reasonCode).toBe("InvalidRequestSignature")

    const unknown = new SignedApi(sandbox.url, stranger.publicKeyId, stranger.privateKeyPem)
    const unknownKey = await unknown.get("checkoutSessions/abc")
    expect(unknownKey.status).toBe(401)
    expect(unknownKey.body.reasonCode).toBe("UnauthorizedAccess")

    const garbled = await api.send("GET", "checkoutSessions/abc", undefined, {
      tamper: (r) => {
        r.headers.authorization = "Bearer nope"
      },
    })
    expect(garbled.status).toBe(400)
    expect(garbled.body.reasonCode).toBe("InvalidHeaderValue")
  })

  it("refuses tampered body, path, query and signed header values", async () => {
    const body = await api.post("checkoutSessions", createSessionBody(), {
      tamper: (r) => {
        r.body = r.body.replace("sandbox", "sandboy")
      },
    })
    expect(body.status).toBe(401)
    const path = await api.send("GET", "checkoutSessions/one", undefined, {
      tamper: (r) => {
        r.path = r.path.replace("one", "two")
      },
    })
    expect(path.status).toBe(401)
    const query = await api.send("GET", "checkoutSessions/one", undefined, {
      tamper: (r) => {
        r.path = `${r.path}?extra=1`
      },
    })
    expect(query.status).toBe(401)
    const signedHeader = await api.post("checkoutSessions", createSessionBody(), {
      tamper: (r) => {
        r.headers["x-amz-pay-host"] = "evil.example"
      },
    })
    expect(signedHeader.status).toBe(401)
    expect(signedHeader.body.reasonCode).toBe("InvalidRequestSignature")
  })

  it("refuses dates more than 15 minutes from both the wall clock and the sandbox clock", async () => {
    const stale = await api.post("checkoutSessions", createSessionBody(), { date: new Date(Date.now() - 16 * 60_000) })
    expect(stale.status).toBe(401)
    expect(stale.body.reasonCode).toBe("RequestExpired")
    const future = await api.post("checkoutSessions", createSessionBody(), { date: new Date(Date.now() + 16 * 60_000) })
    expect(future.body.reasonCode).toBe("RequestExpired")
    const slightlyOff = await api.post("checkoutSessions", createSessionBody(), { date: new Date(Date.now() - 10 * 60_000) })
    expect(slightlyOff.status).toBe(201)
    const garbage = await api.post("checkoutSessions", createSessionBody(), { date: "yesterday" })
    expect(garbage.body.reasonCode).toBe("InvalidHeaderValue")

    sandbox.advanceClock(60 * 60_000)
    // A real client keeps working after simulated time moved on (30-day expiry tests need it)...
    const nowReal = await api.post("checkoutSessions", createSessionBody())
    expect(nowReal.status).toBe(201)
    // ...a date 30 minutes ahead is near neither clock...
    const between = await api.post("checkoutSessions", createSessionBody(), { date: new Date(Date.now() + 30 * 60_000) })
    expect(between.body.reasonCode).toBe("RequestExpired")
    // ...and a client living on sandbox time works too.
    const onSandboxTime = await api.post("checkoutSessions", createSessionBody(), { date: sandbox.now() })
    expect(onSandboxTime.status).toBe(201)
    sandbox.reset()
  })

  it("keeps key id styles on their paths", async () => {
    const legacy = generateSandboxCredentials({ publicKeyId: "LEGACYKEY123" })
    sandbox.registerPublicKey(legacy.publicKeyId, legacy.publicKeyPem)
    const onV2 = new SignedApi(sandbox.url, legacy.publicKeyId, legacy.privateKeyPem, "AMZN-PAY-RSASSA-PSS-V2", null)
    expect((await onV2.post("checkoutSessions", createSessionBody())).body.reasonCode).toBe("UnauthorizedAccess")
    const onSandbox = new SignedApi(sandbox.url, legacy.publicKeyId, legacy.privateKeyPem)
    expect((await onSandbox.post("checkoutSessions", createSessionBody())).status).toBe(201)
    const prefixed = new SignedApi(sandbox.url, credentials.publicKeyId, credentials.privateKeyPem, "AMZN-PAY-RSASSA-PSS-V2", "sandbox")
    expect((await prefixed.post("checkoutSessions", createSessionBody())).body.reasonCode).toBe("UnauthorizedAccess")
  })

  it("answers unknown paths and ids with 404 ResourceNotFound", async () => {
    const unknownPath = await api.get("orders/1")
    expect(unknownPath.status).toBe(404)
    expect(unknownPath.body.reasonCode).toBe("ResourceNotFound")
    for (const resource of ["checkoutSessions/x", "chargePermissions/S01-0000000-0000000", "charges/nope", "refunds/nope"]) {
      const response = await api.get(resource)
      expect([response.status, response.body.reasonCode]).toEqual([404, "ResourceNotFound"])
    }
    const outside = await fetch(`${sandbox.url}/nothing/here`)
    expect(outside.status).toBe(404)
    expect(((await outside.json()) as { reasonCode: string }).reasonCode).toBe("ResourceNotFound")
  })
})

import { createPrivateKey, sign, verify, X509Certificate } from "node:crypto"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { IpnDispatcher } from "../dispatcher"
import { handleIpnControl } from "../ipn-routes"
import { SANDBOX_SNS_CERTIFICATE_PEM, SANDBOX_SNS_PRIVATE_KEY_PEM } from "../sandbox-sns-credentials"

let dispatcher: IpnDispatcher

beforeEach(() => {
  dispatcher = new IpnDispatcher({ merchantId: "M", certificateUrl: () => "http://127.0.0.1:1/sandbox/ipn/cert.pem" })
})

afterEach(() => dispatcher.close())

const call = (method: string, path: string, body?: unknown) => handleIpnControl(dispatcher, method, path, body)

describe("handleIpnControl", () => {
  it("serves the signing certificate", async () => {
    const response = await call("GET", "/sandbox/ipn/cert.pem")
    expect(response?.status).toBe(200)
    expect(response?.contentType).toBe("application/x-pem-file")
    expect(new X509Certificate(response?.body ?? "").subject).toContain("CN=sns.sandbox.amazon-pay.local")
  })

  it("configures delivery from a raw JSON body and returns the settings", async () => {
    const response = await call(
      "POST",
      "/sandbox/ipn",
      JSON.stringify({ url: "http://127.0.0.1:9000/hooks", duplicate: 0.5, reorder: true, forge: "badSignature" })
    )
    expect(response?.status).toBe(200)
    expect(JSON.parse(response?.body ?? "")).toMatchObject({ url: "http://127.0.0.1:9000/hooks", duplicate: 0.5, forge: "badSignature" })
    // SNS signs with SignatureVersion 1 unless the topic asks for 2: 1 is the default, 2 selectable.
    expect(dispatcher.settings()).toMatchObject({ reorder: true, signatureVersion: "1" })
    const parsedBody = await call("POST", "/sandbox/ipn/", { signatureVersion: "2" })
    expect(parsedBody?.status).toBe(200)
    expect(dispatcher.settings().signatureVersion).toBe("2")
  })

  it.each([
    ["non-JSON", "{"],
    ["unknown key", { colour: "red" }],
    ["probability above 1", { duplicate: 1.5 }],
    ["unknown forgery", { forge: "everything" }],
    ["non-http URL", { url: "file:///etc/passwd" }],
    ["string boolean", { enabled: "yes" }],
    ["negative delay", { delayMs: -1 }],
    ["fractional attempts", { maxAttempts: 1.5 }],
    ["signature version 3", { signatureVersion: "3" }],
    ["array body", [1]],
  ])("refuses %s with 400 and changes nothing", async (_name, body) => {
    const before = dispatcher.settings()
    const response = await call("POST", "/sandbox/ipn", typeof body === "string" ? body : JSON.stringify(body))
    expect(response?.status).toBe(400)
    expect(JSON.parse(response?.body ?? "").reasonCode).toBe("InvalidParameterValue")
    expect(dispatcher.settings()).toEqual(before)
  })

  it("lists deliveries, drains, and reports settings", async () => {
    expect(JSON.parse((await call("GET", "/sandbox/ipn/deliveries"))?.body ?? "")).toEqual({ deliveries: [] })
    expect((await call("POST", "/sandbox/ipn/drain?timeoutMs=1000"))?.status).toBe(200)
    expect((await call("POST", "/sandbox/ipn/drain?timeoutMs=abc"))?.status).toBe(400)
    expect(JSON.parse((await call("GET", "/sandbox/ipn?x=1"))?.body ?? "")).toMatchObject({ enabled: true, url: null })
  })

  it("answers 405 for a wrong method and null for paths that are not its own", async () => {
    expect((await call("DELETE", "/sandbox/ipn"))?.status).toBe(405)
    expect((await call("POST", "/sandbox/ipn/cert.pem"))?.status).toBe(405)
    for (const path of ["/sandbox/ipnx", "/sandbox/ledger", "/v2/charges/x", "/sandbox/ipn/other"]) {
      expect(await call("GET", path)).toBeNull()
    }
  })
})

describe("sandbox SNS credentials", () => {
  it("TS constants equal the committed .pem files and form a working key pair", () => {
    const dir = join(__dirname, "..")
    expect(SANDBOX_SNS_CERTIFICATE_PEM).toBe(readFileSync(join(dir, "sandbox-sns-cert.pem"), "utf8"))
    expect(SANDBOX_SNS_PRIVATE_KEY_PEM).toBe(readFileSync(join(dir, "sandbox-sns-key.pem"), "utf8"))
    const data = Buffer.from("sandbox")
    const signature = sign("sha256", data, createPrivateKey(SANDBOX_SNS_PRIVATE_KEY_PEM))
    expect(verify("sha256", data, new X509Certificate(SANDBOX_SNS_CERTIFICATE_PEM).publicKey, signature)).toBe(true)
  })
})

import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../../index"
import { browserCors } from "../cors"
import { checkoutScriptSource } from "../checkout-js/source"

describe("sandbox checkout.js and CORS", () => {
  let sandbox: AmazonPaySandbox

  beforeAll(async () => {
    const keys = generateSandboxCredentials()
    sandbox = await startAmazonPaySandbox({ publicKeys: { [keys.publicKeyId]: keys.publicKeyPem } })
  })
  afterAll(() => sandbox.close())

  it("serves the stand-in as self-contained JavaScript that installs amazon.Pay", async () => {
    const answer = await fetch(`${sandbox.url}/checkout.js`, { headers: { origin: "http://shop.example" } })
    expect(answer.status).toBe(200)
    expect(answer.headers.get("content-type")).toBe("text/javascript; charset=utf-8")
    expect(answer.headers.get("access-control-allow-origin")).toBe("http://shop.example")
    const source = await answer.text()
    expect(source).toContain(JSON.stringify({ baseUrl: sandbox.url }))
    // Serialized with Function.prototype.toString: nothing of the module system may leak in.
    expect(source).not.toMatch(/\brequire\(|\bexports\.|\bmodule\.exports|_interop/)
    expect(() => new Function(source)).not.toThrow()

    const installed: Record<string, any> = {}
    new Function("window", "document", source)(installed, { currentScript: null })
    expect(Object.keys(installed.amazon.Pay).sort()).toEqual(["bindChangeAction", "initCheckout", "renderButton", "signout"])
  })

  it("answers the browser's preflight for the endpoints the script calls, and only those", async () => {
    const preflight = await fetch(`${sandbox.url}/sandbox/buyer/checkoutSessions`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:8000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
        "access-control-request-private-network": "true",
      },
    })
    expect(preflight.status).toBe(204)
    expect(Object.fromEntries([...preflight.headers].filter(([name]) => name.startsWith("access-control-")))).toEqual({
      "access-control-allow-origin": "http://localhost:8000",
      "access-control-allow-credentials": "true",
      "access-control-allow-methods": "GET, POST, OPTIONS",
      "access-control-allow-headers": "content-type",
      "access-control-allow-private-network": "true",
      "access-control-max-age": "600",
    })
    const api = await fetch(`${sandbox.url}/v2/checkoutSessions`, { method: "OPTIONS", headers: { origin: "http://localhost:8000" } })
    expect(api.headers.get("access-control-allow-origin")).toBeNull()
    const ledger = await fetch(`${sandbox.url}/sandbox/ledger`, { headers: { origin: "http://localhost:8000" } })
    expect(ledger.headers.get("access-control-allow-origin")).toBeNull()
  })

  it("puts CORS headers on error answers too, so the script can show Amazon's reason", async () => {
    const refused = await fetch(`${sandbox.url}/sandbox/buyer/checkoutSessions`, {
      method: "POST",
      headers: { origin: "http://localhost:8000", "content-type": "application/json" },
      body: JSON.stringify({ payloadJSON: "{}", signature: "x", publicKeyId: "SANDBOX-NOBODY" }),
    })
    expect(refused.status).toBe(401)
    expect(refused.headers.get("access-control-allow-origin")).toBe("http://localhost:8000")
    expect((await refused.json()).reasonCode).toBe("UnauthorizedAccess")
  })

  it("plans CORS without an Origin as public and never for other paths", () => {
    expect(browserCors("GET", "/checkout.js", {})).toEqual({
      headers: { "access-control-allow-origin": "*", "cross-origin-resource-policy": "cross-origin" },
      preflight: false,
    })
    expect(browserCors("POST", "/sandbox/buyer/checkoutSessions/abc/approve", { origin: "http://x" })).toBeNull()
    expect(browserCors("GET", "/checkout/abc", { origin: "http://x" })).toBeNull()
  })

  it("renders the script with the base URL it is given", () => {
    expect(checkoutScriptSource({ baseUrl: "http://127.0.0.1:4010" })).toContain('({"baseUrl":"http://127.0.0.1:4010"})')
  })
})

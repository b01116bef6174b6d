/**
 * The provider's `getWebhookActionAndData` is the core webhook handler (core-webhook/handle-webhook.ts)
 * and its IPN options are real provider options (options.ts refuses unknown keys): a signed IPN the
 * sandbox POSTed, delivered the way Medusa's event bus does, becomes Medusa's action.
 */
import { checkout, startIpnTestEnv, type IpnTestEnv } from "../ipn/__tests__/ipn-support"
import { parseAmazonPayOptions } from "../options"

jest.setTimeout(30_000)

let env: IpnTestEnv

beforeAll(async () => {
  env = await startIpnTestEnv()
})
afterAll(() => env?.close())

/** As the event bus delivers it: rawData serialised to {type: "Buffer", data}. */
const viaEventBus = (body: Buffer) => JSON.parse(JSON.stringify({ data: {}, rawData: body, headers: {} }))

describe("Amazon Pay provider: IPN wiring", () => {
  it("accepts the IPN options and validates them at start-up", () => {
    const ipn = { ipnTrustedCertUrls: [env.certUrl], ipnConfirmSubscriptions: true, onPendingAuthorizationDeclined: "flag" }
    expect(parseAmazonPayOptions({ ...env.providerOptions, ...ipn })).toMatchObject(ipn)
    expect(() => parseAmazonPayOptions({ ...env.providerOptions, onPendingAuthorizationDeclined: "shrug" })).toThrow(
      /onPendingAuthorizationDeclined/
    )
  })

  it("turns a signed charge IPN into `authorized` with the session id and amount", async () => {
    const data = await checkout(env, "payses_WIRE1", "23.45")
    const ipn = await env.waitFor((m) => m.ObjectType === "CHARGE" && m.ObjectId === data.charges[0].chargeId)
    const provider = env.provider({ ipnTrustedCertUrls: [env.certUrl] })
    await expect(provider.getWebhookActionAndData(viaEventBus(ipn.body))).resolves.toEqual({
      action: "authorized",
      data: { session_id: "payses_WIRE1", amount: "23.45" },
    })
    // Without trusting the sandbox's certificate the same IPN is not acted on.
    await expect(env.provider().getWebhookActionAndData(viaEventBus(ipn.body))).resolves.toEqual({ action: "not_supported" })
  })
})

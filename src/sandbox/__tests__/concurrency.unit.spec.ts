/** 200 concurrent clients: parallel checkouts and captures lose nothing. */
import { randomUUID } from "node:crypto"
import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../index"
import { SignedApi, checkout, usd } from "./support/signed-api"

describe("sandbox under 200 concurrent clients", () => {
  const credentials = generateSandboxCredentials()
  let sandbox: AmazonPaySandbox
  let api: SignedApi

  beforeAll(async () => {
    sandbox = await startAmazonPaySandbox({ publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem } })
    api = new SignedApi(sandbox.url, credentials.publicKeyId, credentials.privateKeyPem)
  })
  afterAll(() => sandbox.close())

  it("runs 200 parallel checkouts + captures (each capture also retried with its key) without errors or lost entries", async () => {
    const clients = 200
    const results = await Promise.all(
      Array.from({ length: clients }, async (_, i) => {
        const cents = 100 + i
        const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`
        const { completed } = await checkout(api, { amount })
        expect(completed.status).toBe(200)
        const key = randomUUID().replace(/-/g, "")
        const [first, retry] = await Promise.all([
          api.post(`charges/${completed.body.chargeId}/capture`, { captureAmount: usd(amount) }, { idempotencyKey: key }),
          api.post(`charges/${completed.body.chargeId}/capture`, { captureAmount: usd(amount) }, { idempotencyKey: key }),
        ])
        expect([first.status, retry.status]).toEqual([200, 200])
        expect(retry.body).toEqual(first.body)
        return { permissionId: completed.body.chargePermissionId as string, cents }
      })
    )
    const ledger = sandbox.ledger()
    expect(Object.keys(ledger.chargePermissions)).toHaveLength(clients)
    const expectedCents = results.reduce((sum, r) => sum + r.cents, 0)
    const expected = `${Math.floor(expectedCents / 100)}.${String(expectedCents % 100).padStart(2, "0")}`
    expect(ledger.totals.USD).toEqual({ authorized: expected, captured: expected, refunded: "0.00", chargebacks: "0.00" })
    for (const { permissionId } of results) {
      expect(ledger.chargePermissions[permissionId].charges).toHaveLength(1)
      expect(ledger.chargePermissions[permissionId].charges[0].state).toBe("Captured")
    }
  })
})

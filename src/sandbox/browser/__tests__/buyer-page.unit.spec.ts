import { control, createSessionBody, SignedApi, usd } from "../../__tests__/support/signed-api"
import { generateSandboxCredentials, startAmazonPaySandbox, type AmazonPaySandbox } from "../../index"
import { parseBuyerForm, planBuyerForm } from "../buyer-page/form"
import { rememberedBuyerId } from "../buyer-page/buyer-page-route"
import { TEST_ADDRESSES } from "../buyer-page/test-accounts"

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

describe("sandbox buyer page", () => {
  const credentials = generateSandboxCredentials()
  let sandbox: AmazonPaySandbox
  let api: SignedApi

  beforeAll(async () => {
    sandbox = await startAmazonPaySandbox({ publicKeys: { [credentials.publicKeyId]: credentials.publicKeyPem } })
    api = new SignedApi(sandbox.url, credentials.publicKeyId, credentials.privateKeyPem)
  })
  afterEach(() => sandbox.reset())
  afterAll(() => sandbox.close())

  const open = async (overrides: Record<string, unknown> = {}) =>
    (await api.post("checkoutSessions", createSessionBody({ webCheckoutDetails: { checkoutReviewReturnUrl: "https://shop.example/review" }, ...overrides })))
      .body.checkoutSessionId as string
  const post = (id: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.url}/checkout/${id}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
      redirect: "manual",
    })

  it("attaches the chosen buyer, address and card on the review leg and remembers the buyer in a cookie", async () => {
    const id = await open()
    const answer = await post(id, form({ action: "approve", buyer: "oliver", address: "de-berlin", payment: "card-3434" }))
    expect([answer.status, answer.headers.get("location")]).toEqual([303, `https://shop.example/review?amazonCheckoutSessionId=${id}`])
    expect(answer.headers.get("set-cookie")).toMatch(/^amazon_pay_sandbox_buyer=oliver; Path=\/; SameSite=Lax; HttpOnly/)
    const session = (await api.get(`checkoutSessions/${id}`)).body
    expect(session.buyer).toMatchObject({ name: "Oliver Brown", email: "oliver.brown@example.co.uk", phoneNumber: null })
    expect(session.shippingAddress).toEqual(TEST_ADDRESSES.find((a) => a.id === "de-berlin")?.address)
    expect(session.billingAddress).toEqual(session.shippingAddress)
    expect(session.paymentPreferences).toEqual([{ paymentDescriptor: "Visa ****3434" }])
  })

  it("records the chosen card's outcome on the result leg; a change action returns to the review page instead", async () => {
    const id = await open()
    await post(id, form({ action: "approve" }))
    await api.patch(`checkoutSessions/${id}`, {
      webCheckoutDetails: { checkoutResultReturnUrl: "https://shop.example/result" },
      paymentDetails: { paymentIntent: "Authorize", chargeAmount: usd("10.00") },
    })
    const changed = await post(id, form({ action: "approve", address: "jp-tokyo", payment: "card-3434", changeAction: "changeAddress" }))
    expect(changed.headers.get("location")).toBe(`https://shop.example/review?amazonCheckoutSessionId=${id}`)
    expect((await api.get(`checkoutSessions/${id}`)).body.shippingAddress.countryCode).toBe("JP")
    // A change records no outcome: Complete still waits for the buyer's "Pay now".
    expect((await api.post(`checkoutSessions/${id}/complete`, { chargeAmount: usd("10.00") })).body.reasonCode).toBe("InvalidCheckoutSessionStatus")

    const paid = await post(id, form({ action: "approve", payment: "card-3434" }))
    expect(paid.headers.get("location")).toBe(`https://shop.example/result?amazonCheckoutSessionId=${id}`)
    const completed = await api.post(`checkoutSessions/${id}/complete`, { chargeAmount: usd("10.00") })
    expect([completed.status, completed.body.reasonCode]).toEqual([422, "CheckoutSessionCanceled"])
    expect((await api.get(`checkoutSessions/${id}`)).body.statusDetails.reasonCode).toBe("Declined")
  })

  it("refuses choices the page does not offer, unknown fields and bad change actions, and changes nothing", async () => {
    const id = await open()
    for (const body of [
      form({ action: "approve", buyer: "mallory" }),
      form({ action: "approve", payment: "card-9999" }),
      form({ action: "approve", address: "us-chicago", merchantReferenceId: "pay_col_OTHER" }),
      form({ action: "refund" }),
    ]) {
      const answer = await post(id, body)
      expect(answer.status).toBe(400)
      expect(await answer.text()).toContain("The checkout form has invalid fields")
    }
    expect((await api.get(`checkoutSessions/${id}`)).body.buyer).toBeNull()
    const page = await fetch(`${sandbox.url}/checkout/${id}?changeAction=changeEverything`)
    expect(page.status).toBe(400)
  })

  it("escapes what the merchant and the URL put on the page", async () => {
    const id = await open({ merchantMetadata: { merchantStoreName: `<script>alert("x")</script>` } })
    const html = await (await fetch(`${sandbox.url}/checkout/${id}`)).text()
    expect(html).not.toContain("<script>")
    expect(html).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;")
    const missing = await (await fetch(`${sandbox.url}/checkout/%3Cimg%20src%3Dx%3E`)).text()
    expect(missing).not.toContain("<img")
  })

  it("greets the remembered buyer; signout forgets it; only known buyer ids count", async () => {
    const id = await open()
    const greeted = await (await fetch(`${sandbox.url}/checkout/${id}`, { headers: { cookie: "amazon_pay_sandbox_buyer=hanako" } })).text()
    expect(greeted).toContain("Signed in as Hanako Yamada.")
    expect(greeted).toMatch(/value="hanako" checked/)
    const signedOut = await fetch(`${sandbox.url}/sandbox/buyer/signout`, { method: "POST" })
    expect(signedOut.headers.get("set-cookie")).toMatch(/^amazon_pay_sandbox_buyer=; .*Max-Age=0/)
    expect(rememberedBuyerId("a=1; amazon_pay_sandbox_buyer=susie")).toBe("susie")
    expect(rememberedBuyerId("amazon_pay_sandbox_buyer=<script>")).toBeNull()
    expect(rememberedBuyerId(undefined)).toBeNull()
  })

  it("ships to the merchant's addressDetails in the ProcessOrder flow", () => {
    const session = {
      addressDetails: { name: "Jane", addressLine1: "1 Main St", countryCode: "US" },
      shippingAddress: null,
    } as never
    const parsed = parseBuyerForm(form({ action: "approve", buyer: "susie", payment: "card-1111" }))
    expect(parsed.success).toBe(true)
    const plan = planBuyerForm(session, parsed.data as never)
    expect(plan).toMatchObject({
      kind: "approve",
      leg: "auto",
      paymentDescriptor: "Visa ****1111",
      input: { outcome: "success", shippingAddress: { name: "Jane", addressLine1: "1 Main St" }, buyer: { email: "susie.smith@example.com" } },
    })
  })

  it("honours deliverySpecifications: excluded addresses are shown disabled and refused, nothing is recorded", async () => {
    const id = await open({
      deliverySpecifications: {
        specialRestrictions: ["RestrictPOBoxes", "RestrictPackstations"],
        addressRestrictions: { type: "Allowed", restrictions: { US: {}, DE: {} } },
      },
    })
    const page = await (await fetch(`${sandbox.url}/checkout/${id}`)).text()
    const radio = (value: string) => new RegExp(`<input type="radio" name="address" value="${value}"([^>]*)>`).exec(page)?.[1] ?? "missing"
    expect(["us-chicago", "gb-london", "de-berlin", "us-po-box", "de-packstation", "jp-tokyo"].map(radio)).toEqual([
      " checked",
      " disabled",
      "",
      " disabled",
      " disabled",
      " disabled",
    ])
    expect(page).toContain("The merchant does not ship to PO boxes")

    for (const address of ["gb-london", "us-po-box", "de-packstation"]) {
      const refused = await post(id, form({ action: "approve", address }))
      expect(refused.status).toBe(400)
    }
    expect((await api.get(`checkoutSessions/${id}`)).body).toMatchObject({ buyer: null, shippingAddress: null })
    const allowed = await post(id, form({ action: "approve", address: "de-berlin" }))
    expect(allowed.status).toBe(303)
    expect((await api.get(`checkoutSessions/${id}`)).body.shippingAddress.countryCode).toBe("DE")
  })

  it("refuses deliverySpecifications outside Amazon's shape", async () => {
    const bad = await api.post("checkoutSessions", createSessionBody({ deliverySpecifications: { addressRestrictions: { type: "Only", restrictions: { us: {} } } } }))
    expect([bad.status, bad.body.reasonCode]).toEqual([400, "InvalidParameterValue"])
    const unknown = await api.post("checkoutSessions", createSessionBody({ deliverySpecifications: { specialRestrictions: ["RestrictIslands"] } }))
    expect(unknown.status).toBe(400)
  })

  it("lists the checkout sessions it holds (a forged button adds none)", async () => {
    const forged = await control(sandbox.url, "POST", "/sandbox/buyer/checkoutSessions", {
      payloadJSON: JSON.stringify(createSessionBody()),
      signature: Buffer.from("not the merchant's signature").toString("base64"),
      publicKeyId: credentials.publicKeyId,
      algorithm: "AMZN-PAY-RSASSA-PSS-V2",
    })
    expect(forged.status).toBe(401)
    expect((await control(sandbox.url, "GET", "/sandbox/buyer/checkoutSessions")).body).toEqual({ checkoutSessions: [] })
    const id = await open()
    expect((await control(sandbox.url, "GET", "/sandbox/buyer/checkoutSessions")).body.checkoutSessions).toEqual([
      { checkoutSessionId: id, state: "Open", createdAt: expect.any(String) },
    ])
  })
})

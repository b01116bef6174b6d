import { loadAmazonPayScript, renderAmazonPayButton } from "../index"

describe("the kit on a server (Next.js server components, SSR)", () => {
  it("imports without a DOM and refuses to load the script with a clear error instead of throwing at import", async () => {
    await expect(loadAmazonPayScript({ region: "na" })).rejects.toMatchObject({ code: "NotInBrowser" })
    await expect(renderAmazonPayButton("#x", {} as never, { script: { region: "na" } })).rejects.toMatchObject({ code: "InvalidButtonConfig" })
    await expect(loadAmazonPayScript({ region: "eu" })).rejects.toMatchObject({ code: "NotInBrowser" })
  })
})

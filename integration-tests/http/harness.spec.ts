import { medusaIntegrationTestRunner } from "@medusajs/test-utils"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api }) => {
    describe("the store from medusa-config.ts", () => {
      it("answers the Store API and refuses a request without a publishable key", async () => {
        const health = await api.get("/health")
        expect(health.status).toBe(200)

        const refused = await api.get("/store/products").catch((e: any) => e.response)
        expect(refused.status).toBe(400)
        expect(refused.data.message).toMatch(/publishable/i)
      })
    })
  },
})

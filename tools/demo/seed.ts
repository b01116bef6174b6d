/**
 * The store's data, over the Admin API as a person in the dashboard would, find-or-create so a re-run
 * against the same database changes nothing. The seeding itself is the integration tests' fixture
 * (tools/test-kit/store-fixture.ts), so the demo and the tests set up the same store.
 */
import { fetchHttpClient, type HttpClient } from "../test-kit/http"
import { loginAdmin } from "../test-kit/admin-auth"
import { seedStore, type StoreFixture } from "../test-kit/store-fixture"
import { MedusaLog, runMedusa } from "./medusa-cli"
import { ADMIN, AMAZON_PAY_PROVIDER_ID } from "./settings"
import { say } from "./say"

export interface SeededStore {
  http: HttpClient
  adminHeaders: Record<string, string>
  store: StoreFixture
}

/**
 * Medusa has no HTTP route for the first admin, so `medusa user` creates it (skipped when the login
 * already works; "already exists" from a half-finished earlier run is fine).
 */
async function adminLogin(http: HttpClient, env: NodeJS.ProcessEnv, log: MedusaLog): Promise<Record<string, string>> {
  try {
    const headers = await loginAdmin(http, ADMIN)
    say.step(`admin ${ADMIN.email} exists -> logged in (POST /auth/user/emailpass)`)
    return headers
  } catch (error: any) {
    if (error?.response?.status !== 401) {
      throw error
    }
  }
  await runMedusa(["user", "-e", ADMIN.email, "-p", ADMIN.password], env, log).catch((error: Error) => {
    if (!/already exists/i.test(error.message)) {
      throw error
    }
  })
  try {
    const headers = await loginAdmin(http, ADMIN)
    say.step(`admin ${ADMIN.email} created (medusa user) -> logged in (POST /auth/user/emailpass)`)
    return headers
  } catch (error: any) {
    if (error?.response?.status === 401) {
      throw new Error(`${ADMIN.email} exists in this database with another password; use another DATABASE_URL or drop the database`)
    }
    throw error
  }
}

export async function seed(medusaUrl: string, env: NodeJS.ProcessEnv, log: MedusaLog): Promise<SeededStore> {
  const http = fetchHttpClient(medusaUrl)
  const adminHeaders = await adminLogin(http, env, log)
  const store = await seedStore(http, {
    admin: adminHeaders,
    paymentProviders: [AMAZON_PAY_PROVIDER_ID, "pp_system_default"],
  })
  say.step(`sales channel ${store.salesChannelId}, publishable API key ${store.publishableKey}`)
  say.step(`stock location ${store.stockLocationId}, shipping option ${store.shippingOptionId} (manual fulfillment)`)
  say.step(`region USD ${store.regions.usd} with ${store.paymentProviders.join(" + ")}`)
  say.step(`product ${store.productId} (variant ${store.variantId}) priced in USD, stocked`)
  return { http, adminHeaders, store }
}

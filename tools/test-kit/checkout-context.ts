/**
 * What every checkout test starts from (the runner restores the database before each test, so this
 * runs in `beforeEach`): the first admin, its token, the seeded store, a storefront and admin client.
 */
import { AdminOrders } from "./admin-orders"
import { createAdminUser, loginAdmin, type ContainerLike } from "./admin-auth"
import type { HttpClient } from "./http"
import { seedStore, type StoreFixture } from "./store-fixture"
import { Storefront } from "./storefront"

export interface CheckoutContext {
  store: StoreFixture
  storefront: Storefront
  admin: AdminOrders
  adminHeaders: Record<string, string>
}

export async function prepareCheckout(api: HttpClient, container: ContainerLike): Promise<CheckoutContext> {
  await createAdminUser(container)
  const adminHeaders = await loginAdmin(api)
  const store = await seedStore(api, { admin: adminHeaders })
  return { store, storefront: new Storefront(api, store.publishableKey), admin: new AdminOrders(api, adminHeaders), adminHeaders }
}

export { waitFor } from "./wait"

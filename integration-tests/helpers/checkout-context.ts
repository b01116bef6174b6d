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

/** Polls `read` until `done` holds or the deadline passes (webhook/async effects; never a blind sleep). */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last = await read()
  while (!done(last)) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
    last = await read()
  }
  return last
}

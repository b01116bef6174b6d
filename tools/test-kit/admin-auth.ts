/**
 * The first admin. Medusa has no HTTP route that creates the first admin user, so this does what
 * `medusa user -e -p` does (node_modules/@medusajs/medusa/dist/commands/user.js): a user in the user
 * module, an `emailpass` auth identity whose app_metadata points at it. Everything after that goes
 * through the Admin API with the token `POST /auth/user/emailpass` returns.
 */
import { Modules } from "@medusajs/framework/utils"
import type { HttpClient } from "./http"

export interface AdminCredentials {
  email: string
  password: string
}

export const DEFAULT_ADMIN: AdminCredentials = { email: "admin@medusa-test.local", password: "supersecret-admin" }

/** A resolve-only view of the Medusa container (what `getContainer()` returns). */
export interface ContainerLike {
  resolve(key: string): any
}

/** Creates the admin user and its emailpass identity unless a user with that email exists. */
export async function createAdminUser(container: ContainerLike, credentials: AdminCredentials = DEFAULT_ADMIN): Promise<void> {
  const users = container.resolve(Modules.USER)
  const auth = container.resolve(Modules.AUTH)
  const [existing] = await users.listUsers({ email: credentials.email })
  if (existing) {
    return
  }
  const user = await users.createUsers({ email: credentials.email })
  const { authIdentity, error } = await auth.register("emailpass", {
    body: { email: credentials.email, password: credentials.password },
  })
  if (error || !authIdentity) {
    throw new Error(`could not register the admin's emailpass identity: ${error}`)
  }
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
}

/** `POST /auth/user/emailpass` -> the headers every Admin API call of the fixture sends. */
export async function loginAdmin(http: HttpClient, credentials: AdminCredentials = DEFAULT_ADMIN): Promise<Record<string, string>> {
  const { data } = await http.post<{ token: string }>("/auth/user/emailpass", credentials)
  if (!data?.token) {
    throw new Error("POST /auth/user/emailpass returned no token")
  }
  return { authorization: `Bearer ${data.token}` }
}

/** Creates the demo database when it is missing (connecting to the server's `postgres` database). */
import { Client } from "pg"

export async function ensureDatabase(databaseUrl: string): Promise<{ name: string; created: boolean }> {
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""))
  if (!name) {
    throw new Error("DATABASE_URL names no database")
  }
  url.pathname = "/postgres"
  const client = new Client({ connectionString: url.toString() })
  try {
    await client.connect()
  } catch (error) {
    throw new Error(`cannot reach PostgreSQL at ${url.host} (${(error as Error).message}); start it or set DATABASE_URL`)
  }
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
    if (rowCount) {
      return { name, created: false }
    }
    // Identifiers cannot be bound parameters; double quotes with doubled inner quotes escape any name.
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
    return { name, created: true }
  } finally {
    await client.end()
  }
}

/** Drops the database (closing other sessions on it) and creates it empty. */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""))
  url.pathname = "/postgres"
  const client = new Client({ connectionString: url.toString() })
  await client.connect()
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${quoted}`)
  } finally {
    await client.end()
  }
}

/**
 * The demo's plumbing: the PostgreSQL database, Medusa's own CLI (db:migrate, user, start) as child
 * processes, and waiting for the server with a deadline.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { Client } from "pg"

/** Creates the database named in `databaseUrl` when it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<"created" | "exists"> {
  const url = new URL(databaseUrl)
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""))
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    throw new Error(`refusing to create a database named ${JSON.stringify(name)} (letters, digits and _ only)`)
  }
  url.pathname = "/postgres"
  const client = new Client({ connectionString: url.toString() })
  await client.connect()
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
    if (rowCount) {
      return "exists"
    }
    await client.query(`CREATE DATABASE "${name}"`)
    return "created"
  } finally {
    await client.end()
  }
}

/** Runs `npx medusa <args>` to the end; resolves with its exit code and output (for the caller to judge). */
export function runMedusa(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["medusa", ...args], { env, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout.on("data", (chunk) => (output += chunk))
    child.stderr.on("data", (chunk) => (output += chunk))
    child.on("error", reject)
    child.on("close", (code) => resolve({ code: code ?? 1, output }))
  })
}

/**
 * `medusa start` in the background, in its own process group: npx does not pass SIGTERM on to the
 * server, so `stop()` signals the whole group. Its log goes to the given stream.
 */
export function startMedusa(port: number, env: NodeJS.ProcessEnv, log: NodeJS.WritableStream): { child: ChildProcess; stop(): void } {
  const child = spawn("npx", ["medusa", "start", "--port", String(port)], { env, stdio: ["ignore", "pipe", "pipe"], detached: true })
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  return {
    child,
    stop() {
      if (child.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(-child.pid, "SIGTERM")
        } catch {
          // already gone
        }
      }
    },
  }
}

/** Polls `url` until it answers 200, the child exits, or the deadline passes. */
export async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`medusa start exited with code ${child.exitCode} (see the server log)`)
    }
    try {
      const response = await fetch(url)
      if (response.ok) {
        return
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`)
}

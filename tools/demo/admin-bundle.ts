/**
 * The Medusa dashboard with this repository's admin extensions (src/admin: the Amazon Pay order
 * widget), built once into `public/admin`, where a Medusa server started from the repo root serves
 * it at `/app` (@medusajs/medusa loaders/admin.js: `<root>/public/admin` outside development).
 * `medusa build` would do the same but also compile the whole backend into `.medusa/server`, which
 * the demo and the browser tests do not use (they run the sources).
 *
 * The build takes minutes on a small machine, so it is skipped when the bundle on disk was built
 * from the same src/admin files and the same dashboard version (a stamp file next to it).
 */
import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"
import { REPO_ROOT } from "./settings"

export const ADMIN_SOURCE_DIR = join(REPO_ROOT, "src", "admin")
export const ADMIN_BUNDLE_DIR = join(REPO_ROOT, "public", "admin")
const STAMP_FILE = join(ADMIN_BUNDLE_DIR, ".amazon-pay-admin-stamp")

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? filesUnder(path) : [path]
    })
    .sort()
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version
}

/** What the bundle is built from: the extension sources and the dashboard and bundler versions. */
export function adminSourceStamp(): string {
  const hash = createHash("sha256")
  for (const name of ["@medusajs/dashboard", "@medusajs/admin-bundler"]) {
    hash.update(`${name}@${packageVersion(name)}\n`)
  }
  for (const file of filesUnder(ADMIN_SOURCE_DIR)) {
    hash.update(`${relative(REPO_ROOT, file)}\n`).update(readFileSync(file))
  }
  return hash.digest("hex")
}

export interface AdminBundle {
  dir: string
  /** False when an up-to-date bundle was already on disk. */
  built: boolean
  ms: number
}

export async function ensureAdminBundle(): Promise<AdminBundle> {
  const started = Date.now()
  const stamp = adminSourceStamp()
  if (existsSync(join(ADMIN_BUNDLE_DIR, "index.html")) && existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, "utf8") === stamp) {
    return { dir: ADMIN_BUNDLE_DIR, built: false, ms: Date.now() - started }
  }
  const { build } = await import("@medusajs/admin-bundler")
  const cwd = process.cwd()
  // The bundler resolves its vite root (.medusa/client) and outDir against the working directory.
  process.chdir(REPO_ROOT)
  try {
    await build({ path: "/app", backendUrl: "/", outDir: ADMIN_BUNDLE_DIR, sources: [ADMIN_SOURCE_DIR], plugins: [] })
  } finally {
    process.chdir(cwd)
  }
  writeFileSync(STAMP_FILE, stamp)
  return { dir: ADMIN_BUNDLE_DIR, built: true, ms: Date.now() - started }
}

/**
 * The published package as a store installs it: `medusa plugin:build`, then `npm pack`. The tarball
 * must hold the runtime code with `.d.ts` types for every export, the README, docs and LICENSE, and
 * nothing of the repository's tooling (tests, benches, scripts, the demo's medusa-config). A consumer
 * that installs the tarball must type-check under `strict` against every export and load each one.
 */
import { execFile } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"

const run = promisify(execFile)
const ROOT = join(__dirname, "..", "..")
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string
  exports: Record<string, string | Record<string, string>>
  bin: Record<string, string>
  dependencies: Record<string, string>
  peerDependencies: Record<string, string>
}

/** What a store may find in the tarball, by path prefix. */
const SHIPPED = [/^\.medusa\/server\/src\//, /^types\//, /^docs\//, /^src\/.*README\.md$/, /^README\.md$/, /^LICENSE$/, /^package\.json$/]
/**
 * What must never ship: tests, test kits, tooling and the repository's own store config, and the
 * demo's whole dashboard (public/admin), which Medusa's plugin admin build copies into
 * .medusa/server/src/admin/admin as Vite's default publicDir once the demo has run.
 */
const NEVER = [/__tests__/, /\.spec\./, /(^|\/)integration-tests\//, /(^|\/)bench\//, /(^|\/)scripts\//, /(^|\/)tools\//, /medusa-config/, /\.pem$/, /^\.medusa\/server\/src\/admin\/admin\//]

let packed: { files: { path: string }[]; filename: string }
let workdir: string

beforeAll(async () => {
  await run("npm", ["run", "build"], { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 })
  workdir = await mkdtemp(join(tmpdir(), "amazon-pay-pack-"))
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", workdir], { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 })
  packed = JSON.parse(stdout)[0]
}, 300_000)

afterAll(async () => {
  if (workdir) await rm(workdir, { recursive: true, force: true })
})

describe("the tarball", () => {
  it("holds only runtime code, types, docs, README and LICENSE", () => {
    const paths = packed.files.map((file) => file.path)
    expect(paths.filter((path) => !SHIPPED.some((rule) => rule.test(path)))).toEqual([])
    expect(paths.filter((path) => NEVER.some((rule) => rule.test(path)))).toEqual([])
    expect(paths).toEqual(expect.arrayContaining(["README.md", "LICENSE", "package.json"]))
  })

  it("has a file and types behind every export and every bin", () => {
    const paths = new Set(packed.files.map((file) => file.path))
    const missing: string[] = []
    for (const [entry, target] of Object.entries(pkg.exports)) {
      if (entry === "./package.json") continue
      const targets = typeof target === "string" ? { default: target } : target
      for (const file of Object.values(targets)) {
        // A `*` export is a folder pattern (Medusa resolves the plugin's modules through it).
        const probe = file.replace("*", "amazon-pay").replace("/modules/amazon-pay", "/modules/amazon-pay-journal").replace(/^\.\//, "")
        if (!paths.has(probe)) missing.push(`${entry} -> ${probe}`)
        const types = typeof target === "string" ? probe.replace(/\.js$/, ".d.ts") : (target.types ?? "").replace(/^\.\//, "")
        if (!paths.has(types)) missing.push(`${entry} types -> ${types}`)
      }
    }
    for (const [name, file] of Object.entries(pkg.bin)) {
      if (!paths.has(file.replace(/^\.\//, ""))) missing.push(`bin ${name} -> ${file}`)
    }
    expect(missing).toEqual([])
  })
})

describe("a consumer that installs the tarball", () => {
  let consumer: string

  beforeAll(async () => {
    consumer = join(workdir, "consumer")
    const installed = join(consumer, "node_modules", pkg.name)
    await mkdir(installed, { recursive: true })
    await run("tar", ["-xzf", join(workdir, packed.filename), "-C", installed, "--strip-components=1"])
    // The package's dependencies and peers, as the store's own install would provide them.
    const provided = [...Object.keys(pkg.dependencies), "@medusajs", "@types", "react", "react-dom", "@mikro-orm", "awilix", "csstype", "undici-types"]
    for (const name of provided) {
      const from = join(ROOT, "node_modules", name)
      if (existsSync(from)) await symlink(from, join(consumer, "node_modules", name))
    }
    await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }))
  })

  it("type-checks every export under strict", async () => {
    await writeFile(
      join(consumer, "index.ts"),
      [
        `import { AmazonPayClient, AmazonPayError, signButtonPayload, type CheckoutSession } from "${pkg.name}/client"`,
        `import { generateSandboxCredentials, startAmazonPaySandbox } from "${pkg.name}/sandbox"`,
        `import * as storefront from "${pkg.name}/storefront"`,
        `import { AmazonPayButton } from "${pkg.name}/storefront/react"`,
        `import provider from "${pkg.name}/providers/amazon-pay"`,
        `import admin from "${pkg.name}/admin"`,
        `const session: CheckoutSession | undefined = undefined`,
        `export const used = [AmazonPayClient, AmazonPayError, signButtonPayload, session, generateSandboxCredentials, startAmazonPaySandbox, storefront, AmazonPayButton, provider, admin.widgetModule]`,
        "",
      ].join("\n")
    )
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc")
    const args = ["--noEmit", "--strict", "--module", "node16", "--moduleResolution", "node16", "--target", "es2022", "--jsx", "react-jsx", "--types", "node", "index.ts"]
    const result = await run(process.execPath, [tsc, ...args], { cwd: consumer }).catch((error: { stdout: string }) => error)
    // Errors inside other packages' declarations (vite's optional types, zod's .d.cts under node16)
    // are theirs, and a store's skipLibCheck hides them; ours and the consumer file's must be none.
    const ours = result.stdout.split("\n").filter((line) => line.startsWith("index.ts") || line.includes(`node_modules/${pkg.name}/`))
    expect(ours).toEqual([])
    expect(result.stdout).not.toMatch(/TS7016/)
  }, 120_000)

  it("loads every server-side export; the CLIs are executable scripts", async () => {
    const script = [
      `const client = require("${pkg.name}/client")`,
      `const sandbox = require("${pkg.name}/sandbox")`,
      `const provider = require("${pkg.name}/providers/amazon-pay")`,
      `const storefront = require("${pkg.name}/storefront")`,
      `console.log(JSON.stringify([typeof client.AmazonPayClient, typeof sandbox.startAmazonPaySandbox, typeof provider.default, typeof storefront.renderAmazonPayButton]))`,
    ].join(";")
    const { stdout } = await run(process.execPath, ["-e", script], { cwd: consumer })
    expect(JSON.parse(stdout)).toEqual(["function", "function", "object", expect.any(String)])
    expect(await readFile(join(consumer, "node_modules", pkg.name, pkg.bin["amazon-pay-sandbox"]), "utf8")).toMatch(/^#!\/usr\/bin\/env node/)
  }, 60_000)
})

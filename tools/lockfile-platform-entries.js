/**
 * The npm registry these machines reach serves only this platform's optional binaries (other
 * platforms' @swc/core-*, @rollup/rollup-*, ... answer 404), so `npm install` writes a lockfile
 * without them, and `npm ci`'s sync check then refuses that very lockfile ("Missing: ... from lock
 * file"). This adds those entries, marked optional with their os/cpu/libc, so npm skips them as it
 * would anyway. After regenerating the lockfile run:
 *
 *   npm ci 2>&1 | node tools/lockfile-platform-entries.js && npm ci
 */
const fs = require("fs")
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"))
const missing = (fs.readFileSync(0, "utf8").match(/Missing: \S+@ from lock file/g) ?? []).map((l) => l.slice("Missing: ".length, -"@ from lock file".length))
const pk = lock.packages
function platform(name) {
  const n = name.split("/").pop()
  const os = ["darwin", "win32", "android", "freebsd", "openbsd", "openharmony", "linux"].find((o) => n.includes(`-${o}-`) || n.endsWith(`-${o}`))
  const cpu = ["arm64", "x64", "ia32", "ppc64", "s390x", "riscv64", "loong64", "arm"].find((c) => n.includes(`-${c}`))
  const libc = n.includes("musl") ? "musl" : n.includes("gnu") && os === "linux" ? "glibc" : undefined
  return { os, cpu, libc }
}
let added = 0
for (const [path, entry] of Object.entries(pk)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies || {})) {
    if (!missing.includes(dep)) continue
    const base = path === "" ? "" : path + "/"
    // npm resolves from the parent's node_modules upward; place it where a sibling platform package sits.
    const candidates = [`${base}node_modules/${dep}`, `node_modules/${dep}`]
    if (candidates.some((c) => pk[c])) continue
    const sibling = Object.keys(entry.optionalDependencies).find((d) => pk[`${base}node_modules/${d}`] || pk[`node_modules/${d}`])
    const target = sibling && pk[`${base}node_modules/${sibling}`] ? `${base}node_modules/${dep}` : `node_modules/${dep}`
    if (pk[target]) continue
    const { os, cpu, libc } = platform(dep)
    const e = { version: String(version).replace(/^[\^~]/, ""), dev: entry.dev, optional: true }
    if (!entry.dev) delete e.dev
    if (cpu) e.cpu = [cpu]
    if (os) e.os = [os]
    if (libc) e.libc = [libc]
    pk[target] = e
    added++
  }
}
const sorted = {}
for (const k of Object.keys(pk).sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)))) sorted[k] = pk[k]
lock.packages = sorted
fs.writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n")
process.stdout.write(`added ${added} lockfile entries\n`)

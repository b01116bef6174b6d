/**
 * Preloaded into the Medusa server by the benchmark (NODE_OPTIONS=--require <this file>), because
 * Node refuses `--cpu-prof` in NODE_OPTIONS and bootStore spawns the Medusa CLI itself. Plain
 * JavaScript: it runs before the CLI registers ts-node.
 *
 * In `medusa start` only (the migrate and user commands get the same NODE_OPTIONS), it writes the
 * process id to $BENCH_CPU_PROFILE_DIR/medusa.pid and then waits: the first SIGUSR2 starts V8's
 * sampling profiler through an in-process inspector session (file `profiling` appears when it runs),
 * the second stops it and writes `medusa.cpuprofile`. So the timed phases run without the profiler
 * and only the profile phase pays its overhead, in the same server.
 */
const { renameSync, writeFileSync } = require("node:fs")
const { join } = require("node:path")

const dir = process.env.BENCH_CPU_PROFILE_DIR
const intervalUs = Number(process.env.BENCH_CPU_PROFILE_INTERVAL_US) || 250

if (dir && process.argv.slice(2).includes("start")) {
  writeFileSync(join(dir, "medusa.pid"), String(process.pid))
  let session = null
  const fail = (error) => writeFileSync(join(dir, "error"), String(error && error.stack ? error.stack : error))
  process.on("SIGUSR2", () => {
    if (!session) {
      const inspector = require("node:inspector")
      session = new inspector.Session()
      session.connect()
      session.post("Profiler.enable", (error) => {
        if (error) return fail(error)
        session.post("Profiler.setSamplingInterval", { interval: intervalUs }, (error) => {
          if (error) return fail(error)
          session.post("Profiler.start", (error) => (error ? fail(error) : writeFileSync(join(dir, "profiling"), "")))
        })
      })
      return
    }
    const running = session
    session = null
    running.post("Profiler.stop", (error, result) => {
      if (error) return fail(error)
      // Written under another name and renamed: the bench waits for the file to exist, and a profile
      // of several MB read while still being written is cut short.
      writeFileSync(join(dir, "medusa.cpuprofile.partial"), JSON.stringify(result.profile))
      renameSync(join(dir, "medusa.cpuprofile.partial"), join(dir, "medusa.cpuprofile"))
      running.disconnect()
    })
  })
}

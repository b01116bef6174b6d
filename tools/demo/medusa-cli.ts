/**
 * Medusa's own CLI as child processes, with the demo's env, cwd = the repo root (the CLI registers
 * ts-node and loads medusa-config.ts and src/ from source). Output goes to `.demo/medusa.log`, never
 * to the console unless something fails.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { createWriteStream, readFileSync, type WriteStream } from "node:fs"
import { join } from "node:path"
import { REPO_ROOT } from "./settings"

const MEDUSA_BIN = join(REPO_ROOT, "node_modules", ".bin", "medusa")

export class MedusaLog {
  private readonly stream: WriteStream

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { flags: "a" })
  }

  note(text: string): void {
    this.stream.write(`\n----- ${new Date().toISOString()} ${text}\n`)
  }

  attach(child: ChildProcess): void {
    child.stdout?.pipe(this.stream, { end: false })
    child.stderr?.pipe(this.stream, { end: false })
  }

  /** The last lines the latest command wrote (colour codes stripped), for a failure message. */
  tail(lines = 40): string {
    const text = readFileSync(this.path, "utf8")
    const latest = text.slice(Math.max(0, text.lastIndexOf("\n----- ")))
    // eslint-disable-next-line no-control-regex
    return latest.replace(/\u001b\[[0-9;]*m/g, "").trim().split("\n").slice(-lines).join("\n")
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve))
  }
}

/** Every Medusa child still running, so Ctrl-C during migrations stops them too. */
const live = new Set<ChildProcess>()

export function spawnMedusa(args: string[], env: NodeJS.ProcessEnv, log: MedusaLog): ChildProcess {
  log.note(`medusa ${args.join(" ")}`)
  // detached: the child leads its own process group, so stopping it also stops what it forks.
  const child = spawn(MEDUSA_BIN, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true })
  live.add(child)
  child.once("exit", () => live.delete(child))
  log.attach(child)
  return child
}

export const stopAllMedusaProcesses = () => Promise.all([...live].map((child) => stopProcessGroup(child)))

/** Runs a Medusa command to its end; rejects with the log tail when it fails. */
export function runMedusa(args: string[], env: NodeJS.ProcessEnv, log: MedusaLog, timeoutMs = 300_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnMedusa(args, env, log)
    const timer = setTimeout(() => stopProcessGroup(child), timeoutMs)
    child.once("error", (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once("exit", (code, signal) => {
      clearTimeout(timer)
      if (code === 0) {
        resolve()
      } else {
        reject(new Error(`medusa ${args[0]} failed (${signal ?? `exit ${code}`}); last lines of ${log.path}:\n${log.tail()}`))
      }
    })
  })
}

/** SIGTERM to the child's process group, SIGKILL after `graceMs`; resolves when it has exited. */
export function stopProcessGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return Promise.resolve()
  }
  const pid = child.pid
  return new Promise((resolve) => {
    const killer = setTimeout(() => signalGroup(pid, "SIGKILL"), graceMs)
    child.once("exit", () => {
      clearTimeout(killer)
      resolve()
    })
    signalGroup(pid, "SIGTERM")
  })
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // already gone
  }
}

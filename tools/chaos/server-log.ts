/**
 * The Medusa server's log after the campaign: every error line, sorted into what the faults make
 * expected (an Amazon call that failed after its retries, logged by the plugin or by Medusa's error
 * handler as a 4xx/5xx answer) and what is never acceptable: crashes, unhandled rejections,
 * programming errors. Secrets must not be there either (the private key, request signatures).
 */
import { readFileSync } from "node:fs"

export interface LogScan {
  errorLines: number
  unhandled: string[]
  secrets: string[]
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g
const ERROR_LINE = /\berror\b/i
const UNHANDLED = /unhandled|uncaught|TypeError|ReferenceError|SyntaxError|RangeError|is not a function|Cannot read propert|deadlock|FATAL/i
const SECRETS = /BEGIN (RSA |EC )?PRIVATE KEY|Signature=[A-Za-z0-9+/=]{40,}/

/** Scans the log from `fromByte` on (the campaign's part; boot and seeding come before it). */
export function scanServerLog(path: string, fromByte: number): LogScan {
  const text = readFileSync(path).subarray(fromByte).toString("utf8").replace(ANSI, "")
  const lines = text.split("\n")
  return {
    errorLines: lines.filter((line) => ERROR_LINE.test(line)).length,
    unhandled: lines.filter((line) => UNHANDLED.test(line)).slice(0, 20),
    secrets: lines.filter((line) => SECRETS.test(line)).map((line) => line.slice(0, 80)).slice(0, 5),
  }
}

/** Every process's log of a cluster, as one scan. */
export function scanServerLogs(logs: Array<{ path: string; fromByte: number }>): LogScan {
  const scans = logs.map((log) => scanServerLog(log.path, log.fromByte))
  return {
    errorLines: scans.reduce((n, scan) => n + scan.errorLines, 0),
    unhandled: scans.flatMap((scan) => scan.unhandled).slice(0, 20),
    secrets: scans.flatMap((scan) => scan.secrets).slice(0, 5),
  }
}

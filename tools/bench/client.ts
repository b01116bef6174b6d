/**
 * bench:client — per-call cost of our Amazon Pay client against the official Node SDK and against
 * the floor (a bare fetch round trip plus one RSA-PSS signature with a parsed KeyObject).
 *
 * Every client variant runs in this one process against the same local node:http(s) server (one
 * handler behind an HTTP and an HTTPS listener: the SDK only speaks https). The server runs in a
 * child process (tools/bench/client-server.ts) so that wall and CPU figures are the clients' own; pass
 * `--same-process` to host it here instead (then the server's cost is in every variant's figures). Each round runs 1,000 sequential Get Charge and 1,000 Capture Charge calls
 * per variant after a warm-up; rounds are interleaved and the best round counts, which filters noise
 * from other work on the machine. Targets: ours >= 3x faster than the SDK, within 1.3x of bare.
 * Wall and process CPU are both reported: the SDK's wall time also includes the setTimeout it
 * schedules before every request (clientHelper.js sendRequest), which costs no CPU.
 *
 *   npm run bench:client [-- --calls 1000 --rounds 3 --same-process]
 */
import { constants, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto"
import { AmazonPayClient } from "../../src/lib/amazon-pay/client"
import { fork } from "node:child_process"
import { BENCH_CHARGE_ID, startBenchServer, type BenchServerAddress } from "./client-server"
import { officialWebStoreClient } from "../../src/lib/amazon-pay/__tests__/support/official-sdk"

// The fixture certificate is self-signed and the server is local; the SDK sets this itself too
// (clientHelper.js, whenever overrideServiceUrl is used), and bare fetch over https needs the same.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"
process.emitWarning = () => undefined

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`)
  return index > 0 ? Number(process.argv[index + 1]) : fallback
}
const CALLS = arg("calls", 1_000)
const ROUNDS = arg("rounds", 3)
const WARMUP = Math.min(300, CALLS)

const CHARGE_ID = BENCH_CHARGE_ID
const PUBLIC_KEY_ID = "SANDBOX-BENCHMARK00000000000"
const CAPTURE = { captureAmount: { amount: "10.00", currencyCode: "USD" }, softDescriptor: "Bench Shop" }
const SAME_PROCESS = process.argv.includes("--same-process")

/** Starts the stand-in server in a child process (default) or here; resolves its addresses and a stop. */
async function startServer(): Promise<BenchServerAddress & { close(): Promise<void> }> {
  if (SAME_PROCESS) {
    const server = await startBenchServer()
    return { httpUrl: server.httpUrl, httpsUrl: server.httpsUrl!, httpsHost: server.httpsHost!, close: () => server.close() }
  }
  const child = fork(require.resolve("./client-server"), [], {
    execArgv: ["-r", "ts-node/register"],
    env: { ...process.env, TS_NODE_SWC: "true" },
  })
  const address = await new Promise<BenchServerAddress>((resolve, reject) => {
    child.once("message", (message) => resolve(message as BenchServerAddress))
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)))
  })
  return {
    ...address,
    close: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners("exit")
        child.once("exit", () => resolve())
        child.disconnect()
      }),
  }
}

type Operation = "getCharge" | "captureCharge"
interface Variant {
  name: string
  transport: "http" | "https"
  run(operation: Operation): Promise<unknown>
}

/** The floor: what any correct client must do per call (one signature, one round trip, parse JSON). */
function bareFetch(origin: string, host: string, privateKey: KeyObject): Variant["run"] {
  const captureBody = JSON.stringify(CAPTURE)
  return async (operation) => {
    const post = operation === "captureCharge"
    const signature = sign("sha256", Buffer.from(`AMZN-PAY-RSASSA-PSS-V2\n${randomBytes(32).toString("hex")}`), {
      key: privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32,
    }).toString("base64")
    const response = await fetch(`${origin}/v2/charges/${CHARGE_ID}${post ? "/capture" : ""}`, {
      method: post ? "POST" : "GET",
      headers: {
        accept: "application/json",
        "content-type": "application/json",
        "x-amz-pay-host": host,
        "x-amz-pay-region": "na",
        authorization: `AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=${PUBLIC_KEY_ID}, SignedHeaders=accept, Signature=${signature}`,
      },
      body: post ? captureBody : undefined,
    })
    return response.json()
  }
}

interface Sample {
  wallMs: number
  cpuMs: number
}

async function timeRun(variant: Variant, operation: Operation, calls: number): Promise<Sample> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  for (let i = 0; i < calls; i++) {
    await variant.run(operation)
  }
  const wallMs = performance.now() - started
  const used = process.cpuUsage(cpu)
  return { wallMs, cpuMs: (used.user + used.system) / 1000 }
}

async function main(): Promise<void> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }) as string
  const server = await startServer()
  const httpsHost = server.httpsHost
  const ours = (baseUrl: string) => new AmazonPayClient({ publicKeyId: PUBLIC_KEY_ID, privateKey: privateKeyPem, region: "na", baseUrl })
  const oursHttp = ours(server.httpUrl)
  const oursHttps = ours(server.httpsUrl)
  const sdk = officialWebStoreClient({ publicKeyId: PUBLIC_KEY_ID, privateKey: privateKeyPem, region: "na", sandbox: true, algorithm: "AMZN-PAY-RSASSA-PSS-V2", overrideServiceUrl: httpsHost })

  const variants: Variant[] = [
    { name: "ours", transport: "http", run: (op) => (op === "getCharge" ? oursHttp.getCharge(CHARGE_ID) : oursHttp.captureCharge(CHARGE_ID, CAPTURE)) },
    { name: "bare fetch + sign", transport: "http", run: bareFetch(server.httpUrl, new URL(server.httpUrl).host, privateKey) },
    { name: "ours", transport: "https", run: (op) => (op === "getCharge" ? oursHttps.getCharge(CHARGE_ID) : oursHttps.captureCharge(CHARGE_ID, CAPTURE)) },
    { name: "bare fetch + sign", transport: "https", run: bareFetch(server.httpsUrl, httpsHost, privateKey) },
    {
      name: "official SDK 2.3.4",
      transport: "https",
      run: (op) =>
        op === "getCharge"
          ? sdk.getCharge(CHARGE_ID)
          : sdk.captureCharge(CHARGE_ID, CAPTURE, { "x-amz-pay-idempotency-key": randomBytes(24).toString("base64url") }),
    },
  ]
  const operations: Operation[] = ["getCharge", "captureCharge"]

  for (const variant of variants) {
    for (const operation of operations) {
      await timeRun(variant, operation, WARMUP)
    }
  }
  // Within a round the variants alternate in chunks, so that load from other processes on the
  // machine falls on all of them alike; the best round per variant is reported.
  const CHUNK = Math.min(50, CALLS)
  const best = new Map<string, Sample>()
  for (let round = 1; round <= ROUNDS; round++) {
    for (const operation of operations) {
      const totals = new Map<Variant, Sample>(variants.map((v) => [v, { wallMs: 0, cpuMs: 0 }]))
      for (let done = 0; done < CALLS; done += CHUNK) {
        for (const variant of variants) {
          const sample = await timeRun(variant, operation, Math.min(CHUNK, CALLS - done))
          const total = totals.get(variant)!
          total.wallMs += sample.wallMs
          total.cpuMs += sample.cpuMs
        }
      }
      for (const [variant, total] of totals) {
        const key = `${variant.name}|${variant.transport}|${operation}`
        const perCall = { wallMs: total.wallMs / CALLS, cpuMs: total.cpuMs / CALLS }
        const previous = best.get(key)
        best.set(key, {
          wallMs: Math.min(previous?.wallMs ?? Infinity, perCall.wallMs),
          cpuMs: Math.min(previous?.cpuMs ?? Infinity, perCall.cpuMs),
        })
      }
    }
  }
  await server.close()

  const get = (name: string, transport: string, operation: Operation) => best.get(`${name}|${transport}|${operation}`)!
  console.log(`Amazon Pay client bench: ${CALLS} sequential calls per operation and variant, best of ${ROUNDS} rounds, Node ${process.version}`)
  console.log(
    SAME_PROCESS
      ? "wall = elapsed ms per call; cpu = process CPU ms per call (client and server share the process)"
      : "wall = elapsed ms per call; cpu = this process's CPU ms per call (the server runs in a child process)"
  )
  console.log("")
  const header = ["Get wall", "Get cpu", "Capture wall", "Capture cpu"].map((h) => h.padStart(14)).join("")
  console.log(`${"variant".padEnd(22)}${"transport".padEnd(11)}${header}`)
  for (const variant of variants) {
    const cells = operations.flatMap((op) => {
      const sample = get(variant.name, variant.transport, op)
      return [sample.wallMs, sample.cpuMs].map((v) => v.toFixed(3).padStart(14))
    })
    console.log(`${variant.name.padEnd(22)}${variant.transport.padEnd(11)}${cells.join("")}`)
  }
  console.log("")
  console.log(`${"ratio (wall | cpu)".padEnd(44)}${"get".padStart(16)}${"capture".padStart(16)}`)
  const ratio = (label: string, a: [string, string], b: [string, string], target: string) => {
    const cells = operations.map((op) => {
      const x = get(a[0], a[1], op)
      const y = get(b[0], b[1], op)
      return `${(x.wallMs / y.wallMs).toFixed(2)} | ${(x.cpuMs / y.cpuMs).toFixed(2)}`.padStart(16)
    })
    console.log(`${label.padEnd(44)}${cells.join("")}   ${target}`)
  }
  ratio("SDK (https) / ours (https)", ["official SDK 2.3.4", "https"], ["ours", "https"], "target >= 3")
  ratio("SDK (https) / ours (http)", ["official SDK 2.3.4", "https"], ["ours", "http"], "")
  ratio("SDK (https) / bare fetch + sign (https)", ["official SDK 2.3.4", "https"], ["bare fetch + sign", "https"], "")
  ratio("ours (http) / bare fetch + sign (http)", ["ours", "http"], ["bare fetch + sign", "http"], "target <= 1.3")
  ratio("ours (https) / bare fetch + sign (https)", ["ours", "https"], ["bare fetch + sign", "https"], "target <= 1.3")
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})

/**
 * The local Amazon stand-in for bench:client, run as a child process so that the bench's wall and
 * CPU figures are the clients' own: a server sharing the clients' process adds the same per-request
 * cost to every variant and so compresses every ratio. Sends its URLs to the parent over IPC.
 */
import { fixtureTls, startCaptureServer } from "../../src/lib/amazon-pay/__tests__/support/capture-server"

export const BENCH_CHARGE_ID = "S01-1234567-1234567-C123456"

export const BENCH_CHARGE = JSON.stringify({
  chargeId: BENCH_CHARGE_ID,
  chargePermissionId: "S01-1234567-1234567",
  chargeAmount: { amount: "10.00", currencyCode: "USD" },
  captureAmount: { amount: "10.00", currencyCode: "USD" },
  statusDetails: { state: "Captured", reasonCode: null, reasonDescription: null, lastUpdatedTimestamp: "20261123T150000Z" },
  creationTimestamp: "20261123T150000Z",
  releaseEnvironment: "Sandbox",
})

export interface BenchServerAddress {
  httpUrl: string
  httpsUrl: string
  httpsHost: string
}

export async function startBenchServer() {
  return startCaptureServer({
    tls: fixtureTls(),
    record: false,
    handler: () => ({ status: 200, body: BENCH_CHARGE, headers: { "content-type": "application/json" } }),
  })
}

if (require.main === module && process.send) {
  void startBenchServer().then((server) => {
    const address: BenchServerAddress = { httpUrl: server.httpUrl, httpsUrl: server.httpsUrl!, httpsHost: server.httpsHost! }
    process.send!(address)
    process.on("disconnect", () => void server.close().then(() => process.exit(0)))
  })
}

/**
 * After the last order: let Amazon settle every pending object (advance the sandbox clock past the
 * pending delay), let every IPN delivery finish, then run the polling job through the admin route
 * until a round finds nothing pending in Medusa. Faults stay on: the poll must get through them too.
 */
import type { HttpClient } from "../test-kit/http"
import type { AmazonPaySandbox } from "../../src/sandbox"

export interface SettleReport {
  pollRounds: number
  objectsPolled: number
  pollErrors: number
  /** Objects the last round still found pending (0 = settled). */
  stillPending: number
}

const MAX_ROUNDS = 15
const ROUND_PAUSE_MS = 2_000

export async function settle(
  sandbox: AmazonPaySandbox,
  http: HttpClient,
  adminHeaders: Record<string, string>,
  pendingDelayMs: number
): Promise<SettleReport> {
  sandbox.advanceClock(pendingDelayMs + 60_000)
  await sandbox.ipn.drain(120_000)
  const report: SettleReport = { pollRounds: 0, objectsPolled: 0, pollErrors: 0, stillPending: -1 }
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    // Medusa hands webhooks to subscribers after webhook_delay; give the last ones time to land.
    await new Promise((resolve) => setTimeout(resolve, ROUND_PAUSE_MS))
    const { data } = await http.post("/admin/amazon-pay/poll-pending", { older_than_ms: 0, limit: 1000 }, { headers: adminHeaders })
    report.pollRounds = round
    report.objectsPolled += data.checked
    report.pollErrors += data.errors
    report.stillPending = data.checked
    if (data.checked === 0) {
      break
    }
    sandbox.advanceClock(pendingDelayMs + 60_000)
    await sandbox.ipn.drain(120_000)
  }
  return report
}

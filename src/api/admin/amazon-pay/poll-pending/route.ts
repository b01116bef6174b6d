/**
 * `POST /admin/amazon-pay/poll-pending`: runs the polling job (jobs/amazon-pay-poll-pending.ts) now,
 * in the server's process, and answers its report. For an admin who does not want to wait for the
 * next 5-minute run (e.g. after an IPN outage), and for the fault campaign, which polls until
 * nothing is pending. Running in the server matters: the per-session lock the IPN subscribers take
 * lives in this process's locking module, so a poll here never interleaves with an IPN.
 *
 * Body (all optional): `older_than_ms` overrides `pendingPollAfterMs` (0 = every pending object),
 * `limit` overrides `pendingPollBatchSize`. Admin routes require an authenticated user (Medusa's
 * default for `/admin`).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "zod"
import { pollAmazonPayPending } from "../../../../jobs/amazon-pay-poll-pending"
import { parseBody } from "../validate-body"

const pollBodySchema = z.strictObject({
  older_than_ms: z.number().int().min(0).max(365 * 24 * 3600_000).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
})

export async function POST(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const body = parseBody(pollBodySchema, req.body, "poll request")
  const report = await pollAmazonPayPending(req.scope, { olderThanMs: body.older_than_ms, limit: body.limit })
  res.json({ checked: report.checked, errors: report.errors, outcomes: report.outcomes })
}

/** The closing block: where everything runs and how to log in (the admin password is the demo's own, not a secret). */
import { relative } from "node:path"
import { ADMIN, REPO_ROOT } from "./settings"

export interface SummaryInput {
  medusaUrl: string
  /** The demo's Amazon Pay order, to open in the dashboard. */
  orderId: string
  publishableKey: string
  sandboxUrl: string
  storefrontUrl: string
  logPath: string
  serving: boolean
}

export function printSummary(s: SummaryInput): void {
  const rows: Array<[string, string]> = [
    ["Store API", `${s.medusaUrl}/store  (header x-publishable-api-key: ${s.publishableKey})`],
    ["Admin API", `${s.medusaUrl}/admin  (login ${ADMIN.email} / ${ADMIN.password} via POST ${s.medusaUrl}/auth/user/emailpass)`],
    ["Amazon Pay sandbox", s.sandboxUrl],
    ["  buyer page", `${s.sandboxUrl}/checkout/{checkoutSessionId}`],
    ["  ledger", `${s.sandboxUrl}/sandbox/ledger`],
    ["Storefront", `${s.storefrontUrl}/`],
    ["Medusa log", relative(REPO_ROOT, s.logPath)],
  ]
  const width = Math.max(...rows.map(([label]) => label.length))
  console.log("")
  console.log(`  Admin  ${s.medusaUrl}/app  (login ${ADMIN.email} / ${ADMIN.password})`)
  console.log(`         open the Amazon Pay order ${s.orderId}: ${s.medusaUrl}/app/orders/${s.orderId}`)
  console.log("")
  for (const [label, value] of rows) {
    console.log(`  ${label.padEnd(width)}  ${value}`)
  }
  console.log(s.serving ? "\nCtrl-C to stop" : "")
}

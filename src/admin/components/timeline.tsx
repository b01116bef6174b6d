/** The payment's timeline: journaled Amazon calls and journal events (IPNs, state changes, admin actions), newest first. */
import { Heading, Text } from "@medusajs/ui"
import type { TimelineEntry } from "../lib/amazon-pay-api"

const LABELS: Record<string, string> = {
  call: "Amazon call",
  ipn_applied: "IPN",
  state_change: "State",
  admin_sync: "Sync",
  admin_close: "Close",
  admin_notified: "Notice",
  delivery_tracker_skipped: "Tracker skipped",
}

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4">
      <Heading level="h3">Timeline</Heading>
      {entries.length === 0 ? (
        <Text size="small" className="text-ui-fg-subtle">Nothing recorded yet.</Text>
      ) : (
        <ol className="flex flex-col gap-y-1" aria-label="Amazon Pay timeline">
          {[...entries].reverse().map((entry, index) => (
            <li key={`${entry.at}-${index}`} className="grid grid-cols-[150px_90px_1fr] gap-x-2">
              <Text size="xsmall" className="text-ui-fg-muted">{new Date(entry.at).toLocaleString()}</Text>
              <Text size="xsmall" weight="plus" className="text-ui-fg-subtle">{LABELS[entry.kind] ?? entry.kind.replace(/_/g, " ")}</Text>
              <Text size="xsmall">{entry.title}</Text>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

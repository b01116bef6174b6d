import { StatusBadge } from "@medusajs/ui"
import { stateColor } from "../lib/amazon-pay-api"

/** Amazon's state, and its reason when there is one, as Medusa's status badge. */
export function StateBadge({ state, reason }: { state: string; reason?: string | null }) {
  return <StatusBadge color={stateColor(state)}>{reason ? `${state} (${reason})` : state}</StatusBadge>
}

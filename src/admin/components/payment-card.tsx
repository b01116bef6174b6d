/** One Amazon Pay payment of the order: the charge permission summary, actions, objects and timeline. */
import { Heading, Text } from "@medusajs/ui"
import { formatPrice, type AmazonPayPayment } from "../lib/amazon-pay-api"
import { AmazonId } from "./amazon-id"
import { AmazonObjects } from "./amazon-objects"
import { PaymentActions } from "./payment-actions"
import { StateBadge } from "./state-badge"
import { Timeline } from "./timeline"

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-y-0.5">
      <Text size="xsmall" weight="plus" className="text-ui-fg-subtle">{label}</Text>
      <div className="txt-compact-small">{children}</div>
    </div>
  )
}

export function PaymentCard({ payment }: { payment: AmazonPayPayment }) {
  const permission = payment.charge_permission
  const href = permission?.seller_central_url
  return (
    <div className="divide-y" data-amazon-pay-payment={payment.payment_id}>
      <div className="flex flex-col gap-y-3 px-6 py-4">
        <Heading level="h3">Charge permission</Heading>
        {permission ? (
          <div className="grid grid-cols-2 gap-4 md:grid-cols-3">
            <Field label="Id"><AmazonId id={permission.id} href={href} /></Field>
            <Field label="State"><StateBadge state={permission.state} reason={permission.reasons.join(", ") || null} /></Field>
            <Field label="Expires">{permission.expires_at ? new Date(permission.expires_at).toLocaleDateString() : "–"}</Field>
            <Field label="Authorized">{formatPrice(permission.amount_limit)}</Field>
            <Field label="Captured">{formatPrice(permission.captured)}</Field>
            <Field label="Left to capture">{formatPrice(permission.left_to_capture)}</Field>
          </div>
        ) : (
          <Text size="small" className="text-ui-fg-subtle">The buyer has not completed the Amazon checkout yet.</Text>
        )}
      </div>
      {permission && <PaymentActions payment={payment} />}
      <AmazonObjects payment={payment} href={href} />
      <Timeline entries={payment.timeline} />
    </div>
  )
}

/** The charges, refunds and chargebacks of one Amazon Pay payment, as Medusa UI tables. */
import { Heading, Table, Text } from "@medusajs/ui"
import { formatPrice, type AmazonPayPayment } from "../lib/amazon-pay-api"
import { AmazonId } from "./amazon-id"
import { StateBadge } from "./state-badge"

interface Column<T> {
  title: string
  cell: (row: T) => React.ReactNode
}

function ObjectTable<T extends { id: string }>({ title, rows, columns, empty }: { title: string; rows: T[]; columns: Column<T>[]; empty?: string }) {
  if (!rows.length && !empty) {
    return null
  }
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4">
      <Heading level="h3">{title}</Heading>
      {rows.length ? (
        <Table aria-label={`Amazon Pay ${title.toLowerCase()}`}>
          <Table.Header>
            <Table.Row>
              {columns.map((column) => (
                <Table.HeaderCell key={column.title}>{column.title}</Table.HeaderCell>
              ))}
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.map((row) => (
              <Table.Row key={row.id}>
                {columns.map((column) => (
                  <Table.Cell key={column.title}>{column.cell(row)}</Table.Cell>
                ))}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      ) : (
        <Text size="small" className="text-ui-fg-subtle">{empty}</Text>
      )}
    </div>
  )
}

const mono = (text: string) => <Text size="small" className="font-mono">{text}</Text>

export function AmazonObjects({ payment, href }: { payment: AmazonPayPayment; href?: string }) {
  return (
    <>
      <ObjectTable
        title="Charges"
        rows={payment.charges}
        empty="No charge yet."
        columns={[
          { title: "Charge", cell: (c) => <AmazonId id={c.id} href={href} /> },
          { title: "Amount", cell: (c) => formatPrice(c.amount) },
          { title: "State", cell: (c) => <StateBadge state={c.state} reason={c.reason_code} /> },
          { title: "Captured", cell: (c) => formatPrice(c.captured) },
          { title: "Refunded", cell: (c) => formatPrice(c.refunded) },
        ]}
      />
      <ObjectTable
        title="Refunds"
        rows={payment.refunds}
        columns={[
          { title: "Refund", cell: (r) => <AmazonId id={r.id} href={href} /> },
          { title: "Charge", cell: (r) => mono(r.charge_id) },
          { title: "Amount", cell: (r) => formatPrice(r.amount) },
          { title: "State", cell: (r) => <StateBadge state={r.state} reason={r.reason_code} /> },
        ]}
      />
      <ObjectTable
        title="Chargebacks"
        rows={payment.chargebacks}
        columns={[
          { title: "Chargeback", cell: (c) => <AmazonId id={c.id} href={href} /> },
          { title: "Charge", cell: (c) => mono(c.charge_id) },
          { title: "Amount", cell: (c) => formatPrice(c.amount) },
          { title: "State", cell: (c) => <StateBadge state={c.state} reason={c.reason_code} /> },
        ]}
      />
    </>
  )
}

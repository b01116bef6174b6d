/**
 * Amazon Pay on the order page (zone `order.details.after`): for each Amazon Pay payment of the
 * order, the charge permission, charges, refunds, chargebacks and timeline as Amazon and the
 * plugin's journal know them, with the admin's actions. Renders nothing for an order paid otherwise.
 */
import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Skeleton, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { PaymentCard } from "../components/payment-card"
import { amazonPayApi } from "../lib/amazon-pay-api"

interface OrderProps {
  data: { id: string; payment_collections?: Array<{ payments?: Array<{ provider_id?: string }> }> }
}

const AMAZON_PAY = /^pp_amazon-pay_/

/** False only when the order's own data shows payments and none is Amazon Pay's (then no request is made). */
function mayBeAmazonPay(order: OrderProps["data"]): boolean {
  const payments = (order.payment_collections ?? []).flatMap((c) => c.payments ?? [])
  return !payments.length || payments.some((p) => AMAZON_PAY.test(p.provider_id ?? ""))
}

function Frame({ children }: { children: React.ReactNode }) {
  return (
    <Container className="divide-y p-0" aria-label="Amazon Pay">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Amazon Pay</Heading>
      </div>
      {children}
    </Container>
  )
}

const AmazonPayOrderWidget = ({ data: order }: OrderProps) => {
  const enabled = mayBeAmazonPay(order)
  const query = useQuery({
    queryKey: ["amazon-pay", "order", order.id],
    queryFn: () => amazonPayApi.orderPayments(order.id),
    enabled,
  })
  if (!enabled || (query.isSuccess && query.data.length === 0)) {
    return null
  }
  if (query.isPending) {
    return (
      <Frame>
        <div className="flex flex-col gap-y-2 px-6 py-4" aria-busy="true">
          <Skeleton className="h-5 w-1/3" />
          <Skeleton className="h-5 w-2/3" />
          <Skeleton className="h-5 w-1/2" />
        </div>
      </Frame>
    )
  }
  if (query.isError) {
    return (
      <Frame>
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">Amazon Pay details could not be loaded: {query.error.message}</Text>
        </div>
      </Frame>
    )
  }
  return (
    <Frame>
      {query.data.map((payment) => (
        <PaymentCard key={payment.payment_id} payment={payment} />
      ))}
    </Frame>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.after",
})

export default AmazonPayOrderWidget

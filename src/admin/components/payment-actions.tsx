/**
 * The admin's actions on one Amazon Pay payment: capture an amount (the dashboard's own capture
 * dialog always captures everything), sync with Amazon, close the charge permission. Each calls the
 * plugin's Admin API; afterwards every query is refetched so the dashboard's own payment section
 * shows the new Medusa capture too.
 */
import { Button, Input, Label, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { amazonPayApi, formatPrice, type AmazonPayPayment } from "../lib/amazon-pay-api"

const DECIMAL = /^\d+(\.\d+)?$/

export function PaymentActions({ payment }: { payment: AmazonPayPayment }) {
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const left = payment.charge_permission?.left_to_capture
  const [amount, setAmount] = useState("")
  const done = (message: string) => {
    toast.success(message)
    return queryClient.invalidateQueries()
  }
  const failed = (error: Error) => toast.error(error.message)
  const capture = useMutation({
    mutationFn: (value: number) => amazonPayApi.capture(payment.payment_id, value),
    onSuccess: () => {
      setAmount("")
      return done("Amazon Pay capture recorded")
    },
    onError: failed,
  })
  const sync = useMutation({ mutationFn: () => amazonPayApi.sync(payment.payment_id), onSuccess: () => done("Synced with Amazon Pay"), onError: failed })
  const close = useMutation({
    mutationFn: () => amazonPayApi.close(payment.payment_id, "Closed from the Medusa admin"),
    onSuccess: () => done("Charge permission closed"),
    onError: failed,
  })
  const busy = capture.isPending || sync.isPending || close.isPending
  const canCapture = payment.charge_permission?.state === "Chargeable" && !!left && left.amount !== "0" && !/^0(\.0+)?$/.test(left.amount)
  const validAmount = DECIMAL.test(amount.trim()) && Number(amount) > 0

  const onClose = async () => {
    const confirmed = await prompt({
      title: "Close the charge permission?",
      description: `Amazon releases the ${formatPrice(left)} not captured yet; nothing more can be captured on this payment.`,
      confirmText: "Close",
      cancelText: "Keep open",
    })
    if (confirmed) {
      close.mutate()
    }
  }

  return (
    <div className="flex flex-wrap items-end justify-between gap-4 px-6 py-4">
      <form
        className="flex items-end gap-x-2"
        onSubmit={(event) => {
          event.preventDefault()
          if (validAmount) capture.mutate(Number(amount.trim()))
        }}
      >
        <div className="flex flex-col gap-y-1">
          <Label htmlFor={`amazon-pay-capture-${payment.payment_id}`} size="small">
            Amount to capture
          </Label>
          <Input
            id={`amazon-pay-capture-${payment.payment_id}`}
            size="small"
            inputMode="decimal"
            placeholder={left?.amount ?? "0.00"}
            value={amount}
            disabled={!canCapture || busy}
            onChange={(event) => setAmount(event.target.value)}
            aria-invalid={amount !== "" && !validAmount}
          />
        </div>
        <Button size="small" type="submit" disabled={!canCapture || !validAmount || busy} isLoading={capture.isPending}>
          Capture
        </Button>
        {!canCapture && (
          <Text size="xsmall" className="text-ui-fg-muted">
            Nothing left to capture
          </Text>
        )}
      </form>
      <div className="flex gap-x-2">
        <Button size="small" variant="secondary" onClick={() => sync.mutate()} disabled={busy} isLoading={sync.isPending}>
          Sync with Amazon
        </Button>
        <Button size="small" variant="danger" onClick={onClose} disabled={busy || payment.charge_permission?.state === "Closed"} isLoading={close.isPending}>
          Close charge permission
        </Button>
      </div>
    </div>
  )
}

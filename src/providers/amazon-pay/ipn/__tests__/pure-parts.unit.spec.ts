import { z } from "zod"
import type { Charge, Price } from "../../../../lib/amazon-pay/types"
import { amazonCharge } from "../../__tests__/fixtures"
import { isCaptureRecorded } from "../../core-webhook/capture-knowledge"
import { isPaymentCollectionId, paymentCollectionOf } from "../../binding"
import { rawBodyOf } from "../raw-body"
import { isTrustedSubscribeUrl } from "../subscription"
import { chargeAction, medusaAmountOf } from "../../core-webhook/webhook-action"
import { DEFAULT_WEBHOOK_OPTIONS, amazonPayWebhookOptionsShape, readWebhookOptions } from "../ipn-options"

function charge(state: string, chargeAmount: Price, captureAmount: Price | null = null): Charge {
  return amazonCharge("S01-1234567-1234567-C000001", state, chargeAmount, { captureAmount })
}

describe("rawBodyOf", () => {
  const body = '{"Type":"Notification"}'
  it("takes the Buffer Medusa's route keeps, and the {type:'Buffer'} shape the event bus delivers", () => {
    expect(rawBodyOf({ rawData: Buffer.from(body) })?.toString()).toBe(body)
    const serialised = JSON.parse(JSON.stringify({ rawData: Buffer.from(body) }))
    expect(serialised.rawData.type).toBe("Buffer")
    expect(rawBodyOf(serialised)?.toString()).toBe(body)
    expect(rawBodyOf({ rawData: body })).toBe(body)
    expect(rawBodyOf({ rawData: new Uint8Array(Buffer.from(body)) })?.toString()).toBe(body)
  })
  it("refuses missing, non-byte and oversized raw data", () => {
    expect(rawBodyOf(undefined)).toBeNull()
    expect(rawBodyOf({ data: { Type: "Notification" } })).toBeNull()
    expect(rawBodyOf({ rawData: { type: "Buffer", data: [1, 300] } })).toBeNull()
    expect(rawBodyOf({ rawData: { type: "Buffer", data: ["a"] } })).toBeNull()
    expect(rawBodyOf({ rawData: { type: "Buffer", data: new Array(200_000).fill(1) } })).toBeNull()
    expect(rawBodyOf({ rawData: 42 })).toBeNull()
  })
})

describe("readWebhookOptions", () => {
  it("defaults to nothing trusted, no automatic confirmation, cancel on declined pending authorization", () => {
    expect(readWebhookOptions(undefined)).toEqual(DEFAULT_WEBHOOK_OPTIONS)
    expect(readWebhookOptions({ merchantId: "X" }).ipnTrustedCertUrls).toEqual([])
  })
  it("reads valid values and drops only the invalid ones", () => {
    const options = readWebhookOptions({
      ipnTrustedCertUrls: ["http://127.0.0.1:4010/sandbox/ipn/cert.pem"],
      ipnConfirmSubscriptions: "yes",
      onPendingAuthorizationDeclined: "flag",
      pendingPollAfterMs: -5,
      pendingPollBatchSize: 7,
    })
    expect(options).toEqual({
      ipnTrustedCertUrls: ["http://127.0.0.1:4010/sandbox/ipn/cert.pem"],
      ipnConfirmSubscriptions: false,
      onPendingAuthorizationDeclined: "flag",
      pendingPollAfterMs: DEFAULT_WEBHOOK_OPTIONS.pendingPollAfterMs,
      pendingPollBatchSize: 7,
    })
    expect(readWebhookOptions({ ipnTrustedCertUrls: ["ftp://x/cert.pem"] }).ipnTrustedCertUrls).toEqual([])
  })
  it("reads an options object once: every IPN of a provider shares one frozen reading", () => {
    const raw = { pendingPollBatchSize: 7 }
    const first = readWebhookOptions(raw)
    expect(readWebhookOptions(raw)).toBe(first)
    expect(Object.isFrozen(first)).toBe(true)
    expect(readWebhookOptions({ pendingPollBatchSize: 8 }).pendingPollBatchSize).toBe(8)
  })
  it("has a shape the provider can spread into its strict option schema", () => {
    const strict = z.object({ merchantId: z.string(), ...amazonPayWebhookOptionsShape }).strict()
    expect(strict.safeParse({ merchantId: "M", onPendingAuthorizationDeclined: "flag" }).success).toBe(true)
    expect(strict.safeParse({ merchantId: "M", onPendingAuthorizationDeclined: "refund" }).success).toBe(false)
  })
})

describe("ownership", () => {
  it("recognises the Medusa payment collection id the provider put in merchantReferenceId", () => {
    expect(paymentCollectionOf({ merchantMetadata: { merchantReferenceId: "pay_col_01JABCDEF" } })).toBe("pay_col_01JABCDEF")
    expect(paymentCollectionOf({ merchantMetadata: { merchantReferenceId: "payses_01JABCDEF" } })).toBeNull()
    expect(paymentCollectionOf({ merchantMetadata: { merchantReferenceId: "order-1234" } })).toBeNull()
    expect(paymentCollectionOf({ merchantMetadata: null })).toBeNull()
    expect(isPaymentCollectionId("pay_col_ab/../x")).toBe(false)
    expect(isPaymentCollectionId(7)).toBe(false)
  })
})

describe("isTrustedSubscribeUrl", () => {
  const sandboxCert = ["http://127.0.0.1:4010/sandbox/ipn/cert.pem"]
  it("accepts Amazon SNS https hosts and the origin of an explicitly trusted sandbox certificate", () => {
    expect(isTrustedSubscribeUrl("https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t", [])).toBe(true)
    expect(isTrustedSubscribeUrl("https://sns.cn-north-1.amazonaws.com.cn/?Action=ConfirmSubscription", [])).toBe(true)
    expect(isTrustedSubscribeUrl("http://127.0.0.1:4010/sandbox/ipn/confirm?x=1", sandboxCert)).toBe(true)
  })
  it("refuses look-alike hosts, http, ports, credentials and other sandbox ports", () => {
    for (const url of [
      "http://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription",
      "https://sns.us-east-1.amazonaws.com.evil.example/?Action=ConfirmSubscription",
      "https://sns.us-east-1.amazonaws.com:8443/?Action=ConfirmSubscription",
      "https://user@sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription",
      "https://evilsns.us-east-1.amazonaws.com/",
      "https://sns.cn-north-1.amazonaws.com/",
      "http://127.0.0.1:4011/sandbox/ipn/confirm",
      "not a url",
    ]) {
      expect([url, isTrustedSubscribeUrl(url, sandboxCert)]).toEqual([url, false])
    }
    expect(isTrustedSubscribeUrl(undefined, sandboxCert)).toBe(false)
  })
})

describe("chargeAction", () => {
  const usd = (amount: string) => ({ amount, currencyCode: "USD" })
  it("maps Authorized, Captured, Declined and Canceled with the session id and the exact amount", () => {
    expect(chargeAction("payses_1", charge("Authorized", usd("0.10")))).toEqual({ action: "authorized", data: { session_id: "payses_1", amount: "0.10" } })
    expect(chargeAction("payses_1", charge("Captured", usd("100.00"), usd("99.99")))).toEqual({
      action: "captured",
      data: { session_id: "payses_1", amount: "99.99" },
    })
    expect(chargeAction("payses_1", charge("Declined", usd("5")))).toEqual({ action: "failed", data: { session_id: "payses_1", amount: "5.00" } })
    expect(chargeAction("payses_1", charge("Canceled", usd("5.00"))).action).toBe("canceled")
    expect(chargeAction("payses_1", charge("Authorized", { amount: "1400", currencyCode: "JPY" })).data?.amount).toBe("1400")
  })
  it("is not_supported for pending and unknown states, and for a capture Medusa already holds", () => {
    for (const state of ["AuthorizationInitiated", "CaptureInitiated", "SomethingNew"]) {
      expect(chargeAction("payses_1", charge(state, usd("5.00")))).toEqual({ action: "not_supported" })
    }
    expect(chargeAction("payses_1", charge("Captured", usd("5.00"), usd("5.00")), { captureRecorded: true }).action).toBe("not_supported")
  })
  it("keeps large amounts exact", () => {
    expect(medusaAmountOf(usd("149999.99"))).toBe("149999.99")
    expect(medusaAmountOf({ amount: "9999999", currencyCode: "JPY" })).toBe("9999999")
  })
})

describe("isCaptureRecorded", () => {
  it("is false without a payment (autocapture after a pending authorization) and true when fully captured", () => {
    expect(isCaptureRecorded(null, { medusa_ref_id: "capt_1" })).toBe(false)
    expect(isCaptureRecorded({ id: "pay_1", captured_at: new Date() }, null)).toBe(true)
  })
  it("looks for the charge's Medusa capture in the journal", () => {
    expect(isCaptureRecorded({ id: "pay_1" }, { medusa_ref_id: "capt_1" })).toBe(true)
    expect(isCaptureRecorded({ id: "pay_1" }, { medusa_ref_id: null })).toBe(false)
    expect(isCaptureRecorded({ id: "pay_1" }, null)).toBe(false)
  })
})

/**
 * Where an IPN's handling time goes: the local work (parse the SNS envelope, verify its signature
 * with a warm certificate cache, parse the message, check ownership, map the charge state to
 * Medusa's action) against the Amazon GETs the handler must make (Get Charge + Get Charge
 * Permission, in parallel, signed) on the local sandbox at zero added latency: the best case for
 * the GETs, so the local share measured here is an upper bound of what a store sees with Amazon.
 */
import { parseIpnMessage, parseSnsEnvelope } from "../../src/lib/amazon-pay/sns"
import { handleWebhook } from "../../src/providers/amazon-pay/core-webhook/handle-webhook"
import { readerDeps, type WebhookDeps } from "../../src/providers/amazon-pay/ipn/ipn-deps"
import { paymentCollectionOf } from "../../src/providers/amazon-pay/binding"
import { chargeAction } from "../../src/providers/amazon-pay/core-webhook/webhook-action"
import { checkout, startIpnTestEnv } from "../../src/providers/amazon-pay/ipn/__tests__/ipn-support"
import { rates, type Rate } from "./ipn-verify"

export interface HandlingShare {
  local: Rate
  gets: Rate
  whole: Rate
  /** Share of one IPN's handling time outside the Amazon GETs, 0..1. */
  localShare: number
}

export async function measureHandlingShare(): Promise<HandlingShare> {
  const env = await startIpnTestEnv()
  try {
    env.sandbox.setLatency(0)
    const data = await checkout(env, "payses_BENCH1", "19.99")
    const chargeId = data.charges[0].chargeId
    const { body, message } = await env.waitFor((m) => m.ObjectType === "CHARGE" && m.ObjectId === chargeId)
    const deps: WebhookDeps = { client: env.client, options: { merchantId: "SANDBOX-MERCHANT", ipnTrustedCertUrls: [env.certUrl] } }
    const { verifier } = readerDeps(deps)
    const [charge, permission] = await Promise.all([env.client.getCharge(chargeId), env.client.getChargePermission(message.ChargePermissionId)])
    const expected = await handleWebhook(deps, { rawData: body })
    if (expected.action !== "authorized") {
      throw new Error(`bench setup: expected an authorized IPN, got ${expected.action}`)
    }
    const [local, gets, whole] = await rates(
      [
        {
          name: "local: parse + verify + parse message + ownership + map",
          op: async () => {
            const envelope = parseSnsEnvelope(body)
            await verifier.verify(envelope)
            const parsed = parseIpnMessage(envelope.Message)
            if (parsed.MerchantID !== "SANDBOX-MERCHANT") throw new Error("merchant")
            return chargeAction(paymentCollectionOf(permission) as string, charge)
          },
        },
        {
          name: "Amazon GETs: Get Charge + Get Charge Permission (sandbox)",
          op: () => Promise.all([env.client.getCharge(chargeId), env.client.getChargePermission(message.ChargePermissionId)]),
        },
        { name: "whole handleWebhook", op: () => handleWebhook(deps, { rawData: body }) },
      ],
      3_000,
      5
    )
    const localMs = 1_000 / local.perSecond
    const getsMs = 1_000 / gets.perSecond
    return { local, gets, whole, localShare: localMs / (localMs + getsMs) }
  } finally {
    await env.close()
  }
}

/**
 * What the merchant can see at Amazon while the demo runs: objects read through our own client
 * (signed GETs, as a merchant's back office would) and the sandbox ledger of money that really moved.
 */
import { AmazonPayClient } from "../../src/lib/amazon-pay"
import type { Ledger, LedgerChargePermission } from "../../src/sandbox"
import type { SandboxControl } from "../test-kit/amazon-pay-buyer"

export class AmazonView {
  readonly client: AmazonPayClient

  constructor(
    readonly sandbox: SandboxControl,
    credentials: { publicKeyId: string; privateKeyPath: string }
  ) {
    this.client = new AmazonPayClient({
      publicKeyId: credentials.publicKeyId,
      privateKey: credentials.privateKeyPath,
      region: "na",
      baseUrl: sandbox.url,
      retry: false,
    })
  }

  async checkoutSessionState(checkoutSessionId: string): Promise<string> {
    return describeState((await this.client.getCheckoutSession(checkoutSessionId)).statusDetails)
  }

  async chargeState(chargeId: string): Promise<string> {
    return describeState((await this.client.getCharge(chargeId)).statusDetails)
  }

  async chargePermissionState(chargePermissionId: string): Promise<string> {
    const { state, reasons } = (await this.client.getChargePermission(chargePermissionId)).statusDetails
    return reasons?.length ? `${state}/${reasons.map((r) => r.reasonCode).join("+")}` : state
  }

  async permissionLedger(chargePermissionId: string): Promise<LedgerChargePermission> {
    // Read directly (not via SandboxControl.ledger) so the type is the sandbox's own Ledger.
    const response = await fetch(`${this.sandbox.url}/sandbox/ledger`)
    if (!response.ok) {
      throw new Error(`GET /sandbox/ledger answered ${response.status}`)
    }
    const ledger = (await response.json()) as Ledger
    const entry = ledger.chargePermissions[chargePermissionId]
    if (!entry) {
      throw new Error(`the sandbox ledger has no charge permission ${chargePermissionId}`)
    }
    return entry
  }

  /**
   * `sandbox ledger: captured 20.00, refunded 0.00 USD; charges C1 Captured 20.00/60.00`. "authorized"
   * is left out: Amazon counts each later `captureNow` charge as a new authorization, so it exceeds
   * the order total after a second capture and reads like a bug in a demo.
   */
  async ledgerLine(chargePermissionId: string): Promise<string> {
    const entry = await this.permissionLedger(chargePermissionId)
    const charges = entry.charges.map((c) => `${c.chargeId} ${c.state} ${c.captureAmount ?? "0.00"}/${c.chargeAmount}`)
    return `sandbox ledger: captured ${entry.captured}, refunded ${entry.refunded} ${entry.currencyCode}; charges ${charges.join(", ")}`
  }

  /** Polls the ledger until the refund leaves RefundInitiated (Amazon refunds settle asynchronously). */
  async settledRefundState(chargePermissionId: string, refundId: string, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const refund = (await this.permissionLedger(chargePermissionId)).refunds.find((r) => r.refundId === refundId)
      if (refund && refund.state !== "RefundInitiated") {
        return refund.state
      }
      if (Date.now() > deadline) {
        return refund?.state ?? "unknown"
      }
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
}

function describeState(status: { state: string; reasonCode: string | null }): string {
  return status.reasonCode ? `${status.state}/${status.reasonCode}` : status.state
}

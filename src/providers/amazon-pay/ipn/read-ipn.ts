/**
 * From an IPN's raw HTTP body to the live Amazon object it points at. Order matters: parse and
 * verify the SNS signature first (nothing unverified is acted on), then check the MerchantID, then
 * GET the object from Amazon (Amazon Pay "Instant Payment Notifications": the message carries ids
 * only, never state) and check that it belongs to a charge permission this store created.
 *
 * Never throws: every outcome is a reading, and every refusal carries a short reason that is safe
 * to log (no body, no signature, no buyer data).
 */
import type { AmazonPayClient } from "../../../lib/amazon-pay/client"
import { isAmazonPayError } from "../../../lib/amazon-pay/errors"
import { SnsEnvelopeError, parseIpnMessage, parseSnsEnvelope } from "../../../lib/amazon-pay/sns"
import { SnsVerificationError, type SnsVerifier } from "../../../lib/amazon-pay/sns-verifier"
import type { Charge, ChargePermission, Dispute, IpnMessage, Refund } from "../../../lib/amazon-pay/types"
import { paymentCollectionOf } from "../binding"
import { RecentReadings } from "./recent-readings"
import { handleSubscriptionConfirmation, type SubscriptionOutcome } from "./subscription"

export interface IpnReaderDeps {
  client: AmazonPayClient
  /** This store's Amazon MerchantID (provider option `merchantId`). */
  merchantId: string
  verifier: SnsVerifier
  trustedSandboxCertUrls: readonly string[]
  confirmSubscriptions: boolean
}

interface Owned {
  message: IpnMessage
  /** The Medusa payment collection the charge permission was created for (binding.ts). */
  paymentCollectionId: string
  permission: ChargePermission
}

export type IpnReading =
  /** Not a verifiable IPN (bad input, bad signature, untrusted certificate). */
  | { kind: "refused"; reason: string }
  /** A genuine IPN this store does not act on (other merchant, not ours, unknown object type). */
  | { kind: "ignored"; reason: string; message?: IpnMessage; warn?: boolean }
  /** Amazon could not be asked (network, 5xx): the polling job will catch up. */
  | { kind: "unavailable"; reason: string; message: IpnMessage }
  | { kind: "subscription"; outcome: SubscriptionOutcome; detail: string }
  | (Owned & { kind: "charge"; charge: Charge })
  | (Owned & { kind: "refund"; refund: Refund; charge: Charge })
  | (Owned & { kind: "charge_permission" })
  | (Owned & { kind: "chargeback"; dispute: Dispute; charge: Charge })

export type OwnedReading = Extract<IpnReading, { paymentCollectionId: string }>

function describe(error: unknown): string {
  if (error instanceof SnsEnvelopeError) return `${error.code}: ${error.message}`
  if (error instanceof SnsVerificationError) return `${error.reason}: ${error.message}`
  return error instanceof Error ? error.name : "unknown error"
}

class NotOurs extends Error {}

export async function readIpn(deps: IpnReaderDeps, rawBody: Buffer | string | null): Promise<IpnReading> {
  if (rawBody === null) {
    return { kind: "refused", reason: "EmptyBody: the webhook carried no raw body" }
  }
  let message: IpnMessage
  try {
    const envelope = parseSnsEnvelope(rawBody)
    await deps.verifier.verify(envelope)
    if (envelope.Type === "SubscriptionConfirmation") {
      return { kind: "subscription", ...(await handleSubscriptionConfirmation(envelope, deps.confirmSubscriptions, deps.trustedSandboxCertUrls)) }
    }
    if (envelope.Type !== "Notification") {
      return { kind: "ignored", reason: `SNS ${envelope.Type}` }
    }
    message = parseIpnMessage(envelope.Message)
  } catch (error) {
    return { kind: "refused", reason: describe(error) }
  }
  if (message.MerchantID !== deps.merchantId) {
    return {
      kind: "ignored",
      warn: true,
      reason:
        `IPN for merchant account ${String(message.MerchantID).slice(0, 40)}, but this provider's merchantId is ` +
        `${deps.merchantId}: if that account is yours, set the provider option merchantId to it (Seller Central > ` +
        "Integration > Integration Central); otherwise point that account's IPN URL elsewhere",
      message,
    }
  }
  const verified = message
  return recentReadings.get(deps.merchantId, verified, () => readAmazonObject(deps.client, verified))
}

/** Shared by every reader in this process (core's subscriber through the provider, and ours). */
const recentReadings = new RecentReadings<IpnReading>()

/**
 * GETs the object a (verified) message points at and checks it is this store's. Also used by the
 * polling job with a message it builds from the ids in payment data.
 */
export async function readAmazonObject(client: AmazonPayClient, message: IpnMessage): Promise<IpnReading> {
  try {
    return await fetchOwned(client, message)
  } catch (error) {
    if (error instanceof NotOurs) {
      return { kind: "ignored", reason: error.message, message }
    }
    if (isAmazonPayError(error) && !error.retryable) {
      // 404 ResourceNotFound and friends: an id Amazon does not know for this merchant.
      return { kind: "ignored", reason: `Amazon answered ${error.reasonCode} for ${message.ObjectType} ${message.ObjectId}`, message }
    }
    const reason = isAmazonPayError(error) ? error.reasonCode : describe(error)
    return { kind: "unavailable", reason: `Amazon Pay could not be read (${reason})`, message }
  }
}

function samePermission(message: IpnMessage, permissionId: string, what: string): void {
  if (permissionId !== message.ChargePermissionId) {
    throw new NotOurs(`${what} does not belong to charge permission ${message.ChargePermissionId}`)
  }
}

async function ownedPermission(client: AmazonPayClient, message: IpnMessage): Promise<{ permission: ChargePermission; paymentCollectionId: string }> {
  const permission = await client.getChargePermission(message.ChargePermissionId)
  const paymentCollectionId = paymentCollectionOf(permission)
  if (!paymentCollectionId) {
    throw new NotOurs(`charge permission ${message.ChargePermissionId} was not created by this store`)
  }
  return { permission, paymentCollectionId }
}

async function fetchOwned(client: AmazonPayClient, message: IpnMessage): Promise<IpnReading> {
  switch (message.ObjectType) {
    case "CHARGE": {
      const [charge, owned] = await Promise.all([client.getCharge(message.ObjectId), ownedPermission(client, message)])
      samePermission(message, charge.chargePermissionId, `charge ${charge.chargeId}`)
      return { kind: "charge", message, charge, ...owned }
    }
    case "REFUND": {
      const [refund, owned] = await Promise.all([client.getRefund(message.ObjectId), ownedPermission(client, message)])
      const charge = await client.getCharge(refund.chargeId)
      samePermission(message, charge.chargePermissionId, `refund ${refund.refundId}`)
      return { kind: "refund", message, refund, charge, ...owned }
    }
    case "CHARGEBACK": {
      // Amazon Pay "Set up Instant Payment Notifications": the ObjectId of a CHARGEBACK IPN is the Dispute.
      const [dispute, owned] = await Promise.all([client.getDispute(message.ObjectId), ownedPermission(client, message)])
      const charge = await client.getCharge(dispute.chargeId)
      samePermission(message, charge.chargePermissionId, `dispute ${dispute.disputeId}`)
      return { kind: "chargeback", message, dispute, charge, ...owned }
    }
    case "CHARGE_PERMISSION": {
      if (message.ObjectId !== message.ChargePermissionId) {
        throw new NotOurs("CHARGE_PERMISSION IPN names two different permissions")
      }
      return { kind: "charge_permission", message, ...(await ownedPermission(client, message)) }
    }
    default:
      throw new NotOurs(`object type ${String(message.ObjectType).slice(0, 32)} is not handled`)
  }
}

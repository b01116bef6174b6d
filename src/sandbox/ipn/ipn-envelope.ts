/**
 * Builds the SNS envelope the sandbox POSTs for one Amazon Pay IPN, signed with the sandbox's public
 * test key, and the forged variants (Amazon Pay "Instant Payment Notifications": the `Message` is a
 * JSON string with ids only; Amazon SNS "Parsing message formats" for the envelope).
 */
import { createPrivateKey, randomUUID, type KeyObject } from "node:crypto"
import { signSnsEnvelope, type SnsSignatureVersion } from "../../lib/amazon-pay/sns"
import type { IpnMessage, SnsEnvelope } from "../../lib/amazon-pay/types"
import type { IpnForgery } from "./ipn-config"
import { SANDBOX_SNS_PRIVATE_KEY_PEM } from "./sandbox-sns-credentials"

export type IpnObjectTypeSent = "CHARGE" | "REFUND" | "CHARGE_PERMISSION" | "CHARGEBACK"

export interface IpnNotifyInput {
  objectType: IpnObjectTypeSent
  objectId: string
  chargePermissionId: string
  /** The merchant account the object belongs to; the dispatcher's merchant when absent. */
  merchantId?: string
  notificationType?: "STATE_CHANGE" | "ATTRIBUTE_CHANGE"
}

/** A host that looks like SNS but is not (and can never resolve: `.invalid`). */
export const FORGED_CERT_URL =
  "https://sns.us-east-1.amazonaws.com.sandbox-forgery.invalid/SimpleNotificationService-forged.pem"

let sandboxKey: KeyObject | undefined
function sandboxSigningKey(): KeyObject {
  sandboxKey ??= createPrivateKey(SANDBOX_SNS_PRIVATE_KEY_PEM)
  return sandboxKey
}

/** `arn:aws:sns:us-east-1:<account>:A01-<merchant>`: the shape Amazon Pay's IPN topics have. */
export function defaultTopicArn(merchantId: string): string {
  return `arn:aws:sns:us-east-1:000000000000:A01-${merchantId.replace(/[^A-Za-z0-9_-]/g, "-")}`
}

/** The IPN message with Amazon's key order. */
export function buildIpnMessage(merchantId: string, input: IpnNotifyInput, notificationId: string): IpnMessage {
  return {
    MerchantID: input.merchantId ?? merchantId,
    ObjectType: input.objectType,
    ObjectId: input.objectId,
    ChargePermissionId: input.chargePermissionId,
    NotificationType: input.notificationType ?? "STATE_CHANGE",
    NotificationId: notificationId,
    NotificationVersion: "V2",
  }
}

export interface BuildEnvelopeInput {
  message: IpnMessage
  topicArn: string
  subscriptionId: string
  certificateUrl: string
  timestamp: Date
  signatureVersion: SnsSignatureVersion
  forge: IpnForgery | null
}

export function buildIpnEnvelope(input: BuildEnvelopeInput): SnsEnvelope {
  const envelope = signSnsEnvelope(
    {
      Type: "Notification",
      MessageId: randomUUID(),
      TopicArn: input.topicArn,
      Message: JSON.stringify(input.message),
      Timestamp: input.timestamp.toISOString(),
      SigningCertURL: input.certificateUrl,
      UnsubscribeURL:
        `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=` +
        encodeURIComponent(`${input.topicArn}:${input.subscriptionId}`),
    },
    sandboxSigningKey(),
    input.signatureVersion
  )
  return input.forge ? forgeEnvelope(envelope, input.forge) : envelope
}

/** Each forgery keeps a well-formed envelope so only signature verification can catch it. */
function forgeEnvelope(envelope: SnsEnvelope, forge: IpnForgery): SnsEnvelope {
  switch (forge) {
    case "badSignature": {
      const signature = Buffer.from(envelope.Signature, "base64")
      signature[signature.length - 1] ^= 0x01
      return { ...envelope, Signature: signature.toString("base64") }
    }
    case "alteredMessage": {
      const message = JSON.parse(envelope.Message) as IpnMessage
      return { ...envelope, Message: JSON.stringify({ ...message, ObjectId: `${message.ObjectId}-ALTERED` }) }
    }
    case "untrustedCertUrl":
      // Signed correctly by the sandbox key, but the certificate would come from an untrusted host.
      return { ...envelope, SigningCertURL: FORGED_CERT_URL }
  }
}

/** The HTTP request SNS makes for an envelope. */
export function snsDeliveryHeaders(envelope: SnsEnvelope, subscriptionArn: string): Record<string, string> {
  return {
    "content-type": "text/plain; charset=UTF-8",
    "user-agent": "Amazon Simple Notification Service Agent",
    "x-amz-sns-message-type": envelope.Type,
    "x-amz-sns-message-id": envelope.MessageId,
    "x-amz-sns-topic-arn": envelope.TopicArn,
    "x-amz-sns-subscription-arn": subscriptionArn,
  }
}

const SNS_FIELD_ORDER = [
  "Type",
  "MessageId",
  "Token",
  "TopicArn",
  "Subject",
  "Message",
  "SubscribeURL",
  "Timestamp",
  "SignatureVersion",
  "Signature",
  "SigningCertURL",
  "UnsubscribeURL",
] as const

/**
 * The body exactly as SNS lays it out (`"Key" : value` lines in SNS's field order), so a store that
 * only copes with compact JSON, or that re-serialises before verifying, fails here as it would live.
 */
export function serializeLikeSns(envelope: SnsEnvelope): string {
  const lines = SNS_FIELD_ORDER.filter((key) => envelope[key] !== undefined).map(
    (key) => `  ${JSON.stringify(key)} : ${JSON.stringify(envelope[key])}`
  )
  return `{\n${lines.join(",\n")}\n}`
}

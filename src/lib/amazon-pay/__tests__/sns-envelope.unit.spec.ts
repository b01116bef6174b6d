import { createPrivateKey, verify, X509Certificate } from "node:crypto"
import {
  MAX_SNS_ENVELOPE_BYTES,
  SnsEnvelopeError,
  buildSnsStringToSign,
  parseIpnMessage,
  parseSnsEnvelope,
  signSnsEnvelope,
} from "../sns"
import type { SnsEnvelope } from "../types"
import { TEST_SNS_CERTIFICATE_PEM, TEST_SNS_PRIVATE_KEY_PEM } from "./sns-test-certificate"

const ipnMessage = {
  MerchantID: "A1MERCHANT",
  ObjectType: "CHARGE",
  ObjectId: "S01-1234567-1234567-C123456",
  ChargePermissionId: "S01-1234567-1234567",
  NotificationType: "STATE_CHANGE",
  NotificationId: "8d6ca1f5-0d8c-4bda-b9b8-3b3e8c5f6a11",
  NotificationVersion: "V2",
}

const envelope: SnsEnvelope = {
  Type: "Notification",
  MessageId: "f6a4c0c4-4f5e-5a33-9c7d-2f8d0f7f9c01",
  TopicArn: "arn:aws:sns:us-east-1:291180941288:A01-A1MERCHANT",
  Message: JSON.stringify(ipnMessage),
  Timestamp: "2026-11-23T10:00:00.000Z",
  SignatureVersion: "2",
  Signature: "c2lnbmF0dXJl",
  SigningCertURL: "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
  UnsubscribeURL: "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe",
}

function expectEnvelopeError(fn: () => unknown, code: SnsEnvelopeError["code"]): void {
  let caught: unknown
  try {
    fn()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(SnsEnvelopeError)
  expect((caught as SnsEnvelopeError).code).toBe(code)
}

describe("parseSnsEnvelope", () => {
  it("parses a string or Buffer body into the envelope fields", () => {
    expect(parseSnsEnvelope(JSON.stringify(envelope))).toEqual(envelope)
    expect(parseSnsEnvelope(Buffer.from(JSON.stringify(envelope)))).toEqual(envelope)
  })

  it("treats a null Subject as absent and drops unknown fields", () => {
    const parsed = parseSnsEnvelope(JSON.stringify({ ...envelope, Subject: null, Extra: "x" }))
    expect("Subject" in parsed).toBe(false)
    expect("Extra" in parsed).toBe(false)
  })

  it.each([
    ["empty string", ""],
    ["whitespace", " \n\t"],
    ["empty Buffer", Buffer.alloc(0)],
  ])("refuses an %s as EmptyBody", (_name, body) => {
    expectEnvelopeError(() => parseSnsEnvelope(body), "EmptyBody")
  })

  it("refuses a body over the size bound before parsing it", () => {
    const big = JSON.stringify({ ...envelope, Message: "x".repeat(MAX_SNS_ENVELOPE_BYTES) })
    expectEnvelopeError(() => parseSnsEnvelope(big), "BodyTooLarge")
    expectEnvelopeError(() => parseSnsEnvelope(JSON.stringify(envelope), 100), "BodyTooLarge")
  })

  it.each(["{", "not json", "{'Type':'Notification'}"])("refuses non-JSON %p", (body) => {
    expectEnvelopeError(() => parseSnsEnvelope(body), "InvalidJson")
  })

  it.each([
    ["an array", []],
    ["a number", 42],
    ["a numeric MessageId", { ...envelope, MessageId: 1 }],
    ["a missing Signature", { ...envelope, Signature: undefined }],
    ["an empty SigningCertURL", { ...envelope, SigningCertURL: "" }],
    ["an object Message", { ...envelope, Message: ipnMessage }],
    ["a numeric Subject", { ...envelope, Subject: 7 }],
  ])("refuses %s as InvalidEnvelope", (_name, value) => {
    expectEnvelopeError(() => parseSnsEnvelope(JSON.stringify(value)), "InvalidEnvelope")
  })

  it("names the offending field but never echoes the body", () => {
    const secretish = "VERY-SECRET-LOOKING-VALUE"
    try {
      parseSnsEnvelope(JSON.stringify({ ...envelope, MessageId: 5, Signature: secretish, TopicArn: 3 }))
      throw new Error("expected a failure")
    } catch (error) {
      expect((error as Error).message).toContain("MessageId")
      expect((error as Error).message).not.toContain(secretish)
    }
  })
})

describe("buildSnsStringToSign", () => {
  it("signs Message, MessageId, Timestamp, TopicArn, Type for a Notification without Subject", () => {
    expect(buildSnsStringToSign(envelope)).toBe(
      `Message\n${envelope.Message}\nMessageId\n${envelope.MessageId}\n` +
        `Timestamp\n${envelope.Timestamp}\nTopicArn\n${envelope.TopicArn}\nType\nNotification\n`
    )
  })

  it("puts Subject between MessageId and Timestamp when present", () => {
    expect(buildSnsStringToSign({ ...envelope, Subject: "Hello" })).toBe(
      `Message\n${envelope.Message}\nMessageId\n${envelope.MessageId}\nSubject\nHello\n` +
        `Timestamp\n${envelope.Timestamp}\nTopicArn\n${envelope.TopicArn}\nType\nNotification\n`
    )
  })

  it.each(["SubscriptionConfirmation", "UnsubscribeConfirmation"])("signs SubscribeURL and Token for %s", (type) => {
    const confirmation = { ...envelope, Type: type, SubscribeURL: "https://sns/confirm", Token: "tok", Subject: "ignored" }
    expect(buildSnsStringToSign(confirmation)).toBe(
      `Message\n${envelope.Message}\nMessageId\n${envelope.MessageId}\nSubscribeURL\nhttps://sns/confirm\n` +
        `Timestamp\n${envelope.Timestamp}\nToken\ntok\nTopicArn\n${envelope.TopicArn}\nType\n${type}\n`
    )
  })

  it("refuses an unknown Type", () => {
    expectEnvelopeError(() => buildSnsStringToSign({ ...envelope, Type: "Other" }), "UnsupportedMessageType")
  })
})

describe("signSnsEnvelope", () => {
  const privateKey = createPrivateKey(TEST_SNS_PRIVATE_KEY_PEM)
  const { publicKey } = new X509Certificate(TEST_SNS_CERTIFICATE_PEM)

  it.each([
    ["1", "sha1"],
    ["2", "sha256"],
  ] as const)("SignatureVersion %s is RSA PKCS#1 v1.5 with %s over the string to sign", (version, digest) => {
    const { Signature: _s, SignatureVersion: _v, ...unsigned } = envelope
    const signed = signSnsEnvelope(unsigned, privateKey, version)
    expect(signed.SignatureVersion).toBe(version)
    const data = Buffer.from(buildSnsStringToSign(signed))
    const signature = Buffer.from(signed.Signature, "base64")
    expect(verify(digest, data, publicKey, signature)).toBe(true)
    expect(verify(digest === "sha1" ? "sha256" : "sha1", data, publicKey, signature)).toBe(false)
  })
})

describe("parseIpnMessage", () => {
  it("parses Amazon Pay's IPN message", () => {
    expect(parseIpnMessage(JSON.stringify(ipnMessage))).toEqual(ipnMessage)
  })

  it.each([
    ["empty", ""],
    ["not JSON", "{"],
    ["missing ObjectId", JSON.stringify({ ...ipnMessage, ObjectId: undefined })],
    ["numeric MerchantID", JSON.stringify({ ...ipnMessage, MerchantID: 12 })],
    ["empty ChargePermissionId", JSON.stringify({ ...ipnMessage, ChargePermissionId: "" })],
    ["an array", "[]"],
  ])("refuses %s as InvalidIpnMessage", (_name, message) => {
    expectEnvelopeError(() => parseIpnMessage(message), "InvalidIpnMessage")
  })
})

/**
 * IPN signature verification throughput with a warm certificate cache, next to a bare
 * `crypto.verify` of an RSA-2048 signature in the same process (the floor no verifier can beat).
 * The certificate is served once by a real local HTTP server, as the sandbox serves it.
 */
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { signSnsEnvelope, type SnsSignatureVersion } from "../../src/lib/amazon-pay/sns"
import { SnsVerifier } from "../../src/lib/amazon-pay/sns-verifier"
import type { SnsEnvelope } from "../../src/lib/amazon-pay/types"
import { SANDBOX_SNS_CERTIFICATE_PEM, SANDBOX_SNS_PRIVATE_KEY_PEM } from "../../src/sandbox/ipn/sandbox-sns-credentials"

export interface Rate {
  name: string
  perSecond: number
}

/**
 * Measures several operations in interleaved rounds (so a change of CPU speed or a noisy neighbour
 * hits all of them alike) and keeps each one's best round: ops per second.
 */
export async function rates(
  ops: Array<{ name: string; op: () => unknown }>,
  durationMs = 1_500,
  rounds = 5
): Promise<Rate[]> {
  const best = ops.map(({ name }) => ({ name, perSecond: 0 }))
  for (const { op } of ops) {
    for (let i = 0; i < 300; i++) {
      await op()
    }
  }
  for (let round = 0; round < rounds; round++) {
    for (const [index, { op }] of ops.entries()) {
      let count = 0
      let elapsed = 0
      const started = performance.now()
      while (elapsed < durationMs / rounds) {
        for (let i = 0; i < 100; i++) {
          await op()
        }
        count += 100
        elapsed = performance.now() - started
      }
      best[index].perSecond = Math.max(best[index].perSecond, (count * 1_000) / elapsed)
    }
  }
  return best
}

function envelopeFor(url: string, version: SnsSignatureVersion): SnsEnvelope {
  const message = {
    MerchantID: "SANDBOX-MERCHANT",
    ObjectType: "CHARGE",
    ObjectId: "S01-1234567-1234567-C123456",
    ChargePermissionId: "S01-1234567-1234567",
    NotificationType: "STATE_CHANGE",
    NotificationId: "3f1c7e5a-1b2c-4d3e-8f90-123456789abc",
    NotificationVersion: "V2",
  }
  return signSnsEnvelope(
    {
      Type: "Notification",
      MessageId: "5e3b8f0a-7c6d-4e5f-9a8b-7c6d5e4f3a2b",
      TopicArn: "arn:aws:sns:us-east-1:000000000000:A01-SANDBOX-MERCHANT",
      Message: JSON.stringify(message),
      Timestamp: new Date().toISOString(),
      SigningCertURL: url,
      UnsubscribeURL: "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x",
    },
    createPrivateKey(SANDBOX_SNS_PRIVATE_KEY_PEM),
    version
  )
}

export interface VerifyThroughput {
  bare: Rate
  bareSha1: Rate
  verifyV2: Rate
  verifyV1: Rate
  verifyIpnV2: Rate
  certificateFetches: number
}

export async function measureVerifyThroughput(durationMs?: number): Promise<VerifyThroughput> {
  let certificateFetches = 0
  const server = createServer((_req, res) => {
    certificateFetches++
    res.end(SANDBOX_SNS_CERTIFICATE_PEM)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const certUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/ipn/cert.pem`
  try {
    const verifier = new SnsVerifier({ trustedSandboxCertUrls: [certUrl] })
    const v2 = envelopeFor(certUrl, "2")
    const v1 = envelopeFor(certUrl, "1")
    const rawV2 = JSON.stringify(v2)

    const data = Buffer.from("x".repeat(400))
    const privateKey = createPrivateKey(SANDBOX_SNS_PRIVATE_KEY_PEM)
    const publicKey = createPublicKey(privateKey)
    const signature256 = sign("sha256", data, privateKey)
    const signature1 = sign("sha1", data, privateKey)

    const [bare, bareSha1, verifyV2, verifyV1, verifyIpnV2] = await rates(
      [
        { name: "bare crypto.verify RSA-2048 SHA-256", op: () => verify("sha256", data, publicKey, signature256) },
        { name: "bare crypto.verify RSA-2048 SHA-1", op: () => verify("sha1", data, publicKey, signature1) },
        { name: "SnsVerifier.verify, SignatureVersion 2", op: () => verifier.verify(v2) },
        { name: "SnsVerifier.verify, SignatureVersion 1", op: () => verifier.verify(v1) },
        { name: "SnsVerifier.verifyIpn (parse + verify + message), v2", op: () => verifier.verifyIpn(rawV2) },
      ],
      durationMs
    )
    return { bare, bareSha1, verifyV2, verifyV1, verifyIpnV2, certificateFetches }
  } finally {
    server.close()
  }
}

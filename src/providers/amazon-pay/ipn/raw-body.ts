/**
 * The IPN's HTTP body exactly as Amazon SNS sent it. Medusa's webhook route keeps it as
 * `payload.rawData` (a Buffer), but the event bus serialises events, so a subscriber may receive it
 * as `{ type: "Buffer", data: number[] }` (Medusa's core subscriber `payment-webhook.js` converts
 * that shape back). SNS posts `text/plain`, so the parsed `payload.data` is not usable: the
 * signature covers the exact bytes.
 */
import { MAX_SNS_ENVELOPE_BYTES } from "../../../lib/amazon-pay/sns"

/** The body, or null when the payload carries none (or one far too large to be an IPN). */
export function rawBodyOf(payload: unknown): Buffer | string | null {
  if (payload === null || typeof payload !== "object") {
    return null
  }
  const raw = (payload as { rawData?: unknown }).rawData
  if (typeof raw === "string") {
    return raw
  }
  if (Buffer.isBuffer(raw)) {
    return raw
  }
  if (raw instanceof Uint8Array) {
    return Buffer.from(raw)
  }
  if (raw && typeof raw === "object") {
    const { type, data } = raw as { type?: unknown; data?: unknown }
    // The Buffer.toJSON shape. Bounded before copying so a huge array is not materialised twice.
    if (type === "Buffer" && Array.isArray(data) && data.length <= MAX_SNS_ENVELOPE_BYTES * 2) {
      if (data.every((byte) => Number.isInteger(byte) && byte >= 0 && byte <= 255)) {
        return Buffer.from(data as number[])
      }
    }
  }
  return null
}

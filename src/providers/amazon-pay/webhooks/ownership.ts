/**
 * Whether an Amazon object belongs to this store. An IPN names a MerchantID and ids; the store acts
 * only for its own merchant account and only on charge permissions it created, which it recognises
 * by `merchantMetadata.merchantReferenceId`: the provider sets it to the Medusa payment session id
 * (button.ts `merchantMetadataFor`, Amazon Pay "Checkout Session" > merchantMetadata).
 */
import type { ChargePermission } from "../../../lib/amazon-pay/types"

/** Medusa payment session ids: `payses_` + a ULID (tests use other alphanumerics). */
const PAYMENT_SESSION_ID = /^payses_[A-Za-z0-9]{1,64}$/

export function isPaymentSessionId(value: unknown): value is string {
  return typeof value === "string" && PAYMENT_SESSION_ID.test(value)
}

/** The Medusa payment session id this charge permission was created for, or null if not ours. */
export function sessionIdOf(permission: Pick<ChargePermission, "merchantMetadata">): string | null {
  const reference = permission.merchantMetadata?.merchantReferenceId
  return isPaymentSessionId(reference) ? reference : null
}

/**
 * Links from an Amazon id to its page in Seller Central, by the merchant account's region. Amazon's
 * own Magento 2 plugin links the charge permission the same way (`Amazon\Pay\Model\Order\Payment`
 * SELLER_CENTRAL_URL: `sellercentral-europe.amazon.com` for de/uk, `sellercentral.amazon.com` for
 * us and jp; WooCommerce links `.../pmd/payment-details?orderReferenceId=<charge permission id>`).
 * The payment-details page is per charge permission: charges and refunds open the same page.
 */
import type { AmazonPayOptions } from "../options"

const HOSTS: Readonly<Record<AmazonPayOptions["region"], string>> = {
  na: "https://sellercentral.amazon.com",
  us: "https://sellercentral.amazon.com",
  jp: "https://sellercentral.amazon.com",
  eu: "https://sellercentral-europe.amazon.com",
  uk: "https://sellercentral-europe.amazon.com",
  de: "https://sellercentral-europe.amazon.com",
}

/** The payment-details page of a charge permission in the region's Seller Central. */
export function sellerCentralUrl(region: AmazonPayOptions["region"], chargePermissionId: string): string {
  return `${HOSTS[region] ?? HOSTS.na}/external-payments/pmd/payment-details?orderReferenceId=${encodeURIComponent(chargePermissionId)}`
}

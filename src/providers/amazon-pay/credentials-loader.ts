/**
 * The optional start-up credentials check (provider option `credentialsCheck`): a module provider
 * loader, run by Medusa when the payment module loads this provider. `warn` logs the verdict,
 * `fail` stops start-up when Amazon refuses the key (a key that does not match its key id would
 * otherwise be found only when a buyer clicks the button). An unreachable Amazon never stops
 * start-up; it is logged.
 */
import type { Logger } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { checkCredentials } from "../../lib/amazon-pay/credentials-check"
import { amazonPayClientFor, describeTarget } from "./amazon-client"
import { parseAmazonPayOptions } from "./options"

export default async function credentialsCheckLoader({ options, logger }: { options?: Record<string, unknown>; logger?: Logger }): Promise<void> {
  const parsed = parseAmazonPayOptions(options)
  if (parsed.credentialsCheck === "off") {
    return
  }
  const verdict = await checkCredentials(amazonPayClientFor(parsed), { publicKeyId: parsed.publicKeyId, target: describeTarget(parsed) })
  if (verdict.ok) {
    logger?.info(verdict.message)
    return
  }
  if (parsed.credentialsCheck === "fail" && verdict.problem !== "unreachable") {
    throw new MedusaError(MedusaError.Types.INVALID_ARGUMENT, `${verdict.message} (provider option credentialsCheck: "fail")`)
  }
  logger?.warn(verdict.message)
}

/**
 * `GET <sandbox>/checkout.js`: the stand-in as plain JavaScript. The browser code is a typed
 * function (stand-in.ts) serialized with `Function.prototype.toString`, so it is the compiled
 * JavaScript of whichever build runs the sandbox (tsc's for `medusa plugin:build`, SWC's under
 * ts-node and jest) and needs no bundler or asset copy at run time.
 */
import { installAmazonPayStandIn, type StandInSettings } from "./stand-in"

const BANNER =
  "/* Amazon Pay sandbox (medusa-payment-amazon-pay): a local stand-in for Amazon's checkout.js. " +
  "It talks only to the sandbox that served it; it is not Amazon's script. */"

export function checkoutScriptSource(settings: StandInSettings): string {
  return `${BANNER}\n;(${installAmazonPayStandIn.toString()})(${JSON.stringify(settings)});\n`
}

/** Medusa module provider entry: `resolve: "medusa-payment-amazon-pay/providers/amazon-pay"`, id `amazon-pay`. */
import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import credentialsCheckLoader from "./credentials-loader"
import { AmazonPayProviderService } from "./provider-service"

export default ModuleProvider(Modules.PAYMENT, { services: [AmazonPayProviderService], loaders: [credentialsCheckLoader] })

/** The sandbox's IPN sender and its control endpoints (see dispatcher.ts and ipn-routes.ts). */
export { IpnDispatcher, type IpnDispatcherOptions, type IpnNotice } from "./dispatcher"
export type { IpnDelivery } from "./delivery-log"
export {
  DEFAULT_IPN_CONFIG,
  IPN_FORGERIES,
  ipnConfigureSchema,
  type IpnConfigureInput,
  type IpnDeliveryConfig,
  type IpnForgery,
} from "./ipn-config"
export { FORGED_CERT_URL, type IpnNotifyInput, type IpnObjectTypeSent } from "./ipn-envelope"
export {
  IPN_CERT_PATH,
  IPN_CONTROL_PATH,
  IPN_DELIVERIES_PATH,
  IPN_DRAIN_PATH,
  handleIpnControl,
  type IpnControlResponse,
} from "./ipn-routes"
export { SANDBOX_SNS_CERTIFICATE_PEM } from "./sandbox-sns-credentials"

/** Minimal typing of the official SDK (it ships none), for the conformance tests only. */
declare module "@amazonpay/amazon-pay-api-sdk-nodejs" {
  interface SdkResponse {
    status: number
    data: any
    headers: Record<string, string>
  }
  type Headers = Record<string, string> | null
  export class WebStoreClient {
    constructor(config: Record<string, unknown>)
    getSignedHeaders(options: { method: string; urlFragment: string; payload?: unknown; headers?: Headers }): Record<string, string>
    generateButtonSignature(payload: unknown): string
    createCheckoutSession(payload: unknown, headers: Headers): Promise<SdkResponse>
    getCheckoutSession(id: string, headers?: Headers): Promise<SdkResponse>
    updateCheckoutSession(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>
    completeCheckoutSession(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>
    finalizeCheckoutSession(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>
    getChargePermission(id: string, headers?: Headers): Promise<SdkResponse>
    updateChargePermission(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>
    closeChargePermission(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>
    createCharge(payload: unknown, headers: Headers): Promise<SdkResponse>
    getCharge(id: string, headers?: Headers): Promise<SdkResponse>
    captureCharge(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>
    cancelCharge(id: string, payload: unknown, headers?: Headers): Promise<SdkResponse>
    createRefund(payload: unknown, headers: Headers): Promise<SdkResponse>
    getRefund(id: string, headers?: Headers): Promise<SdkResponse>
    deliveryTrackers(payload: unknown, headers?: Headers): Promise<SdkResponse>
  }
}

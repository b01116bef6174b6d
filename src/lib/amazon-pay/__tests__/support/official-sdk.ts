/**
 * The official Amazon Pay Node SDK (2.3.4, untyped JavaScript) as a conformance peer: the typed
 * slice of its WebStoreClient that the tests and the bench drive. Not used at runtime.
 */
import * as officialSdk from "@amazonpay/amazon-pay-api-sdk-nodejs"
import { generateKeyPairSync, type KeyObject } from "node:crypto"
import { buildCanonicalRequest, buildStringToSign, parseAuthorization, verifyString, type SignatureAlgorithm } from "../../signer"
import { flatHeaders, type CapturedRequest } from "./capture-server"

type Headers = Record<string, string> | null

export interface SdkResponse {
  status: number
  data: any
  headers: Record<string, string>
}

export interface OfficialWebStoreClient {
  apiCall(options: { method: string; urlFragment: string; payload?: unknown; headers?: Headers; queryParams?: Record<string, string> }): Promise<SdkResponse>
  getSignedHeaders(options: { method: string; urlFragment: string; payload?: unknown; headers?: Headers; queryParams?: Record<string, string> }): Record<string, string>
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

export interface OfficialSdkConfig {
  publicKeyId: string
  privateKey: string
  region: string
  sandbox?: boolean
  algorithm?: SignatureAlgorithm
  /** `host:port`; the SDK prefixes `https://` itself. */
  overrideServiceUrl?: string
}

export function officialWebStoreClient(config: OfficialSdkConfig): OfficialWebStoreClient {
  const { WebStoreClient } = officialSdk as unknown as { WebStoreClient: new (config: OfficialSdkConfig) => OfficialWebStoreClient }
  return new WebStoreClient(config)
}

export interface TestKeys {
  privateKey: KeyObject
  privateKeyPem: string
  publicKey: KeyObject
}

export function generateTestKeys(): TestKeys {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
  return { privateKey, publicKey, privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }) as string }
}

export interface ArrivedSignature {
  algorithm: SignatureAlgorithm
  publicKeyId: string
  signedHeaders: string[]
  signature: string
  /** Our canonical request, rebuilt from what arrived with the SignedHeaders the sender named. */
  canonicalRequest: string
  stringToSign: string
  /** The sender's signature verifies over our string to sign with the public key. */
  valid: boolean
}

/** What Amazon does on arrival: rebuild the canonical request from the wire and verify. */
export function verifyArrived(request: CapturedRequest, publicKey: KeyObject): ArrivedSignature {
  const authorization = parseAuthorization(flatHeaders(request.headers).authorization)
  if (!authorization) {
    throw new Error("request has no Amazon Pay authorization header")
  }
  const url = new URL(request.url, "http://placeholder")
  const { canonicalRequest } = buildCanonicalRequest({
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    headers: flatHeaders(request.headers),
    signedHeaders: authorization.signedHeaders,
    body: request.body,
  })
  const stringToSign = buildStringToSign(authorization.algorithm, canonicalRequest)
  return {
    ...authorization,
    canonicalRequest,
    stringToSign,
    valid: verifyString(publicKey, authorization.algorithm, stringToSign, authorization.signature),
  }
}

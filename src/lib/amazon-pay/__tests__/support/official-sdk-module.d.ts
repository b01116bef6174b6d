/**
 * Makes the untyped official SDK importable; the typed slice that the client's and the sandbox's
 * conformance tests and the bench use is `OfficialWebStoreClient` in official-sdk.ts.
 */
declare module "@amazonpay/amazon-pay-api-sdk-nodejs" {}

/**
 * Makes the untyped official SDK importable for the client's conformance tests and bench on its own;
 * the typed slice they use is `OfficialWebStoreClient` in official-sdk.ts. Merges with any other
 * ambient declaration of the module.
 */
declare module "@amazonpay/amazon-pay-api-sdk-nodejs" {}

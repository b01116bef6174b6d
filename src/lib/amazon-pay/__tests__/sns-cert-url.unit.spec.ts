import { isTrustedSnsCertUrl } from "../sns-cert-url"

describe("isTrustedSnsCertUrl", () => {
  it.each([
    "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem",
    "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem",
    "https://sns.ap-southeast-2.amazonaws.com/SimpleNotificationService-abc.pem",
    "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-abc.pem",
    "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem",
    "https://sns.eu-central-2.amazonaws.com/certs/SimpleNotificationService-abc.pem",
  ])("trusts %s", (url) => {
    expect(isTrustedSnsCertUrl(url)).toBe(true)
  })

  it.each([
    // look-alike hosts
    ["suffix host", "https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-abc.pem"],
    ["host in the path", "https://evil.com/sns.us-east-1.amazonaws.com.pem"],
    ["userinfo", "https://sns.us-east-1.amazonaws.com@evil.com/SimpleNotificationService-abc.pem"],
    ["userinfo on the real host", "https://user:pw@sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["dash instead of dot", "https://sns-us-east-1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["missing region", "https://sns.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["prefix host", "https://evilsns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["subdomain", "https://x.sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["other service", "https://s3.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["bad region", "https://sns.useast1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["region with dots", "https://sns.evil.com.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["non-China region on .cn", "https://sns.us-east-1.amazonaws.com.cn/SimpleNotificationService-abc.pem"],
    ["China region on .com", "https://sns.cn-north-1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["trailing dot", "https://sns.us-east-1.amazonaws.com./SimpleNotificationService-abc.pem"],
    ["IP address", "https://54.239.28.85/SimpleNotificationService-abc.pem"],
    // scheme and port
    ["http", "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["protocol-relative", "//sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["file", "file:///sns.us-east-1.amazonaws.com/x.pem"],
    ["port 8443", "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-abc.pem"],
    ["explicit :443", "https://sns.us-east-1.amazonaws.com:443/SimpleNotificationService-abc.pem"],
    // path
    ["not .pem", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.crt"],
    ["no path", "https://sns.us-east-1.amazonaws.com"],
    ["bare .pem", "https://sns.us-east-1.amazonaws.com/.pem"],
    [".pem in query", "https://sns.us-east-1.amazonaws.com/cert?x=.pem"],
    ["query after .pem", "https://sns.us-east-1.amazonaws.com/cert.pem?redirect=evil"],
    ["fragment", "https://sns.us-east-1.amazonaws.com/cert.pem#x"],
    ["dot segments", "https://sns.us-east-1.amazonaws.com/a/../cert.pem"],
    ["encoded .pem", "https://sns.us-east-1.amazonaws.com/cert%2Epem"],
    // canonical-form tricks the URL parser would repair
    ["upper-case host", "https://SNS.US-EAST-1.AMAZONAWS.COM/SimpleNotificationService-abc.pem"],
    ["upper-case scheme", "HTTPS://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["percent-encoded host", "https://sns%2Eus-east-1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["percent-encoded host letter", "https://%73ns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["backslashes", "https:\\\\sns.us-east-1.amazonaws.com\\SimpleNotificationService-abc.pem"],
    ["embedded tab", "https://sns.us-east-1.amazon\taws.com/SimpleNotificationService-abc.pem"],
    ["leading space", " https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["fullwidth dot", "https://sns\uff0eus-east-1.amazonaws.com/SimpleNotificationService-abc.pem"],
    ["unicode look-alike", "https://sns.us-east-1.amazonaws.c\u043em/SimpleNotificationService-abc.pem"],
    // not a URL
    ["empty", ""],
    ["garbage", "not a url"],
    ["very long", `https://sns.us-east-1.amazonaws.com/${"a".repeat(3000)}.pem`],
  ])("rejects %s", (_name, url) => {
    expect(isTrustedSnsCertUrl(url)).toBe(false)
  })

  it.each([undefined, null, 42, {}])("rejects non-string %p", (value) => {
    expect(isTrustedSnsCertUrl(value)).toBe(false)
  })
})

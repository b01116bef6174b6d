import { amazonPayScriptUrl } from "../script-url"

describe("amazonPayScriptUrl", () => {
  it.each([
    ["na", "https://static-na.payments-amazon.com/checkout.js"],
    ["us", "https://static-na.payments-amazon.com/checkout.js"],
    ["eu", "https://static-eu.payments-amazon.com/checkout.js"],
    ["uk", "https://static-eu.payments-amazon.com/checkout.js"],
    ["de", "https://static-eu.payments-amazon.com/checkout.js"],
    ["jp", "https://static-fe.payments-amazon.com/checkout.js"],
    ["fe", "https://static-fe.payments-amazon.com/checkout.js"],
  ] as const)("region %s loads %s", (region, url) => {
    expect(amazonPayScriptUrl({ region })).toBe(url)
  })

  it("loads the sandbox's stand-in from its base URL, with or without a trailing slash or a path prefix", () => {
    expect(amazonPayScriptUrl({ sandboxUrl: "http://localhost:4010" })).toBe("http://localhost:4010/checkout.js")
    expect(amazonPayScriptUrl({ sandboxUrl: "http://127.0.0.1:4010/" })).toBe("http://127.0.0.1:4010/checkout.js")
    expect(amazonPayScriptUrl({ sandboxUrl: "https://dev.example/amazon-sandbox" })).toBe("https://dev.example/amazon-sandbox/checkout.js")
  })

  it.each([
    [{ region: "mars" }, /Unknown Amazon Pay region "mars"/],
    [{ region: "toString" }, /Unknown Amazon Pay region/],
    [{ sandboxUrl: "localhost:4010" }, /must be the sandbox's http\(s\) base URL/],
    [{ sandboxUrl: "/sandbox" }, /is not an absolute URL/],
    [{ sandboxUrl: "javascript:alert(1)" }, /must be the sandbox's http\(s\) base URL/],
    [{ sandboxUrl: "http://user:secret@localhost:4010" }, /without credentials/],
    [{ sandboxUrl: "http://localhost:4010/?x=1" }, /without credentials, query or fragment/],
  ])("refuses %j", (source, message) => {
    expect(() => amazonPayScriptUrl(source as never)).toThrow(message)
  })
})

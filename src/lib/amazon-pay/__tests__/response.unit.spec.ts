import { httpError } from "../response"

const context = { operation: "createCharge", attempts: 1, requestId: undefined }
const body = (reasonCode: string) => JSON.stringify({ reasonCode, message: "x" })

describe("httpError: which HTTP errors are worth a retry", () => {
  it.each([
    ["a 408 without Amazon's body (a proxy timed out)", 408, "", true],
    ["a 408 TransactionTimedOut: Amazon declined, a retry only replays it", 408, body("TransactionTimedOut"), false],
    ["a 422 SoftDeclined", 422, body("SoftDeclined"), false],
    ["a 429", 429, body("TooManyRequests"), true],
    ["a 500 whatever its body says (a 5xx body may mislead)", 500, body("ProcessingFailure"), true],
    ["a 400 refusal", 400, body("InvalidParameterValue"), false],
  ])("%s", (_name, status, text, retryable) => {
    expect(httpError(status, "", text, context).retryable).toBe(retryable)
  })
})

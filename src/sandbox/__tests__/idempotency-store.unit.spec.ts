import { IdempotencyStore, isStoredAnswer } from "../idempotency-store"

describe("IdempotencyStore", () => {
  const answer = (status: number, body = "{}") => ({ status, body })

  it("keeps the first answer to a key, a definite failure included; throttling and server errors are not kept", () => {
    expect([200, 201, 400, 404, 408, 422].every(isStoredAnswer)).toBe(true)
    expect([429, 500, 503].some(isStoredAnswer)).toBe(false)
    const store = new IdempotencyStore()
    store.save("M1", "throttled", "f", answer(429))
    store.save("M1", "broken", "f", answer(503))
    expect(store.lookup("M1", "throttled", "f")).toBeNull()
    expect(store.lookup("M1", "broken", "f")).toBeNull()
    store.save("M1", "declined", "f", answer(422, '{"reasonCode":"SoftDeclined"}'))
    store.save("M1", "declined", "f", answer(201, '{"chargeId":"C"}'))
    expect(store.lookup("M1", "declined", "f")).toEqual(answer(422, '{"reasonCode":"SoftDeclined"}'))
  })

  it("scopes keys per merchant and refuses a key reused for another request", () => {
    const store = new IdempotencyStore()
    store.save("M1", "k", "fingerprint-a", answer(201))
    expect(store.lookup("M2", "k", "fingerprint-b")).toBeNull()
    expect(() => store.lookup("M1", "k", "fingerprint-b")).toThrow(expect.objectContaining({ status: 400, reasonCode: "DuplicateIdempotencyKey" }))
  })

  it("forgets the oldest keys first beyond its key count or stored bytes", () => {
    const byCount = new IdempotencyStore({ maxEntries: 2 })
    for (const key of ["a", "b", "c"]) {
      byCount.save("M", key, "f", answer(201))
    }
    expect([byCount.lookup("M", "a", "f"), byCount.size()]).toEqual([null, 2])
    expect(byCount.lookup("M", "c", "f")).not.toBeNull()
    const byBytes = new IdempotencyStore({ maxStoredBytes: 200 })
    byBytes.save("M", "small", "f", answer(201, "x".repeat(100)))
    byBytes.save("M", "large", "f", answer(201, "y".repeat(120)))
    expect(byBytes.lookup("M", "small", "f")).toBeNull()
    expect(byBytes.lookup("M", "large", "f")?.body).toBe("y".repeat(120))
  })
})

/**
 * The cluster campaign starts Redis when it is down, as it expects PostgreSQL to be there, and
 * empties only its own database index. Run against a real redis-server on a spare port.
 */
import Redis from "ioredis"
import { ensureRedis } from "../redis"

jest.setTimeout(30_000)

const PORT = 9499
const url = (index: number) => `redis://localhost:${PORT}/${index}`

async function answers(target: string): Promise<boolean> {
  const client = new Redis(target, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  client.on("error", () => undefined)
  try {
    await client.connect()
    return (await client.ping()) === "PONG"
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}

describe("ensureRedis", () => {
  it("starts redis-server when nothing answers, empties only its index, and stops what it started", async () => {
    expect(await answers(url(5))).toBe(false)
    const first = await ensureRedis(url(5))
    try {
      expect(first.started).toBe(true)
      const five = new Redis(url(5))
      const six = new Redis(url(6))
      await five.set("left-by-an-earlier-run", "1")
      await six.set("someone-else", "1")
      const second = await ensureRedis(url(5))
      expect([second.started, await five.get("left-by-an-earlier-run"), await six.get("someone-else")]).toEqual([false, null, "1"])
      five.disconnect()
      six.disconnect()
    } finally {
      await first.stop()
    }
    const deadline = Date.now() + 10_000
    while ((await answers(url(5))) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(await answers(url(5))).toBe(false)
  })
})

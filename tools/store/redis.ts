/**
 * Redis for the cluster campaign: reached at `redisUrl`, started (`redis-server`, no persistence)
 * when it is down on this machine, as the campaign's PostgreSQL is expected to be there. The
 * campaign's database index is emptied first: BullMQ queues (event bus, workflow engine) and locks
 * left by an earlier run would otherwise be picked up by this run's worker.
 */
import { spawn, type ChildProcess } from "node:child_process"
import Redis from "ioredis"

export interface CampaignRedis {
  /** True when this run started redis-server (it is stopped again by `stop`). */
  started: boolean
  stop(): Promise<void>
}

async function ping(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000 })
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

async function flushIndex(url: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 })
  try {
    await client.flushdb()
  } finally {
    client.disconnect()
  }
}

export async function ensureRedis(url: string): Promise<CampaignRedis> {
  let child: ChildProcess | undefined
  if (!(await ping(url))) {
    const { hostname, port } = new URL(url)
    if (!["localhost", "127.0.0.1"].includes(hostname)) {
      throw new Error(`Redis at ${hostname}:${port || 6379} does not answer; start it or set CHAOS_REDIS_URL`)
    }
    child = spawn("redis-server", ["--port", port || "6379", "--save", "", "--appendonly", "no"], { stdio: "ignore", detached: true })
    const deadline = Date.now() + 15_000
    while (!(await ping(url))) {
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`could not start redis-server on port ${port || 6379} (is it installed?)`)
      }
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
  await flushIndex(url)
  return {
    started: child !== undefined,
    stop: async () => {
      if (child?.pid && child.exitCode === null) {
        process.kill(child.pid, "SIGTERM")
      }
    },
  }
}

/**
 * medusa-config.ts switches to the production topology from the environment (README "Production
 * deployment"): Medusa's Redis modules with REDIS_URL, workerMode from MEDUSA_WORKER_MODE, and
 * nothing changed without them.
 */
const VARIABLES = ["REDIS_URL", "MEDUSA_WORKER_MODE", "MEDUSA_EVENT_ATTEMPTS", "AMAZON_PAY_PUBLIC_KEY_ID"] as const

function loadConfig(env: Partial<Record<(typeof VARIABLES)[number], string>>): any {
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]))
  try {
    for (const name of VARIABLES) {
      if (env[name] === undefined) delete process.env[name]
      else process.env[name] = env[name]
    }
    let config: any
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh evaluation per environment
      config = require("../../../medusa-config")
    })
    return config
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}

const resolveOf = (config: any, key: string) => config.modules[key]?.resolve
const providersOf = (config: any, key: string) => (config.modules[key]?.options?.providers ?? []).map((p: any) => p.resolve)

describe("medusa-config.ts topology switch", () => {
  it("without REDIS_URL keeps Medusa's in-memory modules and the shared mode", () => {
    const config = loadConfig({})
    expect(config.projectConfig.redisUrl).toBeUndefined()
    expect(config.projectConfig.workerMode).toBeUndefined()
    for (const key of ["cache", "event_bus", "workflows", "locking"]) {
      expect(String(resolveOf(config, key))).not.toMatch(/redis/)
    }
    expect(providersOf(config, "locking")).toEqual([])
  })

  it("with REDIS_URL registers Medusa's Redis event bus, workflow engine, locking and cache, and Redis sessions", () => {
    const url = "redis://localhost:6379/3"
    const config = loadConfig({ REDIS_URL: url, MEDUSA_WORKER_MODE: "worker", AMAZON_PAY_PUBLIC_KEY_ID: "SANDBOX-TEST" })
    expect(config.projectConfig).toMatchObject({ redisUrl: url, workerMode: "worker" })
    expect(resolveOf(config, "event_bus")).toBe("@medusajs/medusa/event-bus-redis")
    expect(config.modules.event_bus.options).toMatchObject({ redisUrl: url, jobOptions: { attempts: 5, backoff: { type: "exponential" } } })
    expect(resolveOf(config, "workflows")).toBe("@medusajs/medusa/workflow-engine-redis")
    expect(config.modules.workflows.options).toEqual({ redis: { redisUrl: url } })
    expect(providersOf(config, "locking")).toEqual(["@medusajs/medusa/locking-redis"])
    expect(resolveOf(config, "cache")).toBe("@medusajs/medusa/cache-redis")
    // IPN events retried as often as any other event.
    expect(config.modules.payment.options.webhook_retries).toBe(5)
  })

  it("refuses a worker mode or an attempt count it does not know, naming the variable", () => {
    expect(() => loadConfig({ MEDUSA_WORKER_MODE: "workers" })).toThrow(/MEDUSA_WORKER_MODE must be shared, server or worker \(got "workers"\)/)
    expect(() => loadConfig({ MEDUSA_EVENT_ATTEMPTS: "0" })).toThrow(/MEDUSA_EVENT_ATTEMPTS must be a whole number from 1 to 50/)
    expect(loadConfig({ MEDUSA_WORKER_MODE: "server" }).projectConfig.workerMode).toBe("server")
  })
})

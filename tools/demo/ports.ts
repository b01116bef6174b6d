/** Port probing on the interfaces the servers really bind (Medusa listens on all of them). */
import { createServer } from "node:net"

/** True when `port` can be bound on `host` right now. */
export function isPortFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once("error", () => resolve(false))
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)))
  })
}

/** `preferred` when it is free, else a port the OS picks (0 = any). */
export async function preferredOrFreePort(preferred: number, host?: string): Promise<number> {
  return (await isPortFree(preferred, host)) ? preferred : 0
}

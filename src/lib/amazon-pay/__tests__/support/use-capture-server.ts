/** A capture server for one `describe` block: started before, closed after, log emptied per test. */
import { startCaptureServer, type CaptureServer } from "./capture-server"

export function useCaptureServer(options: Parameters<typeof startCaptureServer>[0] = {}): CaptureServer {
  let server: CaptureServer | undefined
  beforeAll(async () => {
    server = await startCaptureServer(options)
  })
  afterAll(() => server?.close())
  beforeEach(() => {
    live().requests.length = 0
  })
  const live = (): CaptureServer => {
    if (!server) {
      throw new Error("the capture server is used outside a test")
    }
    return server
  }
  return {
    get httpUrl() {
      return live().httpUrl
    },
    get httpsHost() {
      return live().httpsHost
    },
    get httpsUrl() {
      return live().httpsUrl
    },
    get requests() {
      return live().requests
    },
    setHandler: (handler) => live().setHandler(handler),
    close: () => live().close(),
  }
}

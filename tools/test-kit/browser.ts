/**
 * Browser tests: Debian's chromium, headless, driven by playwright-core (no browser download).
 * `withPage` gives each test a fresh context (no cookies or storage from another test), records the
 * page's console errors and uncaught exceptions, and on failure writes a full-page screenshot to
 * `.browser-artifacts/<test>.png` before rethrowing. Poll with `waitFor` (./wait), never sleep.
 */
import { existsSync, mkdirSync } from "node:fs"
import path from "node:path"
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core"

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
]
export const ARTIFACTS_DIR = path.resolve(__dirname, "../../.browser-artifacts")
/** Playwright's own waits (locators, navigation) give up after this. */
export const ACTION_TIMEOUT_MS = 10_000

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No chromium at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`)
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
}

export interface PageLog {
  /** `console.error` messages, in order. */
  consoleErrors: string[]
  /** Uncaught exceptions and unhandled rejections in the page. */
  pageErrors: string[]
}

export interface PageSession {
  page: Page
  context: BrowserContext
  log: PageLog
}

const slug = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 120) || "browser-test"

export async function withPage<T>(browser: Browser, name: string, run: (session: PageSession) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } })
  context.setDefaultTimeout(ACTION_TIMEOUT_MS)
  const page = await context.newPage()
  const log: PageLog = { consoleErrors: [], pageErrors: [] }
  page.on("console", (message) => {
    if (message.type() === "error") {
      log.consoleErrors.push(message.text())
    }
  })
  page.on("pageerror", (error) => log.pageErrors.push(error.message))
  try {
    return await run({ page, context, log })
  } catch (error) {
    const file = path.join(ARTIFACTS_DIR, `${slug(name)}.png`)
    try {
      mkdirSync(ARTIFACTS_DIR, { recursive: true })
      await page.screenshot({ path: file, fullPage: true, timeout: 5_000 })
      ;(error as Error).message += `\n(screenshot of the page at failure: ${file}; page URL ${page.url()})`
    } catch {
      // the page may be gone; the original error matters more
    }
    throw error
  } finally {
    await context.close()
  }
}

/** The current jest test's full name, for artifact file names. */
export const currentTestName = (): string => expect.getState().currentTestName ?? "browser-test"

/** The demo's console voice: one readable line per step, timings, nothing secret. */
const started = Date.now()

const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)}s`

export const say = {
  step(text: string): void {
    console.log(`✔ ${text}`)
  },
  info(text: string): void {
    console.log(`  ${text}`)
  },
  phase(text: string): void {
    console.log(`\n▶ ${text} [${seconds()}]`)
  },
  fail(text: string): void {
    console.error(`✖ ${text}`)
  },
  elapsed: seconds,
}

/** Promises that resolve when a queue goes idle, each with its own deadline (for `drain()`). */
export class IdleWaiters {
  private waiters: Array<() => void> = []

  /** Resolves at the next `settle()`; rejects with `describe()` in the message after `timeoutMs`. */
  wait(timeoutMs: number, describe: () => string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // Deliberately not unref'd: whoever awaits wants the process to stay up until then.
      const deadline = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done)
        reject(new Error(`${describe()} after ${timeoutMs} ms`))
      }, timeoutMs)
      const done = () => {
        clearTimeout(deadline)
        resolve()
      }
      this.waiters.push(done)
    })
  }

  settle(): void {
    const waiters = this.waiters
    this.waiters = []
    waiters.forEach((resolve) => resolve())
  }
}

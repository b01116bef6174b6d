/**
 * Sample summaries for the benchmark. Medians and p95 rather than means: a 2-core machine shared
 * with other work produces occasional long outliers, and the median ignores them while p95 shows
 * them. Percentiles are nearest-rank (no interpolation), so every figure is a time actually measured.
 */

export interface Summary {
  count: number
  medianMs: number
  p95Ms: number
  minMs: number
  maxMs: number
}

/** Nearest-rank percentile of an ascending array: the smallest value with at least p% at or below it. */
function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1]
}

export function summarize(samplesMs: number[]): Summary {
  if (samplesMs.length === 0) {
    throw new Error("no samples to summarize")
  }
  const sorted = [...samplesMs].sort((a, b) => a - b)
  return {
    count: sorted.length,
    medianMs: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    minMs: sorted[0],
    maxMs: sorted[sorted.length - 1],
  }
}

export const ms = (value: number) => `${value.toFixed(1)} ms`

/**
 * The console tables every phase prints. `align` has one letter per column, "l" or "r"; by default
 * the first column is left-aligned and the others (numbers) right-aligned.
 */
export function table(header: string[], rows: string[][], align = "l" + "r".repeat(header.length - 1)): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (align[i] === "r" ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd()
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")
}

/** Elapsed milliseconds of `run`, and the monotonic window it ran in (µs, the clock V8 profiles use). */
export async function timed<T>(run: () => Promise<T>): Promise<{ result: T; elapsedMs: number; window: Window }> {
  const start = process.hrtime.bigint()
  const result = await run()
  const end = process.hrtime.bigint()
  return { result, elapsedMs: Number(end - start) / 1e6, window: { startUs: Number(start / 1000n), endUs: Number(end / 1000n) } }
}

/**
 * A time window on CLOCK_MONOTONIC in microseconds. process.hrtime and the timestamps of a V8 CPU
 * profile (`--cpu-prof`) read the same clock on Linux, so windows measured here select the samples
 * the Medusa child process took during them.
 */
export interface Window {
  startUs: number
  endUs: number
}

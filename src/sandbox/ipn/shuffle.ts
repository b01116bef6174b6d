/**
 * Fisher-Yates shuffle that never returns the input order for two or more items, so a `reorder`
 * batch is observably out of order every time (a test can rely on it).
 */
export function shuffleChanged<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  if (out.length > 1 && out.every((item, index) => item === items[index])) {
    ;[out[0], out[1]] = [out[1], out[0]]
  }
  return out
}

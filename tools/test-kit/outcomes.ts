/**
 * Answers of Store/Admin calls as values, for tests that assert what happened rather than stop at
 * the first refusal: a hostile storefront's attempt, or several admins clicking at once.
 */

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; message: string }

/** The call's value, or its HTTP refusal (status and Medusa's message); other errors are thrown. */
export async function outcomeOf<T>(request: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await request }
  } catch (error: any) {
    if (!error?.response) {
      throw error
    }
    const { status, data } = error.response
    return { ok: false, status, message: typeof data === "object" && data ? String(data.message ?? JSON.stringify(data)) : String(data) }
  }
}

/** A 4xx answer: refused as bad or not allowed input, as opposed to a server failure. */
export function isClientError(outcome: Outcome<unknown>): boolean {
  return !outcome.ok && outcome.status >= 400 && outcome.status < 500
}

/** Starts every call at once (as two admins clicking together) and waits for all answers. */
export function inParallel<T>(calls: Array<() => Promise<T>>): Promise<Array<Outcome<T>>> {
  return Promise.all(calls.map((call) => outcomeOf(call())))
}

/** "2xx" or "<status> <message>": short enough to read in a failed `toEqual`'s diff. */
export function describeOutcome(outcome: Outcome<unknown>): string {
  return outcome.ok ? "2xx" : `${outcome.status} ${outcome.message}`
}

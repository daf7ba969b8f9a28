import { useEffect, useState } from 'preact/hooks'
import { failureOf, type LoadFailure } from './graphql-request.js'

/** What a {@link useLoaded} reading holds. */
export interface Loaded<Value> {
  /** The last value read; it stays while the next reading is on its way. */
  value?: Value
  /** Why the last reading failed; cleared by the next one that succeeds. */
  failure?: LoadFailure
  /** Replaces the value (with what a mutation answered). */
  setValue: (value: Value) => void
}

/**
 * Reads a value, and again whenever one of `inputs` changes. A reading overtaken by a newer one, or
 * by the component's going, is dropped, so an old answer never replaces a newer one.
 */
export function useLoaded<Value>(load: () => Promise<Value>, inputs: readonly unknown[]): Loaded<Value> {
  const [state, setState] = useState<{ value?: Value; failure?: LoadFailure }>({})
  useEffect(() => {
    let current = true
    load().then(
      (value) => current && setState({ value }),
      (error: unknown) => current && setState((known) => ({ ...known, failure: failureOf(error) })),
    )
    return () => {
      current = false
    }
  }, inputs)
  return { ...state, setValue: (value) => setState({ value }) }
}

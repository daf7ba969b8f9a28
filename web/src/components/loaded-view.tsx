import type { ComponentChildren } from 'preact'
import type { LoadFailure } from '../graphql-request.js'
import { LoadError } from './sign-in-notice.js'

/** Options of {@link LoadedView}. */
export interface LoadedViewProps<Value> {
  /** What was read, once it was. */
  value: Value | undefined
  failure?: LoadFailure
  /** Said while nothing is read yet. */
  loading?: string
  /** Said instead of `children` when the value is an empty list, e.g. "No release yet.". */
  empty?: string
  /** Draws what was read. */
  children: (value: Value) => ComponentChildren
}

/** Something read from the gateway: why it could not be read, that it is being read, or what it is. */
export function LoadedView<Value>({ value, failure, loading = 'Loading…', empty, children }: LoadedViewProps<Value>) {
  if (failure) return <LoadError error={failure} />
  if (value === undefined) return <p class="text-sm text-slate-700">{loading}</p>
  if (empty !== undefined && Array.isArray(value) && value.length === 0)
    return <p class="text-sm text-slate-700">{empty}</p>
  return <>{children(value)}</>
}

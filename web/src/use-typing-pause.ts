import { useEffect, useRef } from 'preact/hooks'

/** How long typing must pause before what was typed applies. */
const PAUSE_MS = 250

/**
 * Runs `apply` once `inputs` (what is being typed) have stayed the same for a quarter of a second
 * after a change. Nothing was typed yet when the component comes, so it does not run then: what
 * the inputs start with already applies.
 */
export function useTypingPause(apply: () => void, inputs: readonly unknown[]): void {
  const mounted = useRef(false)
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true
      return
    }
    const timer = setTimeout(apply, PAUSE_MS)
    return () => clearTimeout(timer)
  }, inputs)
}

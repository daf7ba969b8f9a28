import { useEffect } from 'preact/hooks'

/** How long typing must pause before what was typed applies. */
const PAUSE_MS = 250

/** Runs `apply` once `inputs` (what is being typed) have stayed the same for a quarter of a second. */
export function useTypingPause(apply: () => void, inputs: readonly unknown[]): void {
  useEffect(() => {
    const timer = setTimeout(apply, PAUSE_MS)
    return () => clearTimeout(timer)
  }, inputs)
}

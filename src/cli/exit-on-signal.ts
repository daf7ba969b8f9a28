/**
 * How `hangar` ends on SIGINT, SIGTERM and SIGHUP: at once, with 128 + the signal's number
 * (130, 143, 129, what a shell reports for a command killed by it), after the registered cleanups
 * have restored the terminal. Work already handed to the gateway goes on there.
 */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const

const cleanups: Array<() => void> = []
let installed = false

/**
 * Registers a synchronous cleanup (show the cursor, say what goes on) to run if a signal ends the
 * CLI; the latest registered runs first. Returns the function that unregisters it.
 */
export function onInterrupt(cleanup: () => void): () => void {
  cleanups.push(cleanup)
  return () => {
    const index = cleanups.lastIndexOf(cleanup)
    if (index >= 0) cleanups.splice(index, 1)
  }
}

/** Runs the cleanups, latest first, and exits with the signal's code. */
export function endBySignal(signal: keyof typeof SIGNAL_EXIT_CODES): never {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      cleanup()
    } catch {
      // The terminal may be gone (SIGHUP): ending matters more than tidying it.
    }
  }
  process.exit(SIGNAL_EXIT_CODES[signal])
}

/** Makes SIGINT, SIGTERM and SIGHUP end the process promptly (commands that talk to a gateway). */
export function exitOnSignals(): void {
  if (installed) return
  installed = true
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as Array<keyof typeof SIGNAL_EXIT_CODES>)
    process.once(signal, () => endBySignal(signal))
}

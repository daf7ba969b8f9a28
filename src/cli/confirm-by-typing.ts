import { createInterface } from 'node:readline/promises'
import { EXIT } from './exit-codes.js'
import { endBySignal } from './exit-on-signal.js'
import { CliError } from './gateway-client.js'

/**
 * Asks on the terminal for `expected` to be typed; anything else exits 2 having changed nothing
 * (`nothingDone` says what was not done).
 */
export async function confirmByTyping(question: string, expected: string, nothingDone: string): Promise<void> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr })
  // The terminal is raw while asking: Ctrl-C reaches readline, not the process.
  prompt.on('SIGINT', () => {
    prompt.close()
    process.stderr.write(`\nnot confirmed; ${nothingDone}\n`)
    endBySignal('SIGINT')
  })
  const typed = (await prompt.question(question)).trim()
  prompt.close()
  if (typed !== expected) throw new CliError(`not confirmed; ${nothingDone}`, EXIT.USAGE)
}

/** Refuses (exit 2) to do what `-y` was not given for when no one is at a terminal to be asked. */
export function refuseUnlessAskable(doing: string): void {
  if (!process.stdin.isTTY) throw new CliError(`refusing to ${doing} without -y when no one can be asked`, EXIT.USAGE)
}

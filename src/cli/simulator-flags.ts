import type { GuestExecMode } from '../provider-kit/guest/guest-exec.js'

/** The plugins `hangar simulator` can run. */
export type SimulatorPlugin = 'proxmox' | 'kamatera'

/** The flags of `hangar simulator`, as commander hands them over. */
export interface SimulatorCommandOptions {
  port?: string
  /** Plain HTTP instead of HTTPS with a self-signed certificate (the Kamatera simulator is always HTTP). */
  http: boolean
  /** Seed this many guests (Proxmox, over four nodes) or servers (Kamatera) instead of the demo's dozen. */
  guests?: string
  /** `playback` (default) or `execute`: how guests run the commands they get over SSH. */
  guestExec?: string
  /** Every `--guest-env KEY=VALUE`, in order: environment for executed guest commands. */
  guestEnv: string[]
}

/** The flags, checked and typed. */
export interface SimulatorFlags {
  port: number
  tls: boolean
  /** Undefined: the demo seed. */
  guests: number | undefined
  guestExec: GuestExecMode
  guestEnv: Record<string, string>
}

/** A usage mistake, worded to name the flag; `hangar simulator` prints it and exits 2. */
export class SimulatorFlagError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SimulatorFlagError'
  }
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** A decimal whole number within bounds, read exactly (`0x10`, `1e3` and `` are refused). */
function wholeNumber(value: string, flag: string, min: number, max: number): number {
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!(number >= min && number <= max))
    throw new SimulatorFlagError(`${flag} must be a whole number from ${min} to ${max}`)
  return number
}

/**
 * `KEY=VALUE` entries as an environment. Only the key is ever echoed in an error: a value may
 * be a token meant for the guests.
 */
function guestEnvironment(entries: string[]): Record<string, string> {
  const env: Record<string, string> = {}
  entries.forEach((entry, index) => {
    const equals = entry.indexOf('=')
    if (equals < 0) throw new SimulatorFlagError(`--guest-env must be KEY=VALUE; entry ${index + 1} has no "="`)
    const key = entry.slice(0, equals)
    if (!VARIABLE_NAME.test(key)) {
      throw new SimulatorFlagError(
        '--guest-env must be KEY=VALUE with KEY a variable name (letters, digits and _, not starting with a digit); ' +
          `entry ${index + 1} has the key ${JSON.stringify(key)}`,
      )
    }
    env[key] = entry.slice(equals + 1)
  })
  return env
}

/** Checks the flags of `hangar simulator <plugin>`; throws {@link SimulatorFlagError} naming the flag. */
export function checkSimulatorFlags(_plugin: SimulatorPlugin, options: SimulatorCommandOptions): SimulatorFlags {
  const port = options.port === undefined ? 0 : wholeNumber(options.port, '--port', 0, 65_535)
  const guests = options.guests === undefined ? undefined : wholeNumber(options.guests, '--guests', 1, 100_000)
  const guestExec = options.guestExec ?? 'playback'
  if (guestExec !== 'playback' && guestExec !== 'execute')
    throw new SimulatorFlagError('--guest-exec must be playback or execute')
  const guestEnv = guestEnvironment(options.guestEnv)
  // Playback runs nothing, so a variable given for it would be silently ignored.
  if (options.guestEnv.length > 0 && guestExec !== 'execute')
    throw new SimulatorFlagError('--guest-env needs --guest-exec execute (playback runs no command)')
  return { port, tls: !options.http, guests, guestExec, guestEnv }
}

import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino'
import { PinoPretty } from 'pino-pretty'

/** The structured logger every module gets; JSON lines on stdout unless told otherwise. */
export type Logger = PinoLogger

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** `info` unless `HANGAR_LOG_LEVEL` says otherwise; `silent` turns logging off. */
  level?: string
  /** Where lines go; stdout by default. Tests pass a stream to read them back. */
  destination?: DestinationStream
  /**
   * `pretty` (coloured, one readable line per entry) or `json`. Default: `HANGAR_LOG_FORMAT`, else
   * pretty on a terminal and JSON lines everywhere else (files, pipes, log collectors).
   */
  format?: 'pretty' | 'json'
}

/**
 * Key paths whose values are replaced before a line is written. Secrets should never reach a log
 * call in the first place; this is the net under that rule.
 */
const REDACTED_PATHS = [
  'password',
  'secret',
  'token',
  'tokenSecret',
  'apiKey',
  'authorization',
  '*.password',
  '*.secret',
  '*.token',
  '*.tokenSecret',
  '*.apiKey',
  '*.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
]

export function createLogger({
  level = process.env.HANGAR_LOG_LEVEL ?? 'info',
  destination,
  format = (process.env.HANGAR_LOG_FORMAT as 'pretty' | 'json' | undefined) ??
    (process.stdout.isTTY ? 'pretty' : 'json'),
}: LoggerOptions = {}): Logger {
  const stream =
    destination ??
    (format === 'pretty'
      ? PinoPretty({ sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' })
      : undefined)
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    stream,
  )
}

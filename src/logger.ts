import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino'

/** The structured logger every module gets; JSON lines on stdout unless told otherwise. */
export type Logger = PinoLogger

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** `info` unless `HANGAR_LOG_LEVEL` says otherwise; `silent` turns logging off. */
  level?: string
  /** Where lines go; stdout by default. Tests pass a stream to read them back. */
  destination?: DestinationStream
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

export function createLogger({ level = process.env.HANGAR_LOG_LEVEL ?? 'info', destination }: LoggerOptions = {}): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  )
}

import pc from 'picocolors'
import { onInterrupt } from './exit-on-signal.js'

/** The part of a terminal stream the spinner uses: `process.stderr`, or a fake one in tests. */
export interface SpinnerStream {
  write(chunk: string): unknown
  /** Only a terminal gets the animation; anything else gets one plain line per step. */
  isTTY?: boolean
  /** What the terminal reports; 0, missing or tiny (serial consoles, some CI ptys) is handled. */
  columns?: number
}

/** Options of {@link createSpinner}. */
export interface SpinnerOptions {
  /** Default `process.stderr`. */
  stream?: SpinnerStream
  /** Time between frames. Default 80 ms. */
  intervalMs?: number
  /** Colour the frame and the final mark. Default false. */
  colour?: boolean
  /** Read for `TERM` (`dumb` gets plain lines). Default `process.env`. */
  env?: NodeJS.ProcessEnv
}

/** A line that shows the current step of long work and ends with a mark. */
export interface Spinner {
  /** Shows a new step. */
  update(text: string): void
  /** Ends with ✔ and the text. */
  success(text: string): void
  /** Ends with ✖ and the text. */
  error(text: string): void
  /** Ends with the text alone (e.g. when interrupted); the cursor is shown again. */
  stop(text?: string): void
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
const ASCII_FRAMES = ['-', '\\', '|', '/']
/** Narrower than this, an animated line would hold next to nothing: plain lines instead. */
export const MIN_SPINNER_COLUMNS = 20
const HIDE_CURSOR = '\u001b[?25l'
const SHOW_CURSOR = '\u001b[?25h'
const CLEAR_LINE = '\r\u001b[2K'
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g

/** The terminal's width when it is one a line can be fitted to; undefined for 0, NaN, tiny or none. */
export function usableColumns(columns: number | undefined): number | undefined {
  return typeof columns === 'number' && Number.isInteger(columns) && columns >= MIN_SPINNER_COLUMNS
    ? columns
    : undefined
}

/** One row of plain text: an upstream log line may carry colour codes, tabs, `\r` or `\n`. */
export function plainText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, ' ')
}

const columnsOf = (char: string) => (char.codePointAt(0)! >= 0x1100 ? 2 : 1)

/**
 * Cuts plain text to at most `width` columns, ending with `…` when cut. Every character from
 * U+1100 up counts as two columns (CJK and emoji are), so a fitted row never wraps.
 */
export function fitToWidth(text: string, width: number): string {
  if (width <= 0) return ''
  const chars = Array.from(text)
  if (chars.reduce((sum, char) => sum + columnsOf(char), 0) <= width) return text
  let used = 0
  let fitted = ''
  for (const char of chars) {
    if (used + columnsOf(char) > width - 1) break
    fitted += char
    used += columnsOf(char)
  }
  return `${fitted}…`
}

/**
 * A spinner that never writes more than one row per frame, whatever the terminal reports: each
 * frame is `\r`, clear-line and a row fitted to the width, so a terminal of 0 or 3 columns
 * (where a spinner that counts wrapped rows divides by zero) gets plain lines, and the cursor is
 * shown again on every way out, SIGINT and SIGTERM included.
 */
export function createSpinner(initial: string, options: SpinnerOptions = {}): Spinner {
  const { stream = process.stderr, intervalMs = 80, colour = false, env = process.env } = options
  const paint = pc.createColors(colour)
  const unicode = env.TERM !== 'linux'
  const marks = { success: paint.green(unicode ? '✔' : 'v'), error: paint.red(unicode ? '✖' : 'x') }
  let text = plainText(initial)
  let ended = false
  const animated = Boolean(stream.isTTY) && env.TERM !== 'dumb' && usableColumns(stream.columns) !== undefined

  if (!animated) {
    // One line per change of step, no escape codes: pipes, files, dumb or width-less terminals.
    stream.write(`${text}\n`)
    const show = (next: string) => {
      if (ended) return
      const line = plainText(next)
      if (line !== text) stream.write(`${line}\n`)
      text = line
    }
    const end = (next?: string) => {
      if (next !== undefined) show(next)
      ended = true
    }
    return { update: show, success: end, error: end, stop: end }
  }

  const frames = unicode ? FRAMES : ASCII_FRAMES
  let frame = 0
  const draw = () => {
    const columns = usableColumns(stream.columns)
    // The terminal stopped reporting a width (or shrank to almost nothing): keep the last row.
    if (columns === undefined) return
    // One column is left free: some terminals wrap when the last one is written.
    stream.write(`${CLEAR_LINE}${paint.yellow(frames[frame]!)} ${fitToWidth(text, columns - 3)}`)
  }
  const timer = setInterval(() => {
    frame = (frame + 1) % frames.length
    draw()
  }, intervalMs)
  // Work that forgets to end its spinner must not be kept alive by it.
  timer.unref()
  const forget = onInterrupt(() => end())
  stream.write(HIDE_CURSOR)
  draw()

  function end(mark?: string, final?: string): void {
    if (ended) return
    ended = true
    clearInterval(timer)
    forget()
    const line = final === undefined ? '' : `${mark ? `${mark} ` : ''}${plainText(final)}\n`
    stream.write(`${CLEAR_LINE}${line}${SHOW_CURSOR}`)
  }

  return {
    update: (next) => {
      text = plainText(next)
    },
    success: (final) => end(marks.success, final),
    error: (final) => end(marks.error, final),
    stop: (final) => end(undefined, final),
  }
}

import pc from 'picocolors'
import { createSpinner, type Spinner } from './spinner.js'

/** Colours only for a person at a terminal: not in pipes, files, or with NO_COLOR. */
const colours = pc.createColors(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR)

/** A status word in the colour people expect: green good, red bad, yellow under way. */
export function colourStatus(status: string): string {
  const upper = status.toUpperCase()
  if (['RUNNING', 'SUCCEEDED', 'ONLINE'].includes(upper)) return colours.green(status)
  if (['FAILED', 'STOPPED', 'OFFLINE', 'DELETED'].includes(upper)) return colours.red(status)
  if (['PENDING', 'CREATING', 'PROVISIONING', 'PAUSED'].includes(upper)) return colours.yellow(status)
  return colours.dim(status)
}

export const dim = (text: string) => colours.dim(text)
export const bold = (text: string) => colours.bold(text)

/** Aligned columns; colour codes do not count towards the width. `print` defaults to stdout. */
export function table(header: string[], rows: string[][], print: (line: string) => void = console.log): void {
  // eslint-disable-next-line no-control-regex
  const visible = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '')
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => visible(row[column] ?? '').length)),
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell + ' '.repeat(Math.max(0, widths[column]! - visible(cell).length)))
      .join('  ')
      .trimEnd()
  print(colours.bold(line(header)))
  for (const row of rows) print(line(row))
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2))
}

/** `items` as JSON with `--json`, else as a table: `header` over the row of each item. */
export function printList<T>(
  items: readonly T[],
  json: boolean | undefined,
  header: string[],
  row: (item: T) => string[],
): void {
  if (json) printJson(items)
  else table(header, items.map(row))
}

/** A spinner with the current step on a terminal; plain progress lines on stderr otherwise. */
export function progress(text: string): Spinner {
  return createSpinner(text, { stream: process.stderr, colour: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR })
}

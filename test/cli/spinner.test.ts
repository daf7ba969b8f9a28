import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createSpinner, fitToWidth, type SpinnerStream } from '../../src/cli/spinner.js'

/** A terminal that records what it is sent and reports whatever width a test gives it. */
class FakeTerminal implements SpinnerStream {
  readonly isTTY = true
  readonly chunks: string[] = []
  constructor(public columns: number | undefined) {}
  write(chunk: string): boolean {
    this.chunks.push(chunk)
    return true
  }
  get output(): string {
    return this.chunks.join('')
  }
}

const HIDE_CURSOR = '\u001b[?25l'
const SHOW_CURSOR = '\u001b[?25h'
const CLEAR_LINE = '\r\u001b[2K'
// eslint-disable-next-line no-control-regex
const COLOUR = /\u001b\[[0-9;]*m/g

/** The rows an animated spinner drew: what follows each clear-line, colour codes removed. */
const rowsOf = (output: string) =>
  output
    .split(CLEAR_LINE)
    .slice(1)
    .map((row) => row.replaceAll(SHOW_CURSOR, '').replace(COLOUR, ''))

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('the spinner', () => {
  it(
    'in a terminal that reports 0 columns, writes one plain ' +
      'line per step and no escape code, however long it runs',
    () => {
      const terminal = new FakeTerminal(0)
      const spinner = createSpinner('stop web-01…', { stream: terminal, env: { TERM: 'xterm-256color' } })
      // 15 s of a task that reports a new step every 100 ms, then the same step again and again.
      for (let tick = 0; tick < 150; tick++) {
        spinner.update(tick < 20 ? `stop web-01: step ${tick}` : 'stop web-01: waiting')
        vi.advanceTimersByTime(100)
      }
      spinner.success('stop web-01: done')
      expect(terminal.output).not.toContain('\u001b')
      expect(terminal.output.split('\n').filter(Boolean)).toEqual([
        'stop web-01…',
        ...Array.from({ length: 20 }, (_, tick) => `stop web-01: step ${tick}`),
        'stop web-01: waiting',
        'stop web-01: done',
      ])
      expect(terminal.output.length).toBeLessThan(1_000)
    },
  )

  it('treats a missing, fractional, negative, infinite or tiny width like 0: plain lines', () => {
    for (const columns of [undefined, Number.NaN, 0.5, -80, Number.POSITIVE_INFINITY, 1, 5, 19]) {
      const terminal = new FakeTerminal(columns)
      const spinner = createSpinner('reboot db-01…', { stream: terminal, env: {} })
      vi.advanceTimersByTime(10_000)
      spinner.error('reboot db-01: refused')
      expect(terminal.output, `columns ${columns}`).toBe('reboot db-01…\nreboot db-01: refused\n')
    }
  })

  it('on a usable width, draws every frame as one row that fits it, and shows the cursor again at the end', () => {
    const terminal = new FakeTerminal(40)
    const spinner = createSpinner(`stop web-01: ${'x'.repeat(200)}`, { stream: terminal, env: {} })
    vi.advanceTimersByTime(800)
    spinner.success('stop web-01: done')
    expect(terminal.output.startsWith(HIDE_CURSOR)).toBe(true)
    expect(terminal.output.endsWith(`stop web-01: done\n${SHOW_CURSOR}`)).toBe(true)
    const frames = rowsOf(terminal.output).slice(0, -1)
    expect(frames.length).toBeGreaterThanOrEqual(10)
    for (const row of frames) {
      expect(row).not.toContain('\n')
      expect(Array.from(row).length).toBeLessThanOrEqual(39)
      expect(row.endsWith('…')).toBe(true)
    }
  })

  it(
    'keeps a row to one line whatever an upstream log line holds (newlines, ' +
      'carriage returns, colours, wide characters)',
    () => {
      const terminal = new FakeTerminal(30)
      const spinner = createSpinner('start', { stream: terminal, env: {} })
      spinner.update('line one\nline two\r\u001b[31mred\u001b[0m\t\u001b]0;title\u0007漢字漢字漢字漢字漢字漢字漢字')
      vi.advanceTimersByTime(100)
      spinner.stop()
      const row = rowsOf(terminal.output).at(-2)!
      expect(row).toMatch(/^. line one line two red 漢字/)
      expect(row).not.toMatch(/[\u0000-\u001f]/)
      // 漢 and 字 take two columns each: the text holds 27 columns (width - 3) at most, the ellipsis included.
      expect(row.slice(2)).toBe('line one line two red 漢字…')
      expect(fitToWidth('漢字漢字漢字漢字漢字漢字漢字', 9)).toBe('漢字漢字…')
    },
  )

  it('when the terminal shrinks to 0 columns mid-run, stops drawing instead of flooding it', () => {
    const terminal = new FakeTerminal(80)
    const spinner = createSpinner('stop web-01…', { stream: terminal, env: {} })
    vi.advanceTimersByTime(400)
    terminal.columns = 0
    const before = terminal.output.length
    vi.advanceTimersByTime(15_000)
    expect(terminal.output.length).toBe(before)
    terminal.columns = 80
    vi.advanceTimersByTime(400)
    spinner.success('stop web-01: done')
    expect(terminal.output.length - before).toBeLessThan(2_000)
    expect(terminal.output.endsWith(SHOW_CURSOR)).toBe(true)
  })

  it('for any width and any text, writes bounded output and never a row wider than the terminal', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -10, max: 400 }), fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY)),
        fc.array(fc.string({ unit: 'binary', maxLength: 300 }), { minLength: 1, maxLength: 20 }),
        (columns, steps) => {
          const terminal = new FakeTerminal(columns)
          const spinner = createSpinner(steps[0]!, { stream: terminal, env: {} })
          for (const step of steps) {
            spinner.update(step)
            vi.advanceTimersByTime(1_000)
          }
          spinner.success('done')
          // At most 13 frames a second and one row each; rows are at most 400 columns of up to 4 bytes.
          expect(terminal.output.length).toBeLessThanOrEqual(
            (steps.length * 14 + 4) * (400 * 2 + 40) + steps.join('').length + 100,
          )
          if (typeof columns === 'number' && Number.isInteger(columns) && columns >= 20) {
            for (const row of rowsOf(terminal.output).slice(0, -1)) expect(Array.from(row).length).toBeLessThan(columns)
          } else {
            expect(terminal.output).not.toContain(CLEAR_LINE)
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})

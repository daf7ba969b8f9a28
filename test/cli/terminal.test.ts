import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { deployShopArgs } from '../support/hangar-cli.js'
import { startHangarProcess, type HangarProcess } from '../support/hangar-process.js'
import { startShopDeployment } from '../support/shop-deployment.js'
import { startStack, type Stack } from '../support/start-stack.js'

const root = new URL('../..', import.meta.url).pathname
// util-linux `script` runs a command on a pseudo-terminal of its own.
const hasScript = spawnSync('script', ['--version']).status === 0
const HIDE_CURSOR = '\u001b[?25l'
const SHOW_CURSOR = '\u001b[?25h'

let stack: Stack
const children: ChildProcess[] = []
beforeAll(async () => {
  // Tasks of 2 s: long enough to watch a spinner and to interrupt the CLI in the middle of one.
  stack = await startStack({ simulator: { agentWarmupPolls: 1, taskDurationMs: 2_000 } })
})
afterAll(() => stack?.close())
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

const shellQuote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`

interface TerminalRun {
  /** The hangar process itself (not `script`): signals go to it. */
  pid: Promise<number>
  /** Everything the terminal showed so far. */
  output(): string
  /** Types on the terminal's keyboard. */
  type(keys: string): void
  /** Resolves with the exit code, or `timeout` when the CLI was still running after `deadlineMs`. */
  exited(deadlineMs: number): Promise<number | 'timeout'>
}

/** Runs `hangar ...` on a pseudo-terminal of `columns` columns, as a person at a terminal would. */
function inTerminal(args: string[], columns: number): TerminalRun {
  // The shell says its pid, then becomes hangar: the pid is hangar's.
  const command =
    `stty cols ${columns} rows 24; echo "pid=$$"; ` + `exec node bin/hangar.js ${args.map(shellQuote).join(' ')}`
  const child = spawn('script', ['-qefc', command, '/dev/null'], {
    cwd: root,
    env: { ...process.env, HANGAR_URL: stack.url, TERM: 'xterm-256color', NO_COLOR: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  child.stdout!.on('data', (chunk) => (output += String(chunk)))
  const pid = new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      const match = /pid=(\d+)/.exec(line)
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', () => reject(new Error(`hangar ${args.join(' ')} ended before it started: ${output}`)))
  })
  pid.catch(() => {})
  const exit = new Promise<number>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal === 'SIGKILL' ? 137 : 1))),
  )
  return {
    pid,
    output: () => output,
    type: (keys) => void child.stdin!.write(keys),
    async exited(deadlineMs) {
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), deadlineMs)))
      const result = await Promise.race([exit, late])
      clearTimeout(timer)
      if (result === 'timeout') {
        // A hung hangar may outlive its terminal: end it by its own pid too.
        await pid.then((hung) => process.kill(hung, 'SIGKILL')).catch(() => {})
        child.kill('SIGKILL')
      }
      return result
    },
  }
}

/** Waits until the terminal shows `text` (or fails after `ms`). */
async function until(run: TerminalRun, text: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!run.output().includes(text)) {
    if (Date.now() > deadline)
      throw new Error(`the terminal never showed "${text}": ${JSON.stringify(run.output().slice(-500))}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe.skipIf(!hasScript)('hangar in a real terminal', () => {
  for (const each of [
    { action: 'stop', id: 'qemu/101', columns: 0, done: 'stop web-02: done' },
    { action: 'start', id: 'qemu/103', columns: 3, done: 'start monitoring-01: done' },
  ]) {
    it(`${each.action} ends with bounded output and plain lines in a terminal of ${each.columns} columns`, async () => {
      const run = inTerminal([each.action, each.id], each.columns)
      expect(await run.exited(30_000)).toBe(0)
      expect(run.output()).toContain(each.done)
      // A 2 s task: a few lines, not megabytes of escape codes.
      expect(run.output().length).toBeLessThan(4_000)
      expect(run.output()).not.toContain(HIDE_CURSOR)
    }, 60_000)
  }

  it('stop animates on a normal terminal, one row at a time, and shows the cursor again', async () => {
    const run = inTerminal(['stop', 'qemu/104'], 80)
    expect(await run.exited(30_000)).toBe(0)
    const output = run.output()
    expect(output).toContain(HIDE_CURSOR)
    expect(output.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(output.lastIndexOf(HIDE_CURSOR))
    expect(output).toMatch(/stop db-02: done/)
    expect(output.length).toBeLessThan(20_000)
    // eslint-disable-next-line no-control-regex
    const rows = output
      .split('\r\u001b[2K')
      .slice(1, -1)
      .map((row) => row.replace(/\u001b\[[0-9;]*m/g, ''))
    expect(rows.length).toBeGreaterThan(5)
    for (const row of rows) expect(row).toMatch(/^. stop db-02[^\n]{0,70}$/)
    expect(await inTerminal(['start', 'qemu/104'], 80).exited(30_000)).toBe(0)
  }, 60_000)

  it('SIGTERM ends a running stop at once in a 0-column terminal, with code 143', async () => {
    const run = inTerminal(['stop', 'qemu/100'], 0)
    const pid = await run.pid
    await until(run, 'stop web-01')
    const sent = Date.now()
    process.kill(pid, 'SIGTERM')
    expect(await run.exited(5_000)).toBe(143)
    expect(Date.now() - sent).toBeLessThan(2_000)
    expect(run.output()).toContain('the operation goes on in the gateway')
  }, 60_000)

  it('SIGINT (Ctrl-C) ends a running stop with code 130, ' +
    'says the operation goes on, and shows the cursor again', async () => {
    const run = inTerminal(['stop', 'qemu/102'], 80)
    const pid = await run.pid
    await until(run, HIDE_CURSOR)
    process.kill(pid, 'SIGINT')
    expect(await run.exited(5_000)).toBe(130)
    const output = run.output()
    expect(output).toMatch(
      /stop db-01: stopped following; the operation goes on in the gateway \(operation [0-9a-f-]{36}\)/,
    )
    expect(output.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(output.lastIndexOf(HIDE_CURSOR))
  }, 60_000)
})

describe.skipIf(!hasScript)('the destroy prompt', () => {
  it('Ctrl-C at the prompt destroys nothing and exits 130', async () => {
    const run = inTerminal(['destroy', 'lxc/203'], 80)
    await until(run, 'Type its name to confirm:')
    run.type('\u0003')
    expect(await run.exited(5_000)).toBe(130)
    expect(run.output()).toContain('not confirmed; nothing was destroyed')
    expect(stack.simulator.state.guests.has(203)).toBe(true)
  }, 60_000)
})

describe('following a deployment', () => {
  /** Starts `hangar ...args` as the holder of `token`, and answers once it has printed its first line. */
  async function following(args: string[], token: string): Promise<HangarProcess> {
    return startHangarProcess(args, { ...process.env, HANGAR_URL: stack.url, HANGAR_TOKEN: token }, (child) =>
      children.push(child),
    )
  }

  it('logs --follow ends at once on SIGTERM with code 143', async () => {
    const token = await stack.issueToken('operator', 'terminal-operator')
    const id = await startShopDeployment(stack.url, token, 'follow-term')
    const run = await following(['logs', id, '--follow'], token)
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      run.child.once('exit', (code, signal) => resolve({ code, signal })),
    )
    const sent = Date.now()
    run.child.kill('SIGTERM')
    expect(await exited).toEqual({ code: 143, signal: null })
    expect(Date.now() - sent).toBeLessThan(2_000)
  }, 60_000)

  it('deploy --follow ends on SIGINT with code 130 and says the deployment goes on', async () => {
    const token = await stack.issueToken('operator', 'deploy-operator')
    const run = await following([...deployShopArgs('follow-int'), '--follow'], token)
    const exited = new Promise<number | null>((resolve) => run.child.once('exit', resolve))
    run.child.kill('SIGINT')
    expect(await exited).toBe(130)
    expect(run.stderr()).toMatch(
      /stopped following; deployment (\d+) goes on in the gateway \(`hangar logs \1 --follow`\)/,
    )
  }, 60_000)
})

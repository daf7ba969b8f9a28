import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SimulatedTasks } from 'hangar/provider-kit/testing'

/** What a provider's simulator keeps with an action's task (no side map needed). */
interface Action {
  type: 'start' | 'stop'
  target: string
}

const start: Action = { type: 'start', target: 'srv-1' }

describe("the simulator kit's tasks", () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('carry a typed payload, named by an id made from it, and are listed oldest first', () => {
    const tasks = new SimulatedTasks<Action>({
      idOf: (counter, action) => `${action.type}-${action.target}-${counter}`,
    })
    const first = tasks.start({ durationMs: 100, payload: start })
    tasks.start({ durationMs: 100, payload: { type: 'stop', target: 'srv-2' } })
    expect(first).toMatchObject({ id: 'start-srv-1-1', state: 'running', payload: start })
    expect(tasks.get('start-srv-1-1')?.payload.target).toBe('srv-1')
    expect(tasks.list().map((task) => task.id)).toEqual(['start-srv-1-1', 'stop-srv-2-2'])
    expect(tasks.size).toBe(2)
    tasks.dispose()
  })

  it('wait queued when asked to, then run, then succeed, printing each line when it is due', () => {
    const tasks = new SimulatedTasks()
    const task = tasks.start({
      durationMs: 100,
      queuedMs: 20,
      lines: ['accepted', 'working', 'done'],
      lineAt: (index) => [0, 30, 60][index] ?? 0,
    })
    expect(task).toMatchObject({ state: 'queued', log: ['accepted'] })
    expect(task.runningAt).toBeUndefined()
    vi.advanceTimersByTime(20)
    expect(task).toMatchObject({ state: 'running', runningAt: task.startedAt + 20, log: ['accepted'] })
    vi.advanceTimersByTime(10)
    expect(task.log).toEqual(['accepted', 'working'])
    vi.advanceTimersByTime(70)
    expect(task).toMatchObject({ state: 'succeeded', endedAt: task.startedAt + 100 })
    expect(task.log).toEqual(['accepted', 'working', 'done'])
  })

  it('run onRun as the work begins: at start, or as the task leaves its queue, and never for one failed queued', () => {
    const tasks = new SimulatedTasks()
    const machine = { now: 'stopped', queued: 'stopped', dropped: 'stopped' }
    const script = (which: keyof typeof machine, queuedMs?: number) => ({
      durationMs: 100,
      ...(queuedMs === undefined ? {} : { queuedMs }),
      onRun: () => (machine[which] = 'starting'),
      complete: () => (machine[which] = 'running'),
      onFail: () => (machine[which] = 'stopped'),
    })
    tasks.start(script('now'))
    tasks.start(script('queued', 40))
    const dropped = tasks.start(script('dropped', 40))
    expect(machine).toEqual({ now: 'starting', queued: 'stopped', dropped: 'stopped' })
    tasks.fail(dropped.id, 'cancelled')
    vi.advanceTimersByTime(40)
    expect(machine).toEqual({ now: 'starting', queued: 'starting', dropped: 'stopped' })
    vi.advanceTimersByTime(60)
    expect(machine).toEqual({ now: 'running', queued: 'running', dropped: 'stopped' })
  })

  it('fail at their end when the script or failNext says so: all lines, no effect, the rollback and onEnd', () => {
    const tasks = new SimulatedTasks<Action>()
    const calls: string[] = []
    const script = (failWith?: string) => ({
      durationMs: 50,
      payload: start,
      lines: ['one', 'two'],
      failWith,
      complete: () => calls.push('effect'),
      onFail: (message: string) => calls.push(`rollback: ${message}`),
      onEnd: () => calls.push('end'),
    })
    const scripted = tasks.start(script('disk full'))
    tasks.failNext('quota exceeded')
    const next = tasks.start(script())
    const after = tasks.start(script())
    vi.advanceTimersByTime(50)
    expect(scripted).toMatchObject({ state: 'failed', error: 'disk full', log: ['one', 'two', 'error: disk full'] })
    expect(next).toMatchObject({ state: 'failed', error: 'quota exceeded' })
    expect(after).toMatchObject({ state: 'succeeded', log: ['one', 'two'] })
    expect(calls).toEqual(['rollback: disk full', 'end', 'rollback: quota exceeded', 'end', 'effect', 'end'])
  })

  it('fail at once when told to, printing no more lines, without the effect, and end only once', () => {
    const tasks = new SimulatedTasks()
    const calls: string[] = []
    const task = tasks.start({
      durationMs: 100,
      lines: ['one', 'two', 'three'],
      complete: () => calls.push('effect'),
      onFail: (message) => calls.push(`rollback: ${message}`),
      onEnd: () => calls.push('end'),
    })
    vi.advanceTimersByTime(40)
    expect(tasks.fail(task.id, 'interrupted by signal')).toBe(true)
    vi.advanceTimersByTime(100)
    expect(task).toMatchObject({ state: 'failed', log: ['one', 'two', 'error: interrupted by signal'] })
    expect(calls).toEqual(['rollback: interrupted by signal', 'end'])
    expect(tasks.fail(task.id, 'again')).toBe(false)
    expect(tasks.fail('task-99', 'unknown')).toBe(false)
  })

  it('end even when a hook throws: the task stops, its waiters go, and onEnd still runs', async () => {
    const tasks = new SimulatedTasks()
    const calls: string[] = []
    const task = tasks.start({
      durationMs: 100,
      onFail: () => {
        calls.push(`rollback sees ${task.state}`)
        throw new Error('rollback broke')
      },
      onEnd: () => calls.push('end'),
    })
    const ended = tasks.waitFor(task.id, 1_000)
    expect(() => tasks.fail(task.id, 'interrupted by signal')).toThrow('rollback broke')
    expect(task).toMatchObject({
      state: 'failed',
      error: 'interrupted by signal',
      log: ['error: interrupted by signal'],
    })
    expect(task.endedAt).toBeDefined()
    await expect(ended).resolves.toBe(true)
    expect(calls).toEqual(['rollback sees failed', 'end'])
    expect(tasks.fail(task.id, 'again')).toBe(false)
  })

  it("end their log with the upstream's own last line when given one", () => {
    const tasks = new SimulatedTasks({
      lastLine: (task) => (task.state === 'failed' ? `TASK ERROR: ${task.error}` : 'TASK OK'),
    })
    const ok = tasks.start({ durationMs: 10, lines: ['working'] })
    const bad = tasks.start({ durationMs: 10, failWith: 'no space left on device' })
    vi.advanceTimersByTime(10)
    expect(ok.log).toEqual(['working', 'TASK OK'])
    expect(bad.log).toEqual(['TASK ERROR: no space left on device'])
  })

  it('let a caller wait for the end, up to a timeout, and let waiters go when disposed of', async () => {
    const tasks = new SimulatedTasks()
    const short = tasks.start({ durationMs: 10 })
    const long = tasks.start({ durationMs: 1_000 })
    const ended = tasks.waitFor(short.id, 50)
    const timedOut = tasks.waitFor(long.id, 50)
    vi.advanceTimersByTime(50)
    await expect(ended).resolves.toBe(true)
    await expect(timedOut).resolves.toBe(false)
    await expect(tasks.waitFor(short.id, 50)).resolves.toBe(true)
    const closing = tasks.waitFor(long.id, 5_000)
    tasks.dispose()
    await expect(closing).resolves.toBe(false)
    vi.advanceTimersByTime(1_000)
    expect(long.state).toBe('running')
  })
})

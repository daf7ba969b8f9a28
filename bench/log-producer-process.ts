/** Drives `bench/log-producer.ts` from a bench: start it, send it commands, read its answers. */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface, type Interface } from 'node:readline'
import { root } from './child-process.js'

/** A producer process (`gateway` or `bare`), driven a JSON command a line. */
export class Producer {
  private readonly answers: Interface
  private readonly waiting: ((answer: Record<string, unknown>) => void)[] = []
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    answers: Interface,
  ) {
    this.answers = answers
    answers.on('line', (line) => this.waiting.shift()?.(JSON.parse(line) as Record<string, unknown>))
  }

  static start(...kind: string[]): Promise<Producer> {
    const profile =
      process.env.BENCH_PROFILE && kind[0] === 'gateway'
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
        : []
    const child = spawn('node', [...profile, '--expose-gc', '--import', 'tsx', 'bench/log-producer.ts', ...kind], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    const answers = createInterface({ input: child.stdout! })
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`log-producer ${kind} exited with ${code}`)))
      answers.once('line', (line) => resolve(new Producer(child, (JSON.parse(line) as { url: string }).url, answers)))
    })
  }

  ask<T>(command: object): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.push(resolve as (answer: Record<string, unknown>) => void)
      this.child.stdin!.write(`${JSON.stringify(command)}\n`)
    })
  }

  async close() {
    this.child.stdin!.write('{"close":true}\n')
    await new Promise((resolve) => this.child.once('exit', resolve))
    this.answers.close()
  }
}

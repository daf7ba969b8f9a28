import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { deployRunning } from './deployment-waits.js'
import { startStack, type Stack, type StackOptions } from './start-stack.js'

const root = new URL('../..', import.meta.url).pathname

/** Proxmox simulator timings for CLI tests: guests' agents answer at once, tasks take 100 ms. */
export const QUICK_PROXMOX = { agentWarmupPolls: 1, taskDurationMs: 100 }

/** A stack with both providers (Proxmox `pve-lab`, Kamatera `kama`) whose tasks take 100 ms. */
export const QUICK_STACK: StackOptions = { simulator: QUICK_PROXMOX, kamatera: { commandDurationMs: 100 } }

/** Starts a stack of {@link QUICK_PROXMOX} timings with acme/web, a Node.js app, deployed and RUNNING on it. */
export async function startStackWithApp(type: 'VM' | 'LXC', name: string): Promise<{ stack: Stack; id: string }> {
  const stack = await startStack({ simulator: QUICK_PROXMOX })
  try {
    const input = { type, framework: 'nodejs', githubUrl: 'https://github.com/acme/web.git', name }
    return { stack, id: await deployRunning(stack.url, input) }
  } catch (error) {
    await stack.close()
    throw error
  }
}

/** The arguments of `hangar deploy` of acme/shop, a Node.js app, on a container named `name`. */
export const deployShopArgs = (name: string): string[] => [
  'deploy',
  '--type',
  'lxc',
  '--framework',
  'nodejs',
  '--repo',
  'https://github.com/acme/shop.git',
  '--name',
  name,
]

/** How a `hangar` command ended, and how long it ran. */
export interface HangarRun {
  code: number
  stdout: string
  stderr: string
  ms: number
}

/** Runs `hangar ...` against the gateway at `url` as a script would: no terminal, `input` on standard input. */
export function runHangar(
  url: string,
  args: string[],
  {
    input = '',
    env = {},
    timeoutMs = 120_000,
  }: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HangarRun> {
  const started = Date.now()
  // A command that hangs is killed (the test sees 128 + its signal, as a shell would), not left behind.
  const child = spawn('node', ['bin/hangar.js', ...args], {
    cwd: root,
    env: { ...process.env, HANGAR_URL: url, NO_COLOR: '1', ...env },
    timeout: timeoutMs,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += String(chunk)))
  child.stderr.on('data', (chunk) => (stderr += String(chunk)))
  child.stdin.end(input)
  // `close`, not `exit`: by then standard output and error have been read to their end.
  return new Promise((resolve) =>
    child.once('close', (code, signal) =>
      resolve({
        code: code ?? 128 + (signal ? constants.signals[signal] : 0),
        stdout,
        stderr,
        ms: Date.now() - started,
      }),
    ),
  )
}

import { ApiError } from '../api-error.js'
import { int, str } from '../context.js'
import type { Route } from '../router.js'
import type { SimExec } from '../state.js'
import { loadGuest } from './guest-guards.js'
import { assertAgentReady } from './guest-network.js'

/** What a simulated guest prints for a command: enough for deploy scripts to see output and exit codes. */
function runCommand(
  command: string[],
  input: string | undefined,
  hostname: string,
): Pick<SimExec, 'out' | 'err' | 'exitcode'> {
  const [program = '', ...args] = command
  const name = program.split('/').pop() ?? ''
  if (name === 'echo') return { out: `${args.join(' ')}\n`, err: '', exitcode: 0 }
  if (name === 'hostname') return { out: `${hostname}\n`, err: '', exitcode: 0 }
  if (name === 'cat' && args.length === 0) return { out: input ?? '', err: '', exitcode: 0 }
  if (name === 'true') return { out: '', err: '', exitcode: 0 }
  if (name === 'false') return { out: '', err: '', exitcode: 1 }
  if ((name === 'sh' || name === 'bash') && args[0] === '-c') {
    const script = args[1] ?? ''
    const exit = /\bexit\s+(\d+)\s*$/.exec(script)
    const echoed = [...script.matchAll(/\becho\s+(?:"([^"]*)"|'([^']*)'|([^;&|\n]*))/g)].map((m) =>
      (m[1] ?? m[2] ?? m[3] ?? '').trim(),
    )
    return { out: echoed.map((l) => `${l}\n`).join(''), err: '', exitcode: exit ? Number(exit[1]) : 0 }
  }
  return { out: '', err: '', exitcode: 0 }
}

/** `agent/ping`, `agent/exec` and `agent/exec-status`. */
export const qemuAgentRoutes: Route[] = [
  {
    endpoint: 'POST /nodes/{node}/qemu/{vmid}/agent/ping',
    handler: (ctx) => {
      assertAgentReady(ctx, loadGuest(ctx, 'qemu'))
      return { result: {} }
    },
  },
  {
    endpoint: 'POST /nodes/{node}/qemu/{vmid}/agent/exec',
    handler: (ctx) => {
      const guest = loadGuest(ctx, 'qemu')
      assertAgentReady(ctx, guest)
      const raw = ctx.params.command
      const command = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]
      let pid = 1000 + guest.execs.size * 7
      while (guest.execs.has(pid)) pid += 1
      guest.execs.set(pid, {
        pid,
        command,
        startedAt: Date.now(),
        ...runCommand(command, str(ctx.params, 'input-data'), guest.config.name ?? `vm${guest.vmid}`),
      })
      return { pid }
    },
  },
  {
    endpoint: 'GET /nodes/{node}/qemu/{vmid}/agent/exec-status',
    handler: (ctx) => {
      const guest = loadGuest(ctx, 'qemu')
      assertAgentReady(ctx, guest)
      const pid = int(ctx.params, 'pid') ?? 0
      const exec = guest.execs.get(pid)
      if (!exec) throw new ApiError(500, `Agent error: Invalid parameter 'pid'`)
      // Commands "run" for half a task duration.
      if (Date.now() - exec.startedAt < ctx.behaviour.taskDurationMs / 2) return { exited: 0 }
      const out: Record<string, unknown> = { exited: 1, exitcode: exec.exitcode }
      if (exec.out) out['out-data'] = exec.out
      if (exec.err) out['err-data'] = exec.err
      return out
    },
  },
]

import { ApiError } from '../api-error.js'
import { bool, startGuestTask } from '../context.js'
import type { RouteContext } from '../context.js'
import type { Route } from '../router.js'
import type { GuestType, SimGuest } from '../state.js'
import { checkLock, loadGuest, markRunning, markStopped } from './guest-guards.js'

type PowerAction = 'start' | 'stop' | 'shutdown' | 'reboot' | 'reset' | 'suspend' | 'resume'

const TASK_TYPES: Record<GuestType, Partial<Record<PowerAction, string>>> = {
  qemu: {
    start: 'qmstart',
    stop: 'qmstop',
    shutdown: 'qmshutdown',
    reboot: 'qmreboot',
    reset: 'qmreset',
    suspend: 'qmsuspend',
    resume: 'qmresume',
  },
  lxc: {
    start: 'vzstart',
    stop: 'vzstop',
    shutdown: 'vzshutdown',
    reboot: 'vzreboot',
    suspend: 'vzsuspend',
    resume: 'vzresume',
  },
}

function notRunning(guest: SimGuest): ApiError {
  // pve-container words reboot's check with "VM" too; only stop/shutdown say "CT".
  return new ApiError(500, `VM ${guest.vmid} not running`)
}

/** Checks run before the worker forks (HTTP 500s), then the state change applied when the task ends. */
function plan(ctx: RouteContext, guest: SimGuest, action: PowerAction): { lines: string[]; apply: () => void } {
  const word = guest.type === 'qemu' ? 'VM' : 'CT'
  const running = guest.status === 'running'
  const resumingFromDisk = action === 'resume' && guest.config.lock === 'suspended'
  if (!resumingFromDisk) checkLock(ctx, guest)
  switch (action) {
    case 'start': {
      if (guest.config.template === '1')
        throw new ApiError(500, `you can't start a ${guest.type === 'qemu' ? 'vm' : 'CT'} if it's a template`)
      if (running) throw new ApiError(500, `${word} ${guest.vmid} already running`)
      const lines =
        guest.type === 'qemu' && Object.values(guest.config).some((v) => v.includes('cloudinit'))
          ? ['generating cloud-init ISO']
          : []
      return { lines, apply: () => markRunning(ctx, guest) }
    }
    case 'stop':
    case 'shutdown': {
      if (guest.type === 'lxc' && !running) throw new ApiError(500, `CT ${guest.vmid} not running`)
      if (action === 'shutdown' && guest.qmpstatus === 'paused' && !bool(ctx.params, 'forceStop')) {
        throw new ApiError(500, 'VM is paused - cannot shutdown')
      }
      const lines =
        action === 'shutdown' && guest.qmpstatus === 'paused' ? ['VM is paused - stop instead of shutdown'] : []
      return { lines, apply: () => markStopped(ctx, guest) }
    }
    case 'reboot':
    case 'reset':
      if (!running) throw notRunning(guest)
      return { lines: [], apply: () => markRunning(ctx, guest) }
    case 'suspend': {
      if (!running) throw notRunning(guest)
      if (guest.type === 'qemu' && bool(ctx.params, 'todisk')) {
        guest.config.lock = 'suspending'
        return {
          lines: ['suspend vm to disk', "saving VM state and RAM using storage 'local-lvm'"],
          apply: () => {
            markStopped(ctx, guest)
            guest.config.lock = 'suspended'
          },
        }
      }
      return {
        lines: [],
        apply: () => {
          guest.qmpstatus = 'paused'
        },
      }
    }
    case 'resume':
      if (resumingFromDisk) {
        return {
          lines: ['resuming VM from suspended state'],
          apply: () => {
            delete guest.config.lock
            markRunning(ctx, guest)
          },
        }
      }
      if (!running) throw notRunning(guest)
      return {
        lines: [],
        apply: () => {
          guest.qmpstatus = 'running'
        },
      }
  }
}

function powerRoute(type: GuestType, action: PowerAction): Route {
  return {
    endpoint: `POST /nodes/{node}/${type}/{vmid}/status/${action}` as Route['endpoint'],
    handler: (ctx) => {
      const guest = loadGuest(ctx, type)
      const { lines, apply } = plan(ctx, guest, action)
      const lockDuringTask = guest.config.lock === 'suspending'
      const task = startGuestTask(ctx, guest.vmid, {
        node: guest.node,
        type: TASK_TYPES[type][action] ?? action,
        id: String(guest.vmid),
        lines,
        onSuccess: apply,
        onFailure: () => {
          if (lockDuringTask && guest.config.lock === 'suspending') delete guest.config.lock
        },
      })
      return task.upid
    },
  }
}

/** `POST /nodes/{node}/{qemu|lxc}/{vmid}/status/{action}`. */
export const powerRoutes: Route[] = [
  ...(['start', 'stop', 'shutdown', 'reboot', 'reset', 'suspend', 'resume'] as const).map((a) => powerRoute('qemu', a)),
  ...(['start', 'stop', 'shutdown', 'reboot', 'suspend', 'resume'] as const).map((a) => powerRoute('lxc', a)),
]

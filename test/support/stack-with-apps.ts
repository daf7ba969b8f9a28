import { rmSync } from 'node:fs'
import { afterAll, beforeAll } from 'vitest'
import type { GuestEndpointView } from '../../plugins/proxmox/simulator/index.js'
import { fixtureRepository } from './fixture-repo.js'
import { QUICK_PROXMOX } from './hangar-cli.js'
import { startStack, type Stack, type StackOptions } from './start-stack.js'

/**
 * A stack whose Proxmox guests run recipes for real, fetching `https://github.com/...` as `gitEnv`
 * maps it (see {@link fixtureRepository}), with quick tasks and guest agents ({@link QUICK_PROXMOX});
 * `more` is added to it.
 */
export function recipesOnProxmox(gitEnv: Record<string, string>, more: StackOptions = {}): StackOptions {
  return {
    ...more,
    simulator: { guestExec: 'execute', guestEnv: gitEnv, ...QUICK_PROXMOX, ...more.simulator },
    provider: { addressTimeoutMs: 30_000, ...more.provider },
  }
}

/** What {@link stackWithApps} answers: the stack, once the file's `beforeAll` has started it. */
export interface StackWithApps {
  readonly stack: Stack
  /** The fixture apps' repositories, made at once. */
  readonly repos: ReturnType<typeof fixtureRepository>
}

/**
 * For the test file that calls it: makes repositories of the fixture apps `apps`, starts a stack
 * with `options(repos.env)` before the file's tests (by default, {@link recipesOnProxmox}), and
 * stops it and removes the repositories after them.
 */
export function stackWithApps(
  apps: string | string[],
  options: (gitEnv: Record<string, string>) => StackOptions = recipesOnProxmox,
): StackWithApps {
  const repos = fixtureRepository(apps)
  let stack: Stack | undefined
  beforeAll(async () => {
    stack = await startStack(options(repos.env))
  }, 60_000)
  afterAll(async () => {
    await stack?.close()
    rmSync(repos.root, { recursive: true, force: true })
  })
  return {
    repos,
    get stack() {
      if (!stack) throw new Error('the stack starts in beforeAll: ask for it from a test or a hook')
      return stack
    },
  }
}

/** The simulated Proxmox guest (vmid 100 to 399) at `ip`: its home and the commands run on it; throws if none is. */
export function guestAt(stack: Stack, ip: string): GuestEndpointView {
  const endpoint = [...Array(300).keys()]
    .map((vmid) => stack.simulator.state.guestEndpoint(100 + vmid))
    .find((view) => view?.address === ip)
  if (!endpoint) throw new Error(`no guest of the simulator has the address ${ip}`)
  return endpoint
}

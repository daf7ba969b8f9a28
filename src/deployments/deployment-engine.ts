import ssh2 from 'ssh2'
import { ConflictError, HangarError, UnsupportedError } from '../errors/index.js'
import type { DeploymentEvents } from '../events/deployment-events.js'
import type { Logger } from '../logger.js'
import { followTask } from '../operations/follow-task.js'
import type { GuestAccess, Provider, TaskHandle } from '../providers/contract.js'
import type { DeploymentLogWriter } from './deployment-log-writer.js'
import { validateDeploymentRequest, type DeploymentRequest } from './deployment-input.js'
import { DeploymentStateMachine } from './deployment-state-machine.js'
import type { DeploymentRecord, DeploymentStore, LogStream } from './deployment-store.js'
import { findFramework, type RecipeStage } from './frameworks/index.js'
import { waitUntilHealthy } from './health-check.js'
import { openSshSession, type SshSession } from './ssh-session.js'

/** Timeouts of each phase; every step has one. */
export interface DeploymentTimeouts {
  /** Making the guest and waiting for its address. */
  provisionMs: number
  /** Waiting for the guest's SSH server to accept us. */
  sshReadyMs: number
  /** One recipe command (an install or a build can be long). */
  commandMs: number
  /** The app answering its health check. */
  healthMs: number
  /** A restart's reboot. */
  rebootMs: number
}

export const DEFAULT_TIMEOUTS: DeploymentTimeouts = {
  provisionMs: 15 * 60_000,
  sshReadyMs: 3 * 60_000,
  commandMs: 20 * 60_000,
  healthMs: 2 * 60_000,
  rebootMs: 5 * 60_000,
}

/** Options of {@link createDeploymentEngine}. */
export interface DeploymentEngineOptions {
  providers: readonly Provider[]
  store: DeploymentStore
  events: DeploymentEvents
  logs: DeploymentLogWriter
  logger: Logger
  timeouts?: Partial<DeploymentTimeouts>
  /** Deployments worked on at once; the rest wait PENDING. */
  concurrency?: number
}

const capabilityOf = (type: 'VM' | 'LXC') => (type === 'VM' ? 'deploy:vm' : 'deploy:lxc')

/** Where the app lives on the guest, relative to the SSH user's home. */
const appDirOf = (deployment: DeploymentRecord) => `apps/${deployment.name}`

/** Waits for `ms`, or less when aborted. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    }, { once: true })
  })

/**
 * Turns a deployment request into a running app: provisions the guest through the provider
 * contract, runs the framework's recipe over SSH streaming every line, health-checks the app, and
 * only then marks it RUNNING. Work survives a restart of the gateway (see {@link reconcile}).
 */
export function createDeploymentEngine({ providers, store, events, logs, logger, timeouts: overrides = {}, concurrency = 4 }: DeploymentEngineOptions) {
  const timeouts: DeploymentTimeouts = { ...DEFAULT_TIMEOUTS, ...overrides }
  const machine = new DeploymentStateMachine(store, events, logs)
  const running = new Map<number, { controller: AbortController; done: Promise<void> }>()
  const waiting: number[] = []
  let closing = false

  const providerNamed = (name: string) => providers.find((provider) => provider.name === name)
  const log = (id: number, stream: LogStream, line: string) => logs.write(id, stream, line)

  function pickProvider(request: DeploymentRequest): Provider {
    const capability = capabilityOf(request.type)
    if (request.provider) {
      const named = providerNamed(request.provider)
      if (!named) throw new HangarError('BAD_USER_INPUT', `input.provider: no provider named "${request.provider}"`, { field: 'input.provider' })
      if (!named.capabilities.includes(capability) || !named.provisionGuest) throw new UnsupportedError(`${named.name}: the ${named.plugin} provider cannot deploy a ${request.type}`)
      return named
    }
    const found = providers.find((provider) => provider.capabilities.includes(capability) && provider.provisionGuest)
    if (!found) throw new UnsupportedError(`no configured provider can deploy a ${request.type}`)
    return found
  }

  /** Follows a provider task, copying its lines into the deployment's log. */
  async function follow(id: number, handle: TaskHandle, stream: LogStream, signal: AbortSignal, onGuest?: (nativeId: string) => Promise<void>) {
    let guest: GuestAccess | undefined
    let nativeId: string | undefined
    const outcome = await followTask(handle, {
      signal,
      onProgress: async (progress) => {
        for (const line of progress.lines) log(id, stream, line)
        if (progress.serverNativeId && progress.serverNativeId !== nativeId) {
          nativeId = progress.serverNativeId
          await onGuest?.(nativeId)
        }
        if (progress.guest) guest = progress.guest
      },
    })
    if (outcome.state === 'failed') throw new Error(outcome.error ?? 'the provider task failed')
    return guest
  }

  /** Connects to the guest, retrying while its SSH server comes up. */
  async function connect(deployment: DeploymentRecord, signal: AbortSignal): Promise<SshSession> {
    const guest = deployment.guest!
    const keys = await store.keys(deployment.id)
    if (!keys) throw new Error('the deployment has no SSH key')
    let knownHostKey = deployment.sshHostKey
    const until = Date.now() + timeouts.sshReadyMs
    let attempt = 0
    for (;;) {
      signal.throwIfAborted()
      try {
        return await openSshSession({
          host: guest.ip!,
          port: guest.sshPort ?? 22,
          username: guest.sshUser ?? 'root',
          privateKey: keys.privateKey,
          knownHostKey,
          connectTimeoutMs: 10_000,
          onFirstHostKey: async (key) => {
            knownHostKey = key
            await store.update(deployment.id, { sshHostKey: key })
            log(deployment.id, 'SYSTEM', `recorded the guest's SSH host key`)
          },
        })
      } catch (error) {
        const message = (error as Error).message
        if (/host key changed/.test(message) || Date.now() > until) throw new Error(`cannot open SSH to ${guest.ip}:${guest.sshPort}: ${message}`)
        if (attempt++ === 0) log(deployment.id, 'SYSTEM', `waiting for SSH on ${guest.ip}:${guest.sshPort}`)
        await pause(1_000, signal)
      }
    }
  }

  /**
   * Runs the recipe (or only some of its stages) and the health check on a provisioned guest.
   * After a reboot only the service stage runs again: a guest without systemd does not start the
   * app by itself, and starting it is safe to repeat.
   */
  async function deployApp(id: number, signal: AbortSignal, only?: readonly RecipeStage[]): Promise<void> {
    let deployment = await machine.require(id)
    const framework = findFramework(deployment.framework)!
    const session = await connect(deployment, signal)
    try {
      const recipe = framework.recipe({ repoUrl: deployment.githubUrl, branch: deployment.branch ?? 'main', name: deployment.name, appDir: appDirOf(deployment), port: framework.port })
      const steps = only ? recipe.filter((step) => only.includes(step.stage)) : recipe
      for (const step of steps) {
        deployment = await machine.step(id, step.stage)
        log(id, 'SYSTEM', `step ${step.stage}`)
        for (const command of step.commands) {
          const result = await session.run(command, (line) => log(id, 'DEPLOY', line), { timeoutMs: timeouts.commandMs, signal })
          if (result.exitCode !== 0) {
            throw new Error(`${step.stage} failed: a command exited with ${result.exitCode ?? result.signal ?? 'no status'} (see the deployment log)`)
          }
        }
      }
    } finally {
      session.close()
    }
    await machine.step(id, 'health-check')
    const health = framework.health
    log(id, 'SYSTEM', `checking http://${deployment.guest!.ip}:${framework.port}${health.path}`)
    const { status } = await waitUntilHealthy({ host: deployment.guest!.ip!, port: framework.port, check: health, timeoutMs: timeouts.healthMs, signal })
    log(id, 'SYSTEM', `health check passed (HTTP ${status})`)
  }

  /** The whole deployment, from PENDING (or a resumable CREATING) to RUNNING or FAILED. */
  async function work(id: number, signal: AbortSignal): Promise<void> {
    let deployment = await machine.require(id)
    const provider = providerNamed(deployment.provider)
    try {
      if (!provider?.provisionGuest) throw new Error(`the provider "${deployment.provider}" is not configured any more`)
      if (deployment.status === 'PENDING') {
        deployment = await machine.transition(id, 'CREATING', { step: 'provision', error: null })
      }
      if (!deployment.guest?.ip) {
        await machine.step(id, 'provision')
        log(id, 'SYSTEM', `provisioning a ${deployment.type === 'VM' ? 'VM' : 'container'} on ${provider.name}`)
        const keys = (await store.keys(id))!
        const handle = await provider.provisionGuest(
          { kind: deployment.type === 'VM' ? 'VM' : 'CONTAINER', name: deployment.name, cpu: deployment.cpu, memoryMb: deployment.memory, diskGb: deployment.disk, sshPublicKey: keys.publicKey },
          { signal },
        )
        const guest = await follow(id, handle, 'PROVISION', AbortSignal.any([signal, AbortSignal.timeout(timeouts.provisionMs)]), async (nativeId) => {
          await store.update(id, { guest: { nativeId, location: null, ip: null, sshPort: null, sshUser: null } })
        })
        if (!guest) throw new Error('the provider made the guest but did not say how to reach it')
        await store.update(id, { guest: { nativeId: guest.nativeId, location: guest.location, ip: guest.ip, sshPort: guest.sshPort, sshUser: guest.sshUser } })
        log(id, 'SYSTEM', `guest ${guest.nativeId} is up at ${guest.ip}`)
      }
      await deployApp(id, signal)
      await machine.transition(id, 'RUNNING', { step: null, error: null, deployedAt: new Date() })
    } catch (error) {
      // Shutting down: the deployment stays as stored and is reconciled at the next start.
      // Deleted: `delete` cleans up and records the end itself.
      if (closing || (signal.reason as Error | undefined)?.message === 'deleted') return
      const cancelled = signal.aborted
      const reason = cancelled ? 'cancelled' : error instanceof HangarError ? error.message : (error as Error).message
      log(id, 'SYSTEM', cancelled ? 'cancelled: stopping the work in flight' : `failed: ${reason}`)
      if (cancelled) await cleanUp(id)
      const current = await store.get(id)
      if (current && current.status !== 'DELETED' && current.status !== 'FAILED') {
        await machine.transition(id, 'FAILED', { error: reason }).catch((caught: unknown) => logger.warn({ deployment: id, error: (caught as Error).message }, 'could not record a failure'))
      }
    }
  }

  /** Destroys the deployment's guest, if it has one. */
  async function cleanUp(id: number): Promise<void> {
    const deployment = await store.get(id)
    const provider = deployment && providerNamed(deployment.provider)
    if (!deployment?.guest || !provider?.destroy) return
    try {
      log(id, 'SYSTEM', `destroying guest ${deployment.guest.nativeId}`)
      await follow(id, await provider.destroy(deployment.guest.nativeId, {}), 'PROVISION', AbortSignal.timeout(timeouts.provisionMs))
    } catch (error) {
      log(id, 'SYSTEM', `could not destroy guest ${deployment.guest.nativeId}: ${(error as Error).message}`)
    }
  }

  function schedule(id: number): void {
    if (closing || running.has(id) || waiting.includes(id)) return
    waiting.push(id)
    pump()
  }

  function pump(): void {
    while (!closing && running.size < concurrency && waiting.length > 0) {
      const id = waiting.shift()!
      const controller = new AbortController()
      const done = work(id, controller.signal)
        .catch((error: unknown) => logger.error({ deployment: id, error: (error as Error).message }, 'deployment worker failed'))
        .finally(() => {
          running.delete(id)
          pump()
        })
      running.set(id, { controller, done })
    }
  }

  return {
    machine,

    /** Validates, stores (PENDING) and schedules; answers at once. */
    async create(request: DeploymentRequest): Promise<DeploymentRecord> {
      // Bad input is refused as such whatever the providers can do.
      const checked = validateDeploymentRequest(request, '')
      const provider = pickProvider(request)
      const input = { ...checked, provider: provider.name }
      const keys = ssh2.utils.generateKeyPairSync('ed25519', { comment: `hangar-deployment-${input.name}` })
      const deployment = await store.create(input, { publicKey: keys.public, privateKey: keys.private })
      log(deployment.id, 'SYSTEM', `deployment ${deployment.id} created: ${input.framework} from ${input.githubUrl}${input.branch ? ` (${input.branch})` : ''} on a ${input.type} of ${provider.name}`)
      events.publishStatus(deployment)
      schedule(deployment.id)
      return deployment
    },

    /** Stops the work in flight, destroys what it made, and ends FAILED with "cancelled". */
    async cancel(id: number): Promise<DeploymentRecord> {
      const deployment = await machine.require(id)
      machine.assertCan(deployment, 'cancel')
      const queued = waiting.indexOf(id)
      if (queued >= 0) {
        waiting.splice(queued, 1)
        log(id, 'SYSTEM', 'cancelled before it started')
        return machine.transition(id, 'FAILED', { error: 'cancelled' })
      }
      const active = running.get(id)
      if (active) {
        active.controller.abort(new Error('cancelled'))
        await active.done
        return machine.require(id)
      }
      await cleanUp(id)
      return machine.transition(id, 'FAILED', { error: 'cancelled' })
    },

    /** Reboots the guest and checks the app again. */
    async restart(id: number): Promise<DeploymentRecord> {
      const deployment = await machine.require(id)
      machine.assertCan(deployment, 'restart')
      if (running.has(id)) throw new ConflictError(`id: deployment ${id} is busy`)
      const provider = providerNamed(deployment.provider)
      if (!deployment.guest?.ip || !provider?.power) {
        // Nothing to reboot (it failed before it had a guest): deploy again from the start.
        const restarted = await machine.transition(id, 'CREATING', { step: 'provision', error: null })
        schedule(id)
        return restarted
      }
      const restarted = await machine.transition(id, 'CREATING', { step: 'restart', error: null })
      const controller = new AbortController()
      const done = (async () => {
        try {
          log(id, 'SYSTEM', `rebooting guest ${deployment.guest!.nativeId}`)
          await follow(id, await provider.power!(deployment.guest!.nativeId, deployment.status === 'STOPPED' ? 'start' : 'reboot', { signal: controller.signal }), 'PROVISION', AbortSignal.any([controller.signal, AbortSignal.timeout(timeouts.rebootMs)]))
          await deployApp(id, controller.signal, ['service'])
          await machine.transition(id, 'RUNNING', { step: null, deployedAt: new Date() })
        } catch (error) {
          log(id, 'SYSTEM', `restart failed: ${(error as Error).message}`)
          await machine.transition(id, 'FAILED', { error: `restart failed: ${(error as Error).message}` }).catch(() => {})
        }
      })().finally(() => running.delete(id))
      running.set(id, { controller, done })
      return restarted
    },

    /** Destroys the guest; the record stays, DELETED. */
    async delete(id: number): Promise<DeploymentRecord> {
      const deployment = await machine.require(id)
      machine.assertCan(deployment, 'delete')
      const active = running.get(id)
      const queued = waiting.indexOf(id)
      if (queued >= 0) waiting.splice(queued, 1)
      if (active) {
        active.controller.abort(new Error('deleted'))
        await active.done
      }
      await cleanUp(id)
      log(id, 'SYSTEM', 'deployment deleted')
      return machine.transition(id, 'DELETED', { step: null })
    },

    /**
     * After a restart of the gateway: PENDING deployments start again; CREATING ones with a
     * reachable guest run their recipe again (every stage can run twice); CREATING ones caught
     * mid-provisioning fail with the reason, and their half-made guest is destroyed.
     */
    async reconcile(): Promise<number> {
      const unfinished = await store.listUnfinished()
      for (const deployment of unfinished) {
        if (deployment.status === 'PENDING' || deployment.guest?.ip) {
          log(deployment.id, 'SYSTEM', 'the gateway restarted; resuming')
          schedule(deployment.id)
          continue
        }
        log(deployment.id, 'SYSTEM', 'the gateway restarted while the guest was being made; it cannot be resumed safely')
        await cleanUp(deployment.id)
        await machine.transition(deployment.id, 'FAILED', { error: 'interrupted while provisioning: the gateway restarted; the half-made guest was removed' })
      }
      return unfinished.length
    },

    /** Stops working (deployments stay as stored, and are reconciled at the next start). */
    async close(): Promise<void> {
      closing = true
      waiting.length = 0
      for (const { controller } of running.values()) controller.abort(new Error('gateway shutting down'))
      await Promise.allSettled([...running.values()].map((entry) => entry.done))
      await logs.close()
    },
  }
}

export type DeploymentEngine = ReturnType<typeof createDeploymentEngine>

import { ConflictError, HangarError, UnsupportedError } from '../errors/index.js'
import type { DeploymentEvents } from '../events/deployment-events.js'
import type { Logger } from '../logger.js'
import { deploymentIdOf, deploymentJobId } from '../jobs/job-log.js'
import type { HeldJob, JobLeases } from '../jobs/job-leases.js'
import type { JobStore } from '../jobs/job-store.js'
import { followTask } from '../operations/follow-task.js'
import type { GuestAccess, Provider, TaskHandle } from '../providers/contract.js'
import type { DeploymentLogWriter } from './deployment-log-writer.js'
import { validateDeploymentRequest, type DeploymentRequest } from './deployment-input.js'
import { DeploymentStateMachine, isTerminal } from './deployment-state-machine.js'
import type { DeploymentRecord, DeploymentStore, LogStream } from './deployment-store.js'
import { findFramework, type RecipeStage } from './frameworks/index.js'
import { waitUntilHealthy } from './health-check.js'
import { openSshSession, type SshSession } from './ssh-session.js'
import { generateEd25519KeyPair } from '../ssh/ed25519-key-pair.js'

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
  /** The `jobs` table: each deployment is a job, leased to the gateway working on it. */
  jobs: JobStore
  /** This gateway's leases: it holds the deployments it works on, and takes over those of gateways that stopped. */
  leases: JobLeases
}

const capabilityOf = (type: 'VM' | 'LXC') => (type === 'VM' ? 'deploy:vm' : 'deploy:lxc')

/** Where the app lives on the guest, relative to the SSH user's home. */
const appDirOf = (deployment: DeploymentRecord) => `apps/${deployment.name}`

/** How long one call of a guest check may take. */
const GUEST_CHECK_CALL_MS = 30_000

/** The core stopped following a provider task (lost track of it, or its deadline passed). */
class TaskGaveUp extends Error {}

/** A provider task that ended failed by itself (having cleaned up after itself). */
class TaskFailed extends Error {}

/** How long a cancel or delete waits for the gateway working on the deployment to stop it. */
const STOP_WAIT_MS = 120_000

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
export function createDeploymentEngine({ providers, store, events, logs, logger, timeouts: overrides = {}, concurrency = 4, jobs, leases }: DeploymentEngineOptions) {
  const timeouts: DeploymentTimeouts = { ...DEFAULT_TIMEOUTS, ...overrides }
  const machine = new DeploymentStateMachine(store, events, logs, logger)
  const running = new Map<number, { job: HeldJob; done: Promise<void> }>()
  const waiting: number[] = []
  /** Deployments a stopped gateway left mid-provisioning: their work is to clean up and fail. */
  const interrupted = new Map<number, string>()
  const taken = { resumed: 0, interrupted: 0 }
  let checkTimer: NodeJS.Timeout | undefined
  let checking: Promise<unknown> | undefined
  let closing = false
  /** Aborts at close: bounds the clean-ups a stop asked for. */
  const shutdown = new AbortController()
  const jobOf = deploymentJobId

  /**
   * This gateway let go of the job (it is shutting down, or another gateway took the job over):
   * the deployment stays as stored, and what is stored is not this gateway's to change.
   */
  const letGo = (job: HeldJob) => closing || job.stop === 'lease lost' || job.stop === 'gateway shutting down'
  /** The cancel or delete asked of the job while it ran, if any. */
  const askedStop = (job: HeldJob) => (job.stop === 'cancelled' || job.stop === 'deleted' ? job.stop : undefined)

  const providerNamed = (name: string) => providers.find((provider) => provider.name === name)
  const log = (id: number, stream: LogStream, line: string) => logs.write(id, stream, line)

  function pickProvider(request: DeploymentRequest): Provider {
    const capability = capabilityOf(request.type)
    if (request.provider) {
      const named = providerNamed(request.provider)
      if (!named) throw new HangarError('BAD_USER_INPUT', `input.provider: no provider named "${request.provider}"`, { field: 'input.provider' })
      if (!named.capabilities.includes(capability) || !named.provisionGuest) {
        throw new UnsupportedError(`input.provider: ${named.name} (the ${named.plugin} provider) cannot deploy ${request.type === 'LXC' ? 'an LXC container' : 'a VM'}`, { field: 'input.provider' })
      }
      return named
    }
    const found = providers.find((provider) => provider.capabilities.includes(capability) && provider.provisionGuest)
    if (!found) throw new UnsupportedError(`no configured provider can deploy a ${request.type}`)
    return found
  }

  /**
   * Follows a provider task, copying its lines into the deployment's log and storing each new ref
   * of a provisioning before the next poll (a ref names the guest a create is about to make).
   * Throws when the task failed; `TaskGaveUp` when the core stopped following it (lost track, or
   * its deadline) so the provider never got to clean up.
   */
  async function follow(id: number, handle: TaskHandle, stream: LogStream, signal: AbortSignal, hooks: { onGuest?: (nativeId: string) => Promise<void>; onRef?: (ref: string) => Promise<void> } = {}) {
    let guest: GuestAccess | undefined
    let nativeId: string | undefined
    let ended = false
    const outcome = await followTask(handle, {
      signal,
      onProgress: async (progress) => {
        for (const line of progress.lines) log(id, stream, line)
        if (progress.ref) await hooks.onRef?.(progress.ref)
        if (progress.serverNativeId && progress.serverNativeId !== nativeId) {
          nativeId = progress.serverNativeId
          await hooks.onGuest?.(nativeId)
        }
        if (progress.guest) guest = progress.guest
        ended = progress.state !== 'running'
      },
    })
    if (outcome.state === 'failed') throw ended ? new TaskFailed(outcome.error ?? 'the provider task failed') : new TaskGaveUp(outcome.error ?? 'stopped following the task')
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
  async function work(id: number, job: HeldJob): Promise<void> {
    const signal = job.signal
    // A cancel or delete asked while nobody worked on it (its gateway had stopped).
    const asked = job.stop ?? (await jobs.get(jobOf(id)))?.stopRequested
    if (asked === 'cancelled' || asked === 'deleted') {
      interrupted.delete(id)
      return endStopped(id, asked)
    }
    const cause = interrupted.get(id)
    if (cause !== undefined) {
      interrupted.delete(id)
      return abandonInterrupted(id, job, cause)
    }
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
        await store.update(id, { provisionRef: handle.ref })
        let guest: GuestAccess | undefined
        try {
          guest = await follow(id, handle, 'PROVISION', AbortSignal.any([signal, AbortSignal.timeout(timeouts.provisionMs)]), {
            onRef: async (ref) => {
              await store.update(id, { provisionRef: ref })
            },
            onGuest: async (nativeId) => {
              await store.update(id, { guest: { nativeId, location: null, ip: null, sshPort: null, sshUser: null } })
            },
          })
        } catch (error) {
          // The provisioning stopped before the provider could clean up (the core lost track of
          // it, or its time ran out): clean up from the stored ref.
          if (!(error instanceof TaskFailed) && !signal.aborted) throw new Error(`${(error as Error).message}; ${await cleanUp(id, signal)}`)
          throw error
        }
        if (!guest) throw new Error('the provider made the guest but did not say how to reach it')
        await store.update(id, { guest: { nativeId: guest.nativeId, location: guest.location, ip: guest.ip, sshPort: guest.sshPort, sshUser: guest.sshUser }, provisionRef: null })
        log(id, 'SYSTEM', `guest ${guest.nativeId} is up at ${guest.ip}`)
      }
      await deployApp(id, signal)
      await machine.transition(id, 'RUNNING', { step: null, error: null, deployedAt: new Date() })
    } catch (error) {
      if (letGo(job)) return
      const stop = askedStop(job)
      if (stop) return endStopped(id, stop)
      const reason = error instanceof HangarError ? error.message : (error as Error).message
      log(id, 'SYSTEM', `failed: ${reason}`)
      await failUnlessResting(id, reason)
    }
  }

  /** Records a failure, unless the deployment already rests FAILED or DELETED; never throws. */
  async function failUnlessResting(id: number, reason: string): Promise<void> {
    const current = await store.get(id)
    if (!current || current.status === 'DELETED' || current.status === 'FAILED') return
    await machine.transition(id, 'FAILED', { error: reason }).catch((caught: unknown) => logger.warn({ deployment: id, error: (caught as Error).message }, 'could not record a failure'))
  }

  /**
   * A deployment a stopped gateway (or this one's previous run) left while its guest was being
   * made: the provisioning cannot be picked up, so what it made is looked for and removed, and the
   * deployment fails saying so. `cause` says which gateway stopped.
   */
  async function abandonInterrupted(id: number, job: HeldJob, cause: string): Promise<void> {
    log(id, 'SYSTEM', `${cause} while the guest was being made; it cannot be resumed safely`)
    let outcome: string
    try {
      outcome = await cleanUp(id, job.signal)
    } catch (error) {
      // A cancel or delete asked meanwhile: it ends the deployment its own way.
      const stop = askedStop(job)
      if (stop) return endStopped(id, stop)
      throw error
    }
    // Shutting down again (or the job was taken over): it stays CREATING for whoever holds it next.
    if (letGo(job)) return
    const stop = askedStop(job)
    if (stop) return endStopped(id, stop)
    await machine.transition(id, 'FAILED', { error: `interrupted while provisioning: ${cause}; ${outcome}` })
    logger.info({ deployment: id, outcome }, 'recovered an interrupted deployment')
  }

  /** Ends a deployment a cancel or delete stopped: what it made is removed, and it rests FAILED or DELETED. */
  async function endStopped(id: number, stop: 'cancelled' | 'deleted'): Promise<void> {
    if (stop === 'cancelled') log(id, 'SYSTEM', 'cancelled: stopping the work in flight')
    await cleanUp(id, shutdown.signal)
    if (closing) return
    if (stop === 'deleted') {
      log(id, 'SYSTEM', 'deployment deleted')
      await machine.transition(id, 'DELETED', { step: null })
    } else {
      await failUnlessResting(id, 'cancelled')
    }
  }

  /** Waits until the deployment's job has ended (another gateway stopping it), for at most {@link STOP_WAIT_MS}. */
  async function untilResting(id: number): Promise<DeploymentRecord> {
    const until = Date.now() + STOP_WAIT_MS
    while (Date.now() < until && !closing) {
      const job = await jobs.get(jobOf(id))
      if (!job || job.state === 'DONE') break
      await pause(200, shutdown.signal)
    }
    return machine.require(id)
  }

  /**
   * Runs `task` as the deployment's job, held by this gateway, once it is its turn on its guest
   * (after any operation on that server asked before it). A cancel or delete asked meanwhile
   * still waits for the turn: it acts on the guest too.
   */
  function launch(id: number, task: (job: HeldJob) => Promise<void>): Promise<void> {
    const job = leases.hold(jobOf(id))
    const done = (async () => {
      // Not this gateway's any more (taken over while it waited), or shutting down: nothing to do here.
      if (!(await leases.waitForTurn(job.id, shutdown.signal))) return
      if (job.stop === 'lease lost') return
      await task(job)
    })()
      .catch((error: unknown) => logger.error({ deployment: id, error: (error as Error).message }, 'deployment worker failed'))
      .finally(() => {
        running.delete(id)
        leases.release(jobOf(id))
        pump()
      })
    running.set(id, { job, done })
    return done
  }

  /**
   * Removes what the deployment made upstream and says plainly what it found. A provisioning that
   * did not finish is handed back to its provider by ref, which looks for the guest the ref names
   * (also one whose create answer was never read) and deletes it; a finished guest is destroyed.
   */
  async function cleanUp(id: number, stop?: AbortSignal): Promise<string> {
    // Bounded by the provisioning deadline; `stop` (the work's own signal) may end it sooner.
    const deadline = AbortSignal.timeout(timeouts.provisionMs)
    const signal = stop ? AbortSignal.any([stop, deadline]) : deadline
    const deployment = await store.get(id)
    const provider = deployment && providerNamed(deployment.provider)
    if (!deployment || !provider) return 'nothing to remove (its provider is not configured any more)'
    const ref = deployment.provisionRef
    const guest = deployment.guest
    if (ref && !guest?.ip && provider.resumeTask) {
      log(id, 'SYSTEM', 'looking for what the unfinished provisioning made, to remove it')
      let outcome: string
      try {
        await follow(id, provider.resumeTask(ref), 'PROVISION', signal)
        outcome = 'the provisioning ended by itself'
      } catch (error) {
        if (stop?.aborted) throw error
        const message = (error as Error).message
        outcome = error instanceof TaskGaveUp ? `could not finish removing what the provisioning made (${message}); ${guest?.nativeId ?? 'its guest'} may need deleting by hand` : message
      }
      await store.update(id, { provisionRef: null })
      log(id, 'SYSTEM', outcome)
      return outcome
    }
    if (!guest) return 'no guest had been made'
    if (!provider.destroy) return `the ${provider.plugin} provider cannot destroy guest ${guest.nativeId}; it needs deleting by hand`
    try {
      log(id, 'SYSTEM', `destroying guest ${guest.nativeId}`)
      await follow(id, await provider.destroy(guest.nativeId, { signal }), 'PROVISION', signal)
      await store.update(id, { provisionRef: null })
      return `the half-made guest ${guest.nativeId} was removed`
    } catch (error) {
      if (stop?.aborted) throw error
      const outcome = `could not remove guest ${guest.nativeId}: ${(error as Error).message}; it may need deleting by hand`
      log(id, 'SYSTEM', outcome)
      return outcome
    }
  }

  /**
   * Checks that each deployment resting on a guest (RUNNING, STOPPED, or FAILED with its guest
   * kept) still has it. A guest removed outside Hangar (in the Proxmox UI, or by a simulator that
   * started afresh) is forgotten with a line in the log, and a RUNNING or STOPPED deployment fails
   * saying so; `restart` then deploys it again on a new guest. A guest that answers under another
   * name is not ours any more. A provider that cannot be asked is left for the next check.
   */
  async function checkGuests(): Promise<number> {
    const resting = (await store.listWithGuests()).filter((deployment) => !running.has(deployment.id) && !waiting.includes(deployment.id))
    const byProvider = new Map<string, DeploymentRecord[]>()
    for (const deployment of resting) byProvider.set(deployment.provider, [...(byProvider.get(deployment.provider) ?? []), deployment])
    let gone = 0
    for (const [name, deployments] of byProvider) {
      const provider = providerNamed(name)
      if (!provider || closing) continue
      let listed: Map<string, string>
      try {
        listed = new Map((await provider.listServers({ signal: AbortSignal.timeout(GUEST_CHECK_CALL_MS) })).map((server) => [server.nativeId, server.name]))
      } catch (error) {
        logger.debug({ provider: name, error: (error as Error).message }, 'guest check skipped: the provider did not answer')
        continue
      }
      for (const deployment of deployments) {
        const nativeId = deployment.guest!.nativeId
        if (listed.get(nativeId) === deployment.name) continue
        // Ask the guest itself before concluding: a list can miss a guest for a moment.
        let found
        try {
          found = await provider.getServer(nativeId, { signal: AbortSignal.timeout(GUEST_CHECK_CALL_MS) })
        } catch {
          continue
        }
        if (found?.name === deployment.name) continue
        const current = await store.get(deployment.id)
        if (!current || running.has(deployment.id) || current.status !== deployment.status || current.guest?.nativeId !== nativeId) continue
        // Some gateway works on it now (a restart, a delete): that work decides.
        if ((await jobs.get(jobOf(deployment.id)))?.state !== 'DONE') continue
        const why = found
          ? `guest ${nativeId} is gone from ${name}: that id now belongs to '${found.name}'`
          : `guest ${nativeId} is gone from ${name}: it was removed outside Hangar`
        log(deployment.id, 'SYSTEM', `${why}; restart deploys the app again on a new guest`)
        // A new guest will have a host key of its own.
        const forget = { guest: null, provisionRef: null, sshHostKey: null }
        if (current.status === 'FAILED') await machine.patch(deployment.id, forget)
        else await machine.transition(deployment.id, 'FAILED', { step: null, error: why, ...forget })
        logger.warn({ deployment: deployment.id, guest: nativeId, provider: name }, 'a deployment\'s guest is gone')
        gone += 1
      }
    }
    return gone
  }

  function schedule(id: number): void {
    if (closing || running.has(id) || waiting.includes(id)) return
    waiting.push(id)
    pump()
  }

  function pump(): void {
    while (!closing && running.size < concurrency && waiting.length > 0) {
      const id = waiting.shift()!
      void launch(id, (job) => work(id, job))
    }
  }

  /** Takes up a deployment whose gateway stopped (or this one's previous run); only schedules. */
  leases.handle('deployment', async (job) => {
    const id = deploymentIdOf(job.id)
    const deployment = await store.get(id)
    if (!deployment || (isTerminal(deployment) && !job.stopRequested)) {
      // Its gateway stopped between storing the rest state and letting go of the job.
      await jobs.finish(job.id, leases.owner)
      leases.release(job.id)
      return
    }
    if (!job.stopRequested) {
      if (deployment.status === 'PENDING' || deployment.guest?.ip) {
        log(id, 'SYSTEM', leases.isRestart(job) ? 'the gateway restarted; resuming' : `the gateway working on it (${job.previousOwner}) stopped; resuming on ${leases.owner}`)
        taken.resumed += 1
      } else {
        interrupted.set(id, leases.isRestart(job) ? 'the gateway restarted' : `the gateway working on it (${job.previousOwner}) stopped`)
        taken.interrupted += 1
      }
    }
    schedule(id)
  })

  return {
    machine,

    /** Validates, stores (PENDING) and schedules; answers at once. */
    async create(request: DeploymentRequest): Promise<DeploymentRecord> {
      // Bad input is refused as such whatever the providers can do.
      const checked = validateDeploymentRequest(request, '')
      const provider = pickProvider(request)
      const input = { ...checked, provider: provider.name }
      const keys = generateEd25519KeyPair(`hangar-deployment-${input.name}`)
      const deployment = await store.create(input, { publicKey: keys.public, privateKey: keys.private }, { owner: leases.owner, leaseMs: leases.leaseMs })
      leases.hold(jobOf(deployment.id))
      log(deployment.id, 'SYSTEM', `deployment ${deployment.id} created: ${input.framework} from ${input.githubUrl}${input.branch ? ` (${input.branch})` : ''} on a ${input.type} of ${provider.name}`)
      events.publishStatus(deployment)
      schedule(deployment.id)
      return deployment
    },

    /**
     * Stops the work in flight, destroys what it made, and ends FAILED with "cancelled". The
     * gateway working on it does that (this one, or another told through the job).
     */
    async cancel(id: number): Promise<DeploymentRecord> {
      const deployment = await machine.require(id)
      machine.assertCan(deployment, 'cancel')
      const queued = waiting.indexOf(id)
      if (queued >= 0) {
        waiting.splice(queued, 1)
        log(id, 'SYSTEM', 'cancelled before it started')
        const failed = await machine.transition(id, 'FAILED', { error: 'cancelled' })
        leases.release(jobOf(id))
        return failed
      }
      if (await leases.requestStop(jobOf(id), 'cancelled')) {
        await running.get(id)?.done
        return untilResting(id)
      }
      await cleanUp(id, shutdown.signal)
      return machine.transition(id, 'FAILED', { error: 'cancelled' })
    },

    /** Reboots the guest and checks the app again. */
    async restart(id: number): Promise<DeploymentRecord> {
      const deployment = await machine.require(id)
      machine.assertCan(deployment, 'restart')
      if (running.has(id) || !(await jobs.requeue(jobOf(id), leases.owner, leases.leaseMs))) throw new ConflictError(`id: deployment ${id} is busy`)
      leases.hold(jobOf(id))
      const provider = providerNamed(deployment.provider)
      if (!deployment.guest?.ip || !provider?.power) {
        // Nothing to reboot (it failed before it had a guest, or its guest is gone): deploy again
        // from the start, on a new guest with a host key of its own.
        const restarted = await machine.transition(id, 'CREATING', { step: 'provision', error: null, sshHostKey: null })
        schedule(id)
        return restarted
      }
      const restarted = await machine.transition(id, 'CREATING', { step: 'restart', error: null })
      void launch(id, async (job) => {
        try {
          log(id, 'SYSTEM', `rebooting guest ${deployment.guest!.nativeId}`)
          await follow(id, await provider.power!(deployment.guest!.nativeId, deployment.status === 'STOPPED' ? 'start' : 'reboot', { signal: job.signal }), 'PROVISION', AbortSignal.any([job.signal, AbortSignal.timeout(timeouts.rebootMs)]))
          await deployApp(id, job.signal, ['service'])
          await machine.transition(id, 'RUNNING', { step: null, deployedAt: new Date() })
        } catch (error) {
          if (letGo(job)) return
          // A cancelled restart keeps its guest: only the reboot and the app's start were stopped.
          if (askedStop(job) === 'deleted') return endStopped(id, 'deleted')
          const reason = askedStop(job) === 'cancelled' ? 'cancelled' : `restart failed: ${(error as Error).message}`
          log(id, 'SYSTEM', reason)
          await machine.transition(id, 'FAILED', { error: reason }).catch(() => {})
        }
      })
      return restarted
    },

    /**
     * Destroys the guest; the record stays, DELETED. Work under way is stopped first, by the
     * gateway doing it; otherwise the delete is a job of its own, which another gateway finishes
     * if this one stops.
     */
    async delete(id: number): Promise<DeploymentRecord> {
      const deployment = await machine.require(id)
      machine.assertCan(deployment, 'delete')
      const queued = waiting.indexOf(id)
      if (queued >= 0) waiting.splice(queued, 1)
      for (let attempt = 0; attempt < 3; attempt += 1) {
        if (await leases.requestStop(jobOf(id), 'deleted')) {
          // Queued here and not started: this gateway ends it now.
          if (queued >= 0 && !running.has(id)) await launch(id, () => endStopped(id, 'deleted'))
          else await running.get(id)?.done
          return untilResting(id)
        }
        if (await jobs.requeue(jobOf(id), leases.owner, leases.leaseMs)) {
          // Marked, so that a gateway taking the job over finishes the delete.
          await jobs.requestStop(jobOf(id), 'deleted')
          await launch(id, () => endStopped(id, 'deleted'))
          return machine.require(id)
        }
      }
      throw new ConflictError(`id: deployment ${id} is busy`)
    },

    /** Deployments taken up from gateways that stopped (or this one's previous run), since the last call. */
    takenOver(): { resumed: number; interrupted: number } {
      const counts = { ...taken }
      taken.resumed = 0
      taken.interrupted = 0
      return counts
    },

    checkGuests,

    /** Checks the deployments' guests now (in the background) and then every `intervalMs`. */
    watchGuests(intervalMs: number): void {
      const check = () => {
        if (closing || checking) return
        checking = checkGuests()
          .catch((error: unknown) => logger.warn({ error: (error as Error).message }, 'guest check failed'))
          .finally(() => {
            checking = undefined
          })
      }
      check()
      if (intervalMs > 0) checkTimer = setInterval(check, intervalMs).unref()
    },

    /**
     * Stops working: deployments stay as stored, for another gateway or the next start to take up
     * (the job leases abort the work held here before this is called).
     */
    async close(): Promise<void> {
      closing = true
      shutdown.abort(new Error('gateway shutting down'))
      clearInterval(checkTimer)
      waiting.length = 0
      await Promise.allSettled([...running.values()].map((entry) => entry.done))
      await checking
      await logs.close()
    },
  }
}

export type DeploymentEngine = ReturnType<typeof createDeploymentEngine>

import { ConflictError, HangarError, isHangarError, NotFoundError, UnsupportedError } from '../errors/index.js'
import type { DeploymentEvents } from '../events/deployment-events.js'
import type { Logger } from '../logger.js'
import { deploymentIdOf, deploymentJobId } from '../jobs/job-log.js'
import type { HeldJob, JobLeases } from '../jobs/job-leases.js'
import type { JobStore } from '../jobs/job-store.js'
import { followTask } from '../operations/follow-task.js'
import type { GuestAccess, Provider, ServerInfo, TaskHandle } from '../providers/contract.js'
import type { DeploymentLogWriter } from './deployment-log-writer.js'
import { checkRef, validateDeploymentRequest, type DeploymentRequest } from './deployment-input.js'
import { DeploymentStateMachine, isTerminal } from './deployment-state-machine.js'
import type { DeploymentRecord, DeploymentStore, LogStream } from './deployment-store.js'
import { findFramework } from './frameworks/index.js'
import {
  envFileOf,
  FETCHED_COMMIT,
  sh,
  type Framework,
  type RecipeContext,
  type RecipeStep,
} from './frameworks/framework.js'
import {
  deployKeyFileOf,
  explainFetchFailure,
  gitSshOf,
  KNOWN_HOSTS_FILE,
  repositoryOf,
  sshUrlOf,
} from './private-repository.js'
import { GITHUB_KNOWN_HOSTS } from './github-known-hosts.js'
import { KEPT_RELEASES, releaseDirOf, removeReleasesCommand, serveDirOf, switchCommand } from './release-layout.js'
import type { ReleaseRecord, ReleaseStore } from './release-store.js'
import { checkVariableKey, environmentFile, validateVariables, type VariableInput } from './deployment-variables.js'
import { waitUntilHealthy } from './health-check.js'
import { openSshSession, type SshSession } from './ssh-session.js'
import { generateEd25519KeyPair } from '../ssh/ed25519-key-pair.js'
import { dirname } from 'node:path/posix'

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
  /** Each deployment's releases. */
  releases: ReleaseStore
  /** The `known_hosts` lines a private repository's host must match (GitHub's published keys by default). */
  gitKnownHosts?: string
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

/** How long one call of a guest check may take. */
const GUEST_CHECK_CALL_MS = 30_000

/** The core stopped following a provider task (lost track of it, or its deadline passed). */
class TaskGaveUp extends Error {}

/** A provider task that ended failed by itself (having cleaned up after itself). */
class TaskFailed extends Error {}

/** A release that did not make it; `serving` is the release that serves instead, if one does. */
class ReleaseFailed extends Error {
  constructor(
    message: string,
    readonly serving: number | undefined,
  ) {
    super(message)
  }
}

/** How long a cancel or delete waits for the gateway working on the deployment to stop it. */
const STOP_WAIT_MS = 120_000

/** Waits for `ms`, or less when aborted. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        resolve()
      },
      { once: true },
    )
  })

/**
 * Turns a deployment request into a running app: provisions the guest through the provider
 * contract, runs the framework's recipe over SSH streaming every line, health-checks the app, and
 * only then marks it RUNNING. Work survives a restart of the gateway (see {@link reconcile}).
 */
export function createDeploymentEngine({
  providers,
  store,
  releases,
  events,
  logs,
  logger,
  timeouts: overrides = {},
  concurrency = 4,
  jobs,
  leases,
  gitKnownHosts = GITHUB_KNOWN_HOSTS,
}: DeploymentEngineOptions): DeploymentEngine {
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
      if (!named)
        throw new HangarError('BAD_USER_INPUT', `input.provider: no provider named "${request.provider}"`, {
          field: 'input.provider',
        })
      if (!named.capabilities.includes(capability) || !named.provisionGuest) {
        throw new UnsupportedError(
          `input.provider: ${named.name} (the ${named.plugin} provider) cannot deploy ` +
            `${request.type === 'LXC' ? 'an LXC container' : 'a VM'}`,
          { field: 'input.provider' },
        )
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
  async function follow(
    id: number,
    handle: TaskHandle,
    stream: LogStream,
    signal: AbortSignal,
    hooks: { onGuest?: (nativeId: string) => Promise<void>; onRef?: (ref: string) => Promise<void> } = {},
  ) {
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
    if (outcome.state === 'failed')
      throw ended
        ? new TaskFailed(outcome.error ?? 'the provider task failed')
        : new TaskGaveUp(outcome.error ?? 'stopped following the task')
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
        if (/host key changed/.test(message) || Date.now() > until)
          throw new Error(`cannot open SSH to ${guest.ip}:${guest.sshPort}: ${message}`)
        if (attempt++ === 0) log(deployment.id, 'SYSTEM', `waiting for SSH on ${guest.ip}:${guest.sshPort}`)
        await pause(1_000, signal)
      }
    }
  }

  /** The recipe's values for one release of the deployment (release 0: whichever serves now). */
  function contextOf(
    deployment: DeploymentRecord,
    framework: Framework,
    release: { number: number; ref: string | null },
  ): RecipeContext {
    return {
      repoUrl: deployment.privateRepo ? sshUrlOf(deployment.githubUrl) : deployment.githubUrl,
      ...(deployment.privateRepo ? { gitSsh: gitSshOf(deployment.name) } : {}),
      ref: release.ref ?? deployment.branch ?? 'main',
      name: deployment.name,
      appDir: releaseDirOf(deployment.name, release.number),
      serveDir: serveDirOf(deployment.name),
      port: framework.port,
      envFile: envFileOf(deployment.name),
    }
  }

  /** Runs a stage's commands, each line to the log (and to `onLine`); throws naming the stage when one fails. */
  async function runStage(
    id: number,
    session: SshSession,
    step: RecipeStep,
    signal: AbortSignal,
    onLine?: (line: string) => void,
  ): Promise<void> {
    await machine.step(id, step.stage)
    log(id, 'SYSTEM', `step ${step.stage}`)
    for (const command of step.commands) {
      const result = await session.run(
        command,
        (line) => {
          log(id, 'DEPLOY', line)
          onLine?.(line)
        },
        {
          timeoutMs: timeouts.commandMs,
          signal,
        },
      )
      if (result.exitCode !== 0)
        throw new Error(
          `${step.stage} failed: a command exited with ${result.exitCode ?? result.signal ?? 'no status'} ` +
            '(see the deployment log)',
        )
    }
  }

  /** The recipe's service stage: it (re)starts the app from whichever release serves now. */
  function serviceStage(deployment: DeploymentRecord, framework: Framework): RecipeStep {
    return framework
      .recipe(contextOf(deployment, framework, { number: 0, ref: null }))
      .find((step) => step.stage === 'service')!
  }

  /** Runs one command of Hangar's own (not the recipe's), `input` on its stdin; throws `what` failed. */
  async function runOwn(
    id: number,
    session: SshSession,
    command: string,
    what: string,
    signal: AbortSignal,
    input?: string,
  ): Promise<void> {
    const result = await session.run(command, (line) => log(id, 'DEPLOY', line), {
      timeoutMs: timeouts.commandMs,
      signal,
      input,
    })
    if (result.exitCode !== 0)
      throw new Error(`${what}: a command exited with ${result.exitCode ?? result.signal ?? 'no status'}`)
  }

  /**
   * Writes `input` to `file` (relative to the SSH user's home) through the command's stdin, never
   * on a command line: in a directory only that user may enter, readable by that user only, and
   * replaced in one rename.
   */
  function writePrivateFile(
    id: number,
    session: SshSession,
    file: string,
    input: string,
    signal: AbortSignal,
  ): Promise<void> {
    const directory = sh(dirname(file))
    const command =
      `umask 077 && mkdir -p ${directory} && chmod 700 ${directory} && ` +
      `cat > ${sh(`${file}.new`)} && mv -f ${sh(`${file}.new`)} ${sh(file)}`
    return runOwn(id, session, command, `could not write ~/${file}`, signal, input)
  }

  /** Connects to the deployment's guest, runs `work` on the session, and closes it. */
  async function onGuest<T>(
    deployment: DeploymentRecord,
    signal: AbortSignal,
    work: (session: SshSession) => Promise<T>,
  ): Promise<T> {
    const session = await connect(deployment, signal)
    try {
      return await work(session)
    } finally {
      session.close()
    }
  }

  /**
   * After `why` (a release or a rollback that did not make it), points the service back at release
   * `to` and checks it, bounded by the gateway's own signal (the job's may be aborted: a cancel).
   * Answers whether it serves again; never throws.
   */
  async function switchBack(
    id: number,
    session: SshSession,
    deployment: DeploymentRecord,
    framework: Framework,
    to: number,
    why: string,
  ): Promise<boolean> {
    log(id, 'SYSTEM', `${why}; switching back to release ${to}`)
    try {
      await serve(
        id,
        session,
        deployment,
        framework,
        to,
        AbortSignal.any([shutdown.signal, AbortSignal.timeout(timeouts.commandMs)]),
      )
      return true
    } catch (error) {
      log(id, 'SYSTEM', `release ${to} did not come back: ${(error as Error).message}`)
      return false
    }
  }

  async function healthCheck(
    id: number,
    deployment: DeploymentRecord,
    framework: Framework,
    signal: AbortSignal,
  ): Promise<void> {
    await machine.step(id, 'health-check')
    const health = framework.health
    log(id, 'SYSTEM', `checking http://${deployment.guest!.ip}:${framework.port}${health.path}`)
    const { status } = await waitUntilHealthy({
      host: deployment.guest!.ip!,
      port: framework.port,
      check: health,
      timeoutMs: timeouts.healthMs,
      signal,
    }).catch((error: unknown) => {
      throw signal.aborted ? error : new Error(`health check failed: ${(error as Error).message}`)
    })
    log(id, 'SYSTEM', `health check passed (HTTP ${status})`)
  }

  /** Points the service at release `number`, restarts it, and checks the app answers. */
  async function serve(
    id: number,
    session: SshSession,
    deployment: DeploymentRecord,
    framework: Framework,
    number: number,
    signal: AbortSignal,
  ): Promise<void> {
    log(id, 'SYSTEM', `switching to release ${number}`)
    await runOwn(id, session, switchCommand(deployment.name, number), `switching to release ${number}`, signal)
    await runStage(id, session, serviceStage(deployment, framework), signal)
    await healthCheck(id, deployment, framework, signal)
  }

  /** Removes the directories of releases that built beyond the last {@link KEPT_RELEASES}. */
  async function prune(
    id: number,
    session: SshSession,
    deployment: DeploymentRecord,
    signal: AbortSignal,
  ): Promise<void> {
    const built = (await releases.list(id)).filter(
      (release) => release.kept && (release.status === 'ACTIVE' || release.status === 'SUPERSEDED'),
    )
    const old = built
      .slice(KEPT_RELEASES)
      .filter((release) => release.status !== 'ACTIVE')
      .map((release) => release.number)
    if (old.length === 0) return
    await runOwn(id, session, removeReleasesCommand(deployment.name, old), 'removing old releases', signal)
    await releases.forget(id, old)
    log(
      id,
      'SYSTEM',
      `removed release${old.length === 1 ? '' : 's'} ${old.join(', ')} ` +
        `from the guest (the last ${KEPT_RELEASES} are kept)`,
    )
  }

  /**
   * Builds `release` in its own directory on the guest (the runtime, its fetch, dependencies and
   * build, with the app's environment), then switches the service to it and checks it. The release
   * serving before keeps serving until the switch; if the new one then fails its health check, the
   * service is switched back to it at once. Throws {@link ReleaseFailed} when the release did not
   * make it (saying whether the previous one serves); it is then FAILED and its directory removed.
   */
  async function buildRelease(id: number, release: ReleaseRecord, job: HeldJob): Promise<void> {
    const signal = job.signal
    const deployment = await machine.require(id)
    const framework = findFramework(deployment.framework)!
    const previous = await releases.active(id)
    const session = await connect(deployment, signal)
    let switched = false
    try {
      const context = contextOf(deployment, framework, release)
      log(id, 'SYSTEM', `release ${release.number}: ${context.ref}`)
      await writeEnvironment(id, session, context.envFile, signal)
      if (deployment.privateRepo) await writeDeployKey(id, session, deployment.name, signal)
      for (const step of framework.recipe(context)) {
        if (step.stage === 'service') break
        let commit: string | undefined
        const said: string[] = []
        await runStage(id, session, step, signal, (line) => {
          commit = FETCHED_COMMIT.exec(line)?.[1] ?? commit
          if (step.stage === 'fetch') said.push(line)
        }).catch((error: unknown) => {
          throw step.stage === 'fetch'
            ? new Error(explainFetchFailure(deployment, said) ?? (error as Error).message)
            : error
        })
        if (commit) await releases.fetched(id, release.number, commit)
      }
      switched = true
      await serve(id, session, deployment, framework, release.number, signal)
      await releases.activate(id, release.number)
      log(id, 'SYSTEM', `release ${release.number} is serving`)
      await prune(id, session, deployment, signal).catch((error: unknown) =>
        log(id, 'SYSTEM', `could not remove old releases: ${(error as Error).message}`),
      )
    } catch (error) {
      if (letGo(job)) throw error
      const reason = askedStop(job) ?? (error as Error).message
      let serving = previous !== undefined && !switched
      if (switched && previous?.kept)
        serving = await switchBack(
          id,
          session,
          deployment,
          framework,
          previous.number,
          `release ${release.number} failed (${reason})`,
        )
      // The job's signal may be aborted (a cancel): the clean-up is bounded by the gateway's own.
      const cleanUp = AbortSignal.any([shutdown.signal, AbortSignal.timeout(timeouts.commandMs)])
      await runOwn(
        id,
        session,
        removeReleasesCommand(deployment.name, [release.number]),
        'removing the failed release',
        cleanUp,
      ).catch(() => {})
      await releases.fail(id, release.number, reason)
      throw new ReleaseFailed(reason, serving ? previous!.number : undefined)
    } finally {
      session.close()
    }
  }

  /**
   * Starts the app again from the release serving now (after a reboot: a guest without systemd
   * does not start it by itself, and starting it is safe to repeat), and checks it.
   */
  async function restartApp(id: number, signal: AbortSignal): Promise<void> {
    const deployment = await machine.require(id)
    const framework = findFramework(deployment.framework)!
    await onGuest(deployment, signal, async (session) => {
      await writeEnvironment(id, session, envFileOf(deployment.name), signal)
      await runStage(id, session, serviceStage(deployment, framework), signal)
    })
    await healthCheck(id, deployment, framework, signal)
  }

  /**
   * Writes the app's environment file on the guest: its variables, secrets included, as
   * `export KEY='value'` lines, readable by the SSH user (who runs the app) only. The values go
   * through the command's standard input, never on a command line, and never into the log.
   */
  async function writeEnvironment(
    id: number,
    session: SshSession,
    envFile: string,
    signal: AbortSignal,
  ): Promise<void> {
    const environment = await store.environment(id)
    await writePrivateFile(id, session, envFile, environmentFile(environment), signal)
    const count = Object.keys(environment).length
    log(
      id,
      'SYSTEM',
      `wrote ${count} variable${count === 1 ? '' : 's'} to ~/${envFile} (readable by the app's user only)`,
    )
  }

  /**
   * Hands the guest the deployment's deploy key and the pinned host keys of GitHub, through
   * standard input, into files only the SSH user can read; the fetch's ssh uses nothing else.
   */
  async function writeDeployKey(id: number, session: SshSession, name: string, signal: AbortSignal): Promise<void> {
    const key = await store.deployKey(id)
    if (!key) throw new Error('the deployment has no deploy key')
    await writePrivateFile(id, session, deployKeyFileOf(name), key, signal)
    await writePrivateFile(id, session, KNOWN_HOSTS_FILE, `${gitKnownHosts.trim()}\n`, signal)
    log(
      id,
      'SYSTEM',
      `wrote the deploy key to ~/${deployKeyFileOf(name)} and GitHub's host keys to ~/${KNOWN_HOSTS_FILE}`,
    )
  }

  /** The whole deployment, from PENDING (or a resumable CREATING) to RUNNING or FAILED. */
  async function work(id: number, job: HeldJob): Promise<void> {
    const signal = job.signal
    // A cancel or delete asked while nobody worked on it (its gateway had stopped).
    const asked = job.stop ?? (await jobs.get(jobOf(id)))?.stopRequested
    if (asked === 'cancelled' && (await machine.require(id)).status === 'RUNNING') {
      // A release (or rollback) cancelled while nobody worked on it: the app goes on serving.
      const building = await releases.building(id)
      if (building) await releases.fail(id, building.number, 'cancelled')
      return resumeWhileServing(id, job)
    }
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
    if (deployment.status === 'RUNNING') return resumeWhileServing(id, job)
    const provider = providerNamed(deployment.provider)
    try {
      if (!provider?.provisionGuest) throw new Error(`the provider "${deployment.provider}" is not configured any more`)
      if (deployment.status === 'PENDING') {
        deployment = await machine.transition(id, 'CREATING', { step: 'provision', error: null })
      }
      if (!deployment.guest?.ip) {
        // A new guest: no release of an earlier one is on it.
        await releases.guestGone(id)
        await machine.step(id, 'provision')
        log(id, 'SYSTEM', `provisioning a ${deployment.type === 'VM' ? 'VM' : 'container'} on ${provider.name}`)
        const keys = (await store.keys(id))!
        const handle = await provider.provisionGuest(
          {
            kind: deployment.type === 'VM' ? 'VM' : 'CONTAINER',
            name: deployment.name,
            cpu: deployment.cpu,
            memoryMb: deployment.memory,
            diskGb: deployment.disk,
            sshPublicKey: keys.publicKey,
          },
          { signal },
        )
        await store.update(id, { provisionRef: handle.ref })
        let guest: GuestAccess | undefined
        try {
          guest = await follow(
            id,
            handle,
            'PROVISION',
            AbortSignal.any([signal, AbortSignal.timeout(timeouts.provisionMs)]),
            {
              onRef: async (ref) => {
                await store.update(id, { provisionRef: ref })
              },
              onGuest: async (nativeId) => {
                await store.update(id, { guest: { nativeId, location: null, ip: null, sshPort: null, sshUser: null } })
              },
            },
          )
        } catch (error) {
          // The provisioning stopped before the provider could clean up (the core lost track of
          // it, or its time ran out): clean up from the stored ref.
          if (!(error instanceof TaskFailed) && !signal.aborted)
            throw new Error(`${(error as Error).message}; ${await cleanUp(id, signal)}`)
          throw error
        }
        if (!guest) throw new Error('the provider made the guest but did not say how to reach it')
        await store.update(id, {
          guest: {
            nativeId: guest.nativeId,
            location: guest.location,
            ip: guest.ip,
            sshPort: guest.sshPort,
            sshUser: guest.sshUser,
          },
          provisionRef: null,
        })
        log(id, 'SYSTEM', `guest ${guest.nativeId} is up at ${guest.ip}`)
      }
      // A release left BUILDING (the gateway stopped while it built) is built again, afresh.
      const release = (await releases.building(id)) ?? (await releases.start(id, deployment.branch ?? 'main'))
      await buildRelease(id, release, job)
      await machine.transition(id, 'RUNNING', { step: null, error: null, deployedAt: new Date() })
    } catch (error) {
      if (letGo(job)) return
      const stop = askedStop(job)
      if (stop) return endStopped(id, stop)
      if (error instanceof ReleaseFailed && error.serving !== undefined) {
        log(id, 'SYSTEM', `release failed: ${error.message}; release ${error.serving} serves`)
        await machine.transition(id, 'RUNNING', { step: null, error: null })
        return
      }
      const reason = isHangarError(error) ? error.message : (error as Error).message
      log(id, 'SYSTEM', `failed: ${reason}`)
      await failUnlessResting(id, reason)
    }
  }

  /** Records a failure, unless the deployment already rests FAILED or DELETED; never throws. */
  async function failUnlessResting(id: number, reason: string): Promise<void> {
    const current = await store.get(id)
    if (!current || current.status === 'DELETED' || current.status === 'FAILED') return
    await machine
      .transition(id, 'FAILED', { error: reason })
      .catch((caught: unknown) =>
        logger.warn({ deployment: id, error: (caught as Error).message }, 'could not record a failure'),
      )
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

  /** CONFLICT when some work on the deployment is under way (here or on another gateway). */
  async function assertIdle(id: number): Promise<void> {
    if (running.has(id) || waiting.includes(id) || (await jobs.get(jobOf(id)))?.state !== 'DONE')
      throw new ConflictError(`id: deployment ${id} is busy`)
  }

  /**
   * Builds and switches to `release` as the deployment's job; `wasRunning`: the deployment serves
   * meanwhile (it stays RUNNING), else it is CREATING. A release that fails while another serves
   * leaves the deployment RUNNING; otherwise it is FAILED.
   */
  async function releaseWork(id: number, release: ReleaseRecord, job: HeldJob, wasRunning: boolean): Promise<void> {
    try {
      await buildRelease(id, release, job)
      if (wasRunning) await machine.settle(id, { deployedAt: new Date() })
      else await machine.transition(id, 'RUNNING', { step: null, error: null, deployedAt: new Date() })
    } catch (error) {
      if (letGo(job)) return
      if (askedStop(job) === 'deleted') return endStopped(id, 'deleted')
      const reason = error instanceof ReleaseFailed ? error.message : (error as Error).message
      if (!(error instanceof ReleaseFailed)) await releases.fail(id, release.number, reason)
      if (error instanceof ReleaseFailed && error.serving !== undefined) {
        log(id, 'SYSTEM', `release ${release.number} failed: ${reason}; release ${error.serving} still serves`)
        if (wasRunning) await machine.settle(id)
        else await machine.transition(id, 'RUNNING', { step: null, error: null })
        return
      }
      log(id, 'SYSTEM', `release ${release.number} failed: ${reason}`)
      await machine.transition(id, 'FAILED', { error: `release ${release.number} failed: ${reason}` }).catch(() => {})
    }
  }

  /**
   * A RUNNING deployment taken over while a release or a rollback was under way: the release is
   * built again, afresh; a rollback's switch is undone (the release the database says serves is
   * switched to and checked again).
   */
  async function resumeWhileServing(id: number, job: HeldJob): Promise<void> {
    const building = await releases.building(id)
    if (building) return releaseWork(id, building, job, true)
    const active = await releases.active(id)
    try {
      const deployment = await machine.require(id)
      if (active?.kept)
        await onGuest(deployment, job.signal, (session) =>
          serve(id, session, deployment, findFramework(deployment.framework)!, active.number, job.signal),
        )
    } catch (error) {
      if (letGo(job)) return
      log(id, 'SYSTEM', `could not switch back to release ${active?.number}: ${(error as Error).message}`)
    }
    if (!letGo(job)) await machine.settle(id)
  }

  /**
   * A new release of a deployment with a guest, as its job. A RUNNING deployment stays RUNNING
   * (its step says where the release is) and serves from its current release until the new one
   * is switched to; a FAILED one is CREATING until the release is done.
   */
  async function startRelease(
    id: number,
    ref: string,
    why: 'redeploy' | 'variables' | 'webhook',
  ): Promise<DeploymentRecord> {
    if (!(await jobs.requeue(jobOf(id), leases.owner, leases.leaseMs)))
      throw new ConflictError(`id: deployment ${id} is busy`)
    leases.hold(jobOf(id))
    const release = await releases.start(id, ref)
    log(
      id,
      'SYSTEM',
      `release ${release.number} asked ` +
        `(${why === 'variables' ? 'new variables' : why === 'webhook' ? 'a push, through the webhook' : why}): ${ref}`,
    )
    const deployment = await machine.require(id)
    const wasRunning = deployment.status === 'RUNNING'
    const started = wasRunning
      ? await machine.step(id, 'fetch')
      : await machine.transition(id, 'CREATING', { step: 'fetch', error: null })
    void launch(id, (job) => releaseWork(id, release, job, wasRunning))
    return started
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
      .catch((error: unknown) =>
        logger.error({ deployment: id, error: (error as Error).message }, 'deployment worker failed'),
      )
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
        outcome =
          error instanceof TaskGaveUp
            ? `could not finish removing what the provisioning made (${message}); ` +
              `${guest?.nativeId ?? 'its guest'} may need deleting by hand`
            : message
      }
      await store.update(id, { provisionRef: null })
      log(id, 'SYSTEM', outcome)
      return outcome
    }
    if (!guest) return 'no guest had been made'
    if (!provider.destroy)
      return `the ${provider.plugin} provider cannot destroy guest ${guest.nativeId}; it needs deleting by hand`
    try {
      log(id, 'SYSTEM', `destroying guest ${guest.nativeId}`)
      await follow(id, await provider.destroy(guest.nativeId, { signal }), 'PROVISION', signal)
      await store.update(id, { provisionRef: null })
      return `the half-made guest ${guest.nativeId} was removed`
    } catch (error) {
      if (stop?.aborted) throw error
      const reason = (error as Error).message
      const outcome = `could not remove guest ${guest.nativeId}: ${reason}; it may need deleting by hand`
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
    const resting = (await store.listWithGuests()).filter(
      (deployment) => !running.has(deployment.id) && !waiting.includes(deployment.id),
    )
    const byProvider = new Map<string, DeploymentRecord[]>()
    for (const deployment of resting)
      byProvider.set(deployment.provider, [...(byProvider.get(deployment.provider) ?? []), deployment])
    let gone = 0
    for (const [name, deployments] of byProvider) {
      const provider = providerNamed(name)
      if (!provider || closing) continue
      let listed: Map<string, string>
      try {
        listed = new Map(
          (await provider.listServers({ signal: AbortSignal.timeout(GUEST_CHECK_CALL_MS) })).map((server) => [
            server.nativeId,
            server.name,
          ]),
        )
      } catch (error) {
        logger.debug(
          { provider: name, error: (error as Error).message },
          'guest check skipped: the provider did not answer',
        )
        continue
      }
      for (const deployment of deployments) {
        const nativeId = deployment.guest!.nativeId
        if (listed.get(nativeId) === deployment.name) continue
        // Ask the guest itself before concluding: a list can miss a guest for a moment.
        let found: ServerInfo | undefined
        try {
          found = await provider.getServer(nativeId, { signal: AbortSignal.timeout(GUEST_CHECK_CALL_MS) })
        } catch {
          continue
        }
        if (found?.name === deployment.name) continue
        const current = await store.get(deployment.id)
        if (
          !current ||
          running.has(deployment.id) ||
          current.status !== deployment.status ||
          current.guest?.nativeId !== nativeId
        )
          continue
        // Some gateway works on it now (a restart, a delete): that work decides.
        if ((await jobs.get(jobOf(deployment.id)))?.state !== 'DONE') continue
        const why = found
          ? `guest ${nativeId} is gone from ${name}: that id now belongs to '${found.name}'`
          : `guest ${nativeId} is gone from ${name}: it was removed outside Hangar`
        log(deployment.id, 'SYSTEM', `${why}; restart deploys the app again on a new guest`)
        // A new guest will have a host key of its own.
        const forget = { guest: null, provisionRef: null, sshHostKey: null }
        await releases.guestGone(deployment.id)
        if (current.status === 'FAILED') await machine.patch(deployment.id, forget)
        else await machine.transition(deployment.id, 'FAILED', { step: null, error: why, ...forget })
        logger.warn({ deployment: deployment.id, guest: nativeId, provider: name }, "a deployment's guest is gone")
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
        log(
          id,
          'SYSTEM',
          leases.isRestart(job)
            ? 'the gateway restarted; resuming'
            : `the gateway working on it (${job.previousOwner}) stopped; resuming on ${leases.owner}`,
        )
        taken.resumed += 1
      } else {
        interrupted.set(
          id,
          leases.isRestart(job) ? 'the gateway restarted' : `the gateway working on it (${job.previousOwner}) stopped`,
        )
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
      const variables = validateVariables(request.variables ?? [], 'input.variables')
      const provider = pickProvider(request)
      const input = { ...checked, provider: provider.name }
      const keys = generateEd25519KeyPair(`hangar-deployment-${input.name}`)
      const deployKey = input.privateRepo ? generateEd25519KeyPair(`hangar-deploy-${input.name}`) : undefined
      const deployment = await store.create(
        input,
        { publicKey: keys.public, privateKey: keys.private },
        { owner: leases.owner, leaseMs: leases.leaseMs },
        variables,
        deployKey && { publicKey: deployKey.public, privateKey: deployKey.private },
      )
      leases.hold(jobOf(deployment.id))
      log(
        deployment.id,
        'SYSTEM',
        `deployment ${deployment.id} created: ${input.framework} from ${input.githubUrl}` +
          `${input.branch ? ` (${input.branch})` : ''} on a ${input.type} of ${provider.name}`,
      )
      if (deployment.deployKey)
        log(
          deployment.id,
          'SYSTEM',
          `private repository: add this deploy key (read access) to ${repositoryOf(input.githubUrl)} on GitHub, ` +
            `Settings → Deploy keys: ${deployment.deployKey}`,
        )
      events.publishStatus(deployment)
      schedule(deployment.id)
      return deployment
    },

    /**
     * Stops the work in flight, destroys what it made, and ends FAILED with "cancelled". The
     * gateway working on it does that (this one, or another told through the job). A release
     * being built for a RUNNING deployment is stopped instead, and the app goes on serving.
     */
    async cancel(id: number): Promise<DeploymentRecord> {
      const deployment = await machine.require(id)
      if (deployment.status === 'RUNNING' && deployment.step !== null) {
        // A release or a rollback under way: it stops, and the release serving before goes on.
        if (await leases.requestStop(jobOf(id), 'cancelled')) await running.get(id)?.done
        return untilResting(id)
      }
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
      if (running.has(id) || !(await jobs.requeue(jobOf(id), leases.owner, leases.leaseMs)))
        throw new ConflictError(`id: deployment ${id} is busy`)
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
          await follow(
            id,
            await provider.power!(deployment.guest!.nativeId, deployment.status === 'STOPPED' ? 'start' : 'reboot', {
              signal: job.signal,
            }),
            'PROVISION',
            AbortSignal.any([job.signal, AbortSignal.timeout(timeouts.rebootMs)]),
          )
          await restartApp(id, job.signal)
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
     * Sets and unsets the deployment's variables (validated first: bad input changes nothing).
     * With `redeploy` on a RUNNING deployment, its app is built again with them on its guest and
     * restarted; otherwise they are kept for its next deploy, restart or redeploy.
     */
    async setVariables(
      id: number,
      set: readonly VariableInput[],
      unset: readonly string[],
      redeploy: boolean,
    ): Promise<DeploymentRecord> {
      const deployment = await machine.require(id)
      const checked = validateVariables(set, 'variables')
      for (const [index, key] of unset.entries()) checkVariableKey(key, `unset[${index}]`)
      if (deployment.status === 'DELETED')
        throw new ConflictError(`id: deployment ${id} is deleted`, { status: deployment.status })
      if (redeploy && deployment.status === 'CREATING') {
        throw new ConflictError(
          `id: deployment ${id} is being deployed; set the variables with redeploy: false, or once it is done`,
          { status: deployment.status },
        )
      }
      const applies = redeploy && deployment.status === 'RUNNING'
      if (applies) await assertIdle(id)
      await store.setVariables(id, checked, unset)
      const changed = [
        checked.length > 0
          ? `set ${checked.map((variable) => (variable.secret ? `${variable.key} (secret)` : variable.key)).join(', ')}`
          : '',
        unset.length > 0 ? `unset ${unset.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ')
      const whatNext = applies
        ? '; building and restarting the app with them'
        : deployment.status === 'RUNNING'
          ? '; they apply at the next redeploy or restart'
          : ''
      log(id, 'SYSTEM', `variables changed: ${changed || 'none'}${whatNext}`)
      if (!applies) {
        await logs.flush(id)
        return machine.require(id)
      }
      // A release of the commit serving now, built with the new variables.
      const active = await releases.active(id)
      return startRelease(id, active?.commitSha ?? active?.ref ?? deployment.branch ?? 'main', 'variables')
    },

    /**
     * Builds a new release from `ref` (a branch, a tag or a commit; the tracked branch's head when
     * left out) on the deployment's guest, beside the serving one, and switches to it once it built
     * and answers. A release that fails leaves the previous one serving.
     */
    async redeploy(
      id: number,
      ref?: string | null,
      why: 'redeploy' | 'webhook' = 'redeploy',
    ): Promise<DeploymentRecord> {
      if (ref !== undefined && ref !== null) checkRef(ref, 'ref')
      const deployment = await machine.require(id)
      if (deployment.status !== 'RUNNING' && !(deployment.status === 'FAILED' && deployment.guest?.ip)) {
        throw new ConflictError(
          `id: cannot redeploy deployment ${id} while it is ${deployment.status}` +
            `${deployment.status === 'FAILED' ? ' without a guest (restart deploys it again)' : ''}`,
          { status: deployment.status },
        )
      }
      await assertIdle(id)
      return startRelease(id, ref ?? deployment.branch ?? 'main', why)
    },

    /**
     * Switches the service back to a kept release without building, and checks it; the release serving before serves
     * again if it does not answer.
     */
    async rollback(id: number, number: number): Promise<DeploymentRecord> {
      const deployment = await machine.require(id)
      if (deployment.status !== 'RUNNING')
        throw new ConflictError(`id: cannot roll back deployment ${id} while it is ${deployment.status}`, {
          status: deployment.status,
        })
      const target = await releases.get(id, number)
      if (!target) throw new NotFoundError(`release: deployment ${id} has no release ${number}`, { field: 'release' })
      if (target.status === 'ACTIVE')
        throw new ConflictError(`release: release ${number} is the one serving`, { field: 'release' })
      if (target.status !== 'SUPERSEDED')
        throw new ConflictError(
          `release: release ${number} is ${target.status} and never served; ` +
            'only a release that served can be rolled back to',
          { field: 'release' },
        )
      if (!target.kept)
        throw new ConflictError(
          `release: release ${number} is not kept on the guest any more (the last ${KEPT_RELEASES} that built are)`,
          { field: 'release' },
        )
      await assertIdle(id)
      if (!(await jobs.requeue(jobOf(id), leases.owner, leases.leaseMs)))
        throw new ConflictError(`id: deployment ${id} is busy`)
      leases.hold(jobOf(id))
      log(id, 'SYSTEM', `rolling back to release ${number}`)
      const rolling = await machine.step(id, 'rollback')
      void launch(id, async (job) => {
        const framework = findFramework(deployment.framework)!
        const previous = await releases.active(id)
        // Set once the switch itself failed and the release serving before was put back.
        let switchedBack = false
        try {
          await onGuest(deployment, job.signal, async (session) => {
            try {
              await serve(id, session, deployment, framework, number, job.signal)
            } catch (error) {
              if (!letGo(job) && askedStop(job) !== 'deleted' && previous) {
                switchedBack = true
                await switchBack(
                  id,
                  session,
                  deployment,
                  framework,
                  previous.number,
                  `rollback to release ${number} failed (${askedStop(job) ?? (error as Error).message})`,
                )
              }
              throw error
            }
          })
          await releases.activate(id, number)
          log(id, 'SYSTEM', `rolled back: release ${number} is serving`)
        } catch (error) {
          if (letGo(job)) return
          if (askedStop(job) === 'deleted') return endStopped(id, 'deleted')
          if (!switchedBack)
            log(id, 'SYSTEM', `rollback to release ${number} failed: ${askedStop(job) ?? (error as Error).message}`)
        }
        await machine.settle(id)
      })
      return rolling
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

/**
 * Deployments from a GitHub URL onto a new guest: durable jobs that provision, build, serve and
 * check the app, release by release.
 */
export interface DeploymentEngine {
  /** The states a deployment goes through, and the transitions between them. */
  machine: DeploymentStateMachine
  /** Validates, stores (PENDING) and schedules; answers at once. */
  create(request: DeploymentRequest): Promise<DeploymentRecord>
  /**
   * Stops the work in flight, destroys what it made, and ends FAILED with "cancelled". The
   * gateway working on it does that (this one, or another told through the job). A release
   * being built for a RUNNING deployment is stopped instead, and the app goes on serving.
   */
  cancel(id: number): Promise<DeploymentRecord>
  /** Reboots the guest and checks the app again. */
  restart(id: number): Promise<DeploymentRecord>
  /**
   * Sets and unsets the deployment's variables (validated first: bad input changes nothing).
   * With `redeploy` on a RUNNING deployment, its app is built again with them on its guest and
   * restarted; otherwise they are kept for its next deploy, restart or redeploy.
   */
  setVariables(
    id: number,
    set: readonly VariableInput[],
    unset: readonly string[],
    redeploy: boolean,
  ): Promise<DeploymentRecord>
  /**
   * Builds a new release from `ref` (a branch, a tag or a commit; the tracked branch's head when
   * left out) on the deployment's guest, beside the serving one, and switches to it once it built
   * and answers. A release that fails leaves the previous one serving.
   */
  redeploy(id: number, ref?: string | null, why?: 'redeploy' | 'webhook'): Promise<DeploymentRecord>
  /**
   * Switches the service back to a kept release without building, and checks it; the release serving before serves
   * again if it does not answer.
   */
  rollback(id: number, number: number): Promise<DeploymentRecord>
  /**
   * Destroys the guest; the record stays, DELETED. Work under way is stopped first, by the
   * gateway doing it; otherwise the delete is a job of its own, which another gateway finishes
   * if this one stops.
   */
  delete(id: number): Promise<DeploymentRecord>
  /** Deployments taken up from gateways that stopped (or this one's previous run), since the last call. */
  takenOver(): { resumed: number; interrupted: number }
  /**
   * Checks once that each deployment resting on a guest still has it (what `watchGuests` repeats);
   * answers how many guests were found gone.
   */
  checkGuests(): Promise<number>
  /** Checks the deployments' guests now (in the background) and then every `intervalMs`. */
  watchGuests(intervalMs: number): void
  /**
   * Stops working: deployments stay as stored, for another gateway or the next start to take up
   * (the job leases abort the work held here before this is called).
   */
  close(): Promise<void>
}

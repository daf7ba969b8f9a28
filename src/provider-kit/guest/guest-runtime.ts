import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { failedExec } from './guest-exec.js'
import type { ExecRequest, ExecRun, GuestExecMode } from './guest-exec.js'
import { runInBash } from './guest-exec-bash.js'
import { playBack } from './guest-exec-playback.js'
import type { GuestLogin } from './guest-login.js'
import { GUEST_MARKER_VARIABLE, killGuestProcesses } from './guest-processes.js'
import { startGuestSshServer } from './guest-ssh-server.js'
import type { GuestSshServer } from './guest-ssh-server.js'
import { startPlaybackApp } from './playback-app.js'
import type { PlaybackApp } from './playback-app.js'
import { freshPlaybackWorld } from './playback-shell.js'
import type { PlaybackWorld } from './playback-shell.js'
import { generateEd25519KeyPair } from '../../ssh/ed25519-key-pair.js'

/**
 * What the runtime needs to know of one simulated machine, whichever simulator it belongs to.
 * The runtime tells guests apart by object: a new object under a known `id` is a new machine
 * that took a reused id, and the old one's leftovers go.
 */
export interface SimulatedGuest {
  /** Unique within its simulator (a Proxmox vmid, a Kamatera server id). */
  readonly id: string
  /** For the host key's comment and the home directory's name. */
  readonly name: string
  /** The loopback address its SSH endpoint and apps listen on (see `guestAddress`). */
  readonly address: string
  /** Who may log in, read at each login and command, so keys set after the start count too. */
  login(): GuestLogin
}

/**
 * Told when guests start, stop and disappear, so what runs "inside" them (their SSH endpoint,
 * their processes) follows. Calls are synchronous; listeners start async work themselves.
 */
export interface GuestLifecycle<Guest = SimulatedGuest> {
  /** The guest has just started (or restarted: reboot, reset). */
  started(guest: Guest): void
  /** The guest has just stopped. */
  stopped(guest: Guest): void
  /** The guest was removed from the world (destroyed, or a failed create). */
  removed(guest: Guest): void
}

/** Options of {@link GuestRuntime}. */
export interface GuestRuntimeOptions {
  /** Port every guest's SSH endpoint listens on, at the guest's own address. */
  sshPort: number
  mode: GuestExecMode
  /** Extra environment for `execute` mode commands. */
  env: Record<string, string>
  /** The stderr of an injected failure for the next command on `guest`, consumed; undefined for none. */
  takeExecFailure?(guest: SimulatedGuest): string | undefined
}

/** The SSH endpoint of a guest, as tests see it. */
export interface GuestEndpointView {
  address: string
  port: number
  /** The host public key, OpenSSH format (`ssh-ed25519 AAAA...`). */
  hostKey: string
  /** False while stopped, or when the address could not be bound (the reason is in `error`). */
  listening: boolean
  error?: string
  /**
   * The command lines the guest was sent, oldest first (the last {@link COMMAND_HISTORY}): what `ps` would have shown.
   */
  commands: readonly string[]
  /** execute mode: the guest's home directory, once a command ran. */
  home?: string
}

/** How many command lines a guest remembers. */
const COMMAND_HISTORY = 1000

/** What lives "inside" one guest for its whole life (first start until removal). */
interface Machine {
  guest: SimulatedGuest
  address: string
  hostKey: { private: string; public: string }
  /** Tags every process of the guest (execute mode), for the cleanup. */
  marker: string
  /** execute mode: the guest's home, created at the first start. */
  home?: string
  /** playback mode: what the guest has installed and written. */
  world?: PlaybackWorld
  /** Bumped at every start and stop, so late async work of an older run is dropped. */
  run: number
  ssh?: GuestSshServer
  listening: boolean
  error?: string
  execs: Set<ExecRun>
  commands: string[]
  processGroups: Set<number>
  apps: Map<number, Promise<PlaybackApp | undefined>>
}

/**
 * What runs inside the simulated guests: while a guest runs, an SSH server on
 * `<guest address>:<sshPort>` that logs in the configured user with its keys and runs commands
 * (for real with bash, or played back); when it stops, all of that is torn down.
 */
export class GuestRuntime implements GuestLifecycle {
  private readonly machines = new Map<string, Machine>()
  private readonly pending = new Set<Promise<unknown>>()
  /** Endpoints being closed, by address: a new one there waits for the port to be free. */
  private readonly closing = new Map<string, Promise<void>>()

  constructor(private readonly options: GuestRuntimeOptions) {}

  started(guest: SimulatedGuest): void {
    const machine = this.machineOf(guest)
    // A reboot: what ran before is gone, the disk (home, key) stays.
    this.halt(machine)
    const run = machine.run
    const serve = () =>
      startGuestSshServer({
        address: machine.address,
        port: this.options.sshPort,
        hostKey: machine.hostKey.private,
        login: () => machine.guest.login(),
        exec: (request) => this.exec(machine, request),
      })
    // The endpoint this address had (the same guest before a reboot, or a guest whose vmid this
    // one reuses) lets go of the port first; a bind racing its close would fail for good.
    const previous = this.closing.get(machine.address) ?? Promise.resolve()
    const listening = previous
      .then(serve)
      .catch(async (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || machine.run !== run) throw error
        await new Promise((resolve) => setTimeout(resolve, 250))
        return serve()
      })
      .then(
        (server) => {
          if (machine.run !== run || this.machines.get(guest.id) !== machine) return void server.close()
          machine.ssh = server
          machine.listening = true
          delete machine.error
        },
        (error: unknown) => {
          if (machine.run === run) machine.error = error instanceof Error ? error.message : String(error)
        },
      )
    this.track(listening)
  }

  stopped(guest: SimulatedGuest): void {
    const machine = this.machines.get(guest.id)
    if (machine?.guest === guest) this.halt(machine)
  }

  removed(guest: SimulatedGuest): void {
    const machine = this.machines.get(guest.id)
    if (machine?.guest !== guest) return
    this.halt(machine)
    this.machines.delete(guest.id)
    if (machine.home) rmSync(machine.home, { recursive: true, force: true })
  }

  /** Resolves once every SSH endpoint and app being started or stopped has settled. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending])
  }

  /** The SSH endpoint of a guest that has been started at least once. */
  endpoint(id: string): GuestEndpointView | undefined {
    const machine = this.machines.get(id)
    if (!machine) return undefined
    return {
      address: machine.address,
      port: this.options.sshPort,
      hostKey: machine.hostKey.public,
      listening: machine.listening,
      ...(machine.error !== undefined ? { error: machine.error } : {}),
      commands: [...machine.commands],
      ...(machine.home !== undefined ? { home: machine.home } : {}),
    }
  }

  /** Tears everything down: endpoints, processes, apps, home directories. */
  async close(): Promise<void> {
    for (const machine of [...this.machines.values()]) this.removed(machine.guest)
    await this.settled()
  }

  private machineOf(guest: SimulatedGuest): Machine {
    const known = this.machines.get(guest.id)
    if (known?.guest === guest) return known
    // The id was reused by a new guest: the old one's leftovers go.
    if (known) this.removed(known.guest)
    const machine: Machine = {
      guest,
      address: guest.address,
      hostKey: generateEd25519KeyPair(`root@${guest.name}`),
      marker: `${guest.id}-${randomBytes(6).toString('hex')}`,
      run: 0,
      listening: false,
      execs: new Set(),
      commands: [],
      processGroups: new Set(),
      apps: new Map(),
    }
    this.machines.set(guest.id, machine)
    return machine
  }

  /** Closes the endpoint and ends every command, background process and app of the current run. */
  private halt(machine: Machine): void {
    machine.run += 1
    machine.listening = false
    for (const exec of machine.execs) exec.abort()
    machine.execs.clear()
    // Only a guest that ran something for real can have left processes behind.
    if (machine.home !== undefined) killGuestProcesses(machine.processGroups, machine.marker)
    machine.processGroups.clear()
    if (machine.ssh) {
      const closed = machine.ssh.close()
      this.closing.set(machine.address, closed)
      this.track(
        closed.finally(() => {
          if (this.closing.get(machine.address) === closed) this.closing.delete(machine.address)
        }),
      )
    }
    delete machine.ssh
    for (const app of machine.apps.values()) this.track(app.then((a) => a?.close()))
    machine.apps.clear()
  }

  private exec(machine: Machine, request: ExecRequest): ExecRun {
    machine.commands.push(request.command)
    if (machine.commands.length > COMMAND_HISTORY) machine.commands.shift()
    const failure = this.options.takeExecFailure?.(machine.guest)
    const run =
      failure !== undefined
        ? failedExec(request, failure)
        : this.options.mode === 'execute'
          ? this.execute(machine, request)
          : this.playBack(machine, request)
    machine.execs.add(run)
    void run.exitCode.finally(() => machine.execs.delete(run))
    return run
  }

  private execute(machine: Machine, request: ExecRequest): ExecRun {
    machine.home ??= mkdtempSync(join(tmpdir(), `hangar-guest-${machine.guest.id}-`))
    const login = machine.guest.login()
    return runInBash(request, {
      home: machine.home,
      env: {
        PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
        HOME: machine.home,
        USER: login.user,
        LOGNAME: login.user,
        HOST: machine.address,
        ...this.options.env,
        [GUEST_MARKER_VARIABLE]: machine.marker,
      },
      onProcessGroup: (pgid) => machine.processGroups.add(pgid),
    })
  }

  private playBack(machine: Machine, request: ExecRequest): ExecRun {
    const login = machine.guest.login()
    machine.world ??= freshPlaybackWorld(login.user === 'root' ? '/root' : `/home/${login.user}`)
    const run = machine.run
    return playBack(request, {
      world: machine.world,
      startApp: async (port) => {
        if (machine.run !== run) return
        let app = machine.apps.get(port)
        if (!app) {
          app = startPlaybackApp(machine.address, port).catch(() => undefined)
          machine.apps.set(port, app)
          this.track(app)
        }
        await app
      },
    })
  }

  private track(work: Promise<unknown>): void {
    const settled = work.catch(() => {})
    this.pending.add(settled)
    void settled.finally(() => this.pending.delete(settled))
  }
}

import { randomBytes, randomUUID } from 'node:crypto'
import { Authenticator } from './auth.js'
import { SimulatorFaults } from './faults.js'
import {
  freeGuestPort,
  guestAddress,
  type GuestEndpointView,
  type GuestExecMode,
  GuestRuntime,
  listenSimulator,
  randomGuestSubnet,
} from 'hangar/provider-kit/testing'
import { proxmoxGuestLifecycle } from './proxmox-guests.js'
import { createRouter } from './router.js'
import { allRoutes } from './routes/index.js'
import { buildState, demoSeed, emptySeed } from './seed.js'
import type { SimulatorSeed } from './seed.js'
import { handleControlRequest } from './control-api.js'
import { handleApiRequest, type PipelineDeps } from './request-pipeline.js'
import type { GuestType, SimGuest, SimNode, SimulatorState } from './state.js'
import type { SimTask } from './tasks.js'
import { TaskRunner } from './tasks.js'
import { generateCertificate } from './tls.js'

export type { FaultRule, FaultSnapshot } from './faults.js'
export type { GuestEndpointView, GuestExecMode } from 'hangar/provider-kit/testing'
export { guestAddress } from 'hangar/provider-kit/testing'
export type { FaultsPatch } from './control-api.js'
export type { SeedGuest, SeedNode, SeedStorage, SimulatorSeed } from './seed.js'
export type { GuestType, SimGuest, SimNode, SimStorage, SimVolume } from './state.js'
export type { SimTask, TaskOutcome } from './tasks.js'
export { SimulatorFaults } from './faults.js'
export { demoSeed, emptySeed, fleetSeed } from './seed.js'
export { formatUpid, parseUpid } from './upid.js'

/** Options of {@link createProxmoxSimulator}; every one has a default. */
export interface ProxmoxSimulatorOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string
  /** Port; default 0 (a free one). */
  port?: number
  /** Serve HTTPS with a fresh self-signed certificate (default) or plain HTTP (`false`). */
  tls?: boolean
  /** Initial world: `demo` (default), `empty` (two nodes, nothing else) or a custom seed. */
  seed?: 'demo' | 'empty' | SimulatorSeed
  /** How long each task runs, in ms. Default 1500. */
  taskDurationMs?: number
  /**
   * Agent polls after a start answered with `QEMU guest agent is not running`; the IPv4 shows up as many polls later.
   * Default 3.
   */
  agentWarmupPolls?: number
  /** Leave `message` out of error bodies, like PVE before pve-http-server 5.2. Default false. */
  legacyErrors?: boolean
  /** Ticket lifetime in ms. Default 2 h. */
  ticketLifetimeMs?: number
  /** API token id `user@realm!tokenid`. Default `hangar@pve!gateway`. */
  tokenId?: string
  /** API token secret. Default: a random UUID. */
  tokenSecret?: string
  /** User for ticket logins. Default `root@pam`. */
  username?: string
  /** Password for ticket logins. Default: random. */
  password?: string
  /**
   * Port of the SSH endpoint every running guest gets at its own loopback address
   * ({@link guestAddress}). Default 2222; `0` picks one free port at start, shared by all guests
   * (read it from `guestSshPort`): use that when simulators may run side by side.
   */
  guestSshPort?: number
  /**
   * Second octet of the guests' addresses, `127.<guestSubnet>.x.y`. Default: picked at random per
   * simulator (40-239), so simulators side by side never share an address.
   */
  guestSubnet?: number
  /**
   * How guests run the commands they get over SSH: `playback` (default) runs nothing and prints
   * plausible output, starting a stand-in app that answers 200 `ok` when a service is started;
   * `execute` runs them for real with `bash -c` in a throwaway home directory per guest.
   */
  guestExec?: GuestExecMode
  /** Extra environment for `execute` mode commands (e.g. `GIT_CONFIG_*` to redirect clones). */
  guestEnv?: Record<string, string>
}

/** A guest as tests see it. */
export interface GuestView {
  vmid: number
  node: string
  type: GuestType
  status: 'running' | 'stopped'
  qmpstatus: 'running' | 'paused' | 'stopped'
  /** The config `lock`, if any. */
  lock: string | undefined
  /** A copy of the raw config (values as strings). */
  config: Record<string, string>
}

/** Read access to the simulated world, for assertions. Each read is a fresh snapshot. */
export interface SimulatorStateView {
  readonly clusterName: string
  /** Every guest by vmid (copies taken at the time of the read). */
  readonly guests: ReadonlyMap<number, GuestView>
  /** One guest by vmid (a copy), or undefined. */
  guest(vmid: number): GuestView | undefined
  /** Node names and whether they are online. */
  readonly nodes: ReadonlyArray<{ name: string; online: boolean }>
  /** Every task, oldest first (live objects: do not modify). */
  readonly tasks: readonly SimTask[]
  /** One task by UPID. */
  task(upid: string): SimTask | undefined
  /** The host public key of a guest's SSH endpoint (OpenSSH format), once it has been started. */
  guestHostKey(vmid: number): string | undefined
  /** A guest's SSH endpoint (address, port, host key, whether it listens), once it has been started. */
  guestEndpoint(vmid: number): GuestEndpointView | undefined
  /** The live internal state, for tests that need more than the views above. */
  readonly raw: SimulatorState
}

/** A running Proxmox VE API simulator. */
export interface ProxmoxSimulator {
  /** Base URL without `/api2/json`, e.g. `https://127.0.0.1:40123`. */
  url: string
  /** PEM of the self-signed certificate (null when `tls: false`); trust it as the CA. */
  caPem: string | null
  tokenId: string
  tokenSecret: string
  username: string
  password: string
  /** Fault injection; `faults.reset()` clears everything. */
  faults: SimulatorFaults
  state: SimulatorStateView
  /** Number of api2 requests served so far (retries show up here). */
  readonly requests: number
  /** The port of every guest's SSH endpoint. */
  guestSshPort: number
  /** The guests' addresses are `127.<guestSubnet>.x.y`. */
  guestSubnet: number
  /** Resolves once the guest SSH endpoints and stand-in apps being started or stopped are settled. */
  guestsSettled(): Promise<void>
  /** Stops the API, every guest endpoint and process, and removes the guests' home directories. */
  close(): Promise<void>
}

function view(g: SimGuest): GuestView {
  return {
    vmid: g.vmid,
    node: g.node,
    type: g.type,
    status: g.status,
    qmpstatus: g.qmpstatus,
    lock: g.config.lock,
    config: { ...g.config },
  }
}

/** Starts a loopback Proxmox VE API (`/api2/json`) for tests and local development. */
export async function createProxmoxSimulator(options: ProxmoxSimulatorOptions = {}): Promise<ProxmoxSimulator> {
  const {
    host = '127.0.0.1',
    port = 0,
    tls = true,
    seed = 'demo',
    taskDurationMs = 1500,
    agentWarmupPolls = 3,
    legacyErrors = false,
    ticketLifetimeMs = 2 * 3600 * 1000,
    tokenId = 'hangar@pve!gateway',
    tokenSecret = randomUUID(),
    username = 'root@pam',
    password = randomBytes(12).toString('base64url'),
    guestSshPort: requestedSshPort = 2222,
    guestSubnet = randomGuestSubnet(),
    guestExec = 'playback',
    guestEnv = {},
  } = options
  const seedData = seed === 'demo' ? demoSeed() : seed === 'empty' ? emptySeed() : seed
  let state: SimulatorState | undefined
  const pid = (): number => state?.allocatePid() ?? 100_000 + Math.floor(Math.random() * 50_000)
  state = buildState(seedData, pid)
  const world = state
  const tasks = new TaskRunner(taskDurationMs)
  const faults = new SimulatorFaults(
    (node, online) => {
      world.requireNode(node).online = online
    },
    (vmid, lock) => {
      const guest = world.guests.get(vmid)
      if (!guest) throw new Error(`no guest ${vmid}`)
      if (lock === null) delete guest.config.lock
      else guest.config.lock = lock
    },
    () => [...world.nodes.values()].filter((n: SimNode) => !n.online).map((n) => n.name),
  )
  const guestSshPort = requestedSshPort === 0 ? await freeGuestPort(guestSubnet) : requestedSshPort
  const runtime = new GuestRuntime({
    sshPort: guestSshPort,
    mode: guestExec,
    env: guestEnv,
    takeExecFailure: (guest) => faults.takeExecFailure(Number(guest.id)),
  })
  world.lifecycle = proxmoxGuestLifecycle(runtime, guestSubnet)
  for (const guest of world.guests.values()) if (guest.status === 'running') world.lifecycle.started(guest)
  await runtime.settled()
  const auth = new Authenticator({ tokenId, tokenSecret, username, password, ticketLifetimeMs })
  let requests = 0
  const certificate = tls ? await generateCertificate() : null
  const deps: PipelineDeps = {
    router: createRouter(allRoutes(auth)),
    auth,
    state: world,
    tasks,
    faults,
    behaviour: { taskDurationMs, agentWarmupPolls, guestSubnet },
    legacyErrors,
    countRequest: () => {
      requests += 1
    },
  }
  const server = await listenSimulator({
    host,
    port,
    tls: certificate,
    control: (req, res) => handleControlRequest(req, res, faults),
    api: (req, res) => handleApiRequest(req, res, deps),
    crashed: (res, err) => {
      res.statusCode = 500
      res.end(String(err))
    },
  })
  return {
    url: server.url,
    caPem: certificate?.cert ?? null,
    tokenId,
    tokenSecret,
    username,
    password,
    faults,
    state: {
      clusterName: world.clusterName,
      get guests() {
        return new Map([...world.guests].map(([id, g]) => [id, view(g)]))
      },
      guest: (vmid) => {
        const g = world.guests.get(vmid)
        return g ? view(g) : undefined
      },
      get nodes() {
        return [...world.nodes.values()].map((n) => ({ name: n.name, online: n.online }))
      },
      get tasks() {
        return tasks.tasks
      },
      task: (upid) => tasks.find(upid),
      guestHostKey: (vmid) => runtime.endpoint(String(vmid))?.hostKey,
      guestEndpoint: (vmid) => runtime.endpoint(String(vmid)),
      raw: world,
    },
    get requests() {
      return requests
    },
    guestSshPort,
    guestSubnet,
    guestsSettled: () => runtime.settled(),
    close: async () => {
      tasks.dispose()
      await Promise.all([server.close(), runtime.close()])
    },
  }
}

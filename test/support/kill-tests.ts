import { rm } from 'node:fs/promises'
import { expect } from 'vitest'
import { upstreamGuests, type Deployment, type Printed } from './deployment-runs.js'
import { fixtureRepository } from './fixture-repo.js'
import { cleanEnv, startHangarProcess, type HangarProcess } from './hangar-process.js'
import { NODE_HELLO } from './node-hello-deployment.js'

/**
 * What the kill tests (one gateway killed and restarted, three gateways with one killed) share:
 * a Proxmox simulator that outlives every gateway, and the checks of what killed gateways left.
 */

/** The simulator process of a kill test, whose guests run what they are given for real. */
export interface SimulatorProcess {
  process: HangarProcess
  /** Its first line: its URL and the environment a gateway needs to reach it. */
  printed: Printed
  /** The vmids of its seeded guests, which no deployment owns. */
  seeded: Set<number>
  /** Removes the fixture repositories its guests clone from (once the process is stopped). */
  removeRepositories(): Promise<void>
}

/** Starts `hangar simulator proxmox` in a process of its own, its guests cloning the node-hello fixture. */
export async function startNodeHelloSimulator(): Promise<SimulatorProcess> {
  const repos = fixtureRepository('node-hello')
  const removeRepositories = () => rm(repos.root, { recursive: true, force: true })
  const guestEnv = Object.entries(repos.env).flatMap(([key, value]) => ['--guest-env', `${key}=${value}`])
  const simulator = await startHangarProcess(
    ['simulator', 'proxmox', '--http', '--guest-exec', 'execute', ...guestEnv],
    cleanEnv(),
  ).catch(async (error: unknown) => {
    await removeRepositories()
    throw error
  })
  try {
    const printed = JSON.parse(simulator.firstLine) as Printed
    const seeded = new Set((await upstreamGuests(printed)).map((guest) => guest.vmid))
    return { process: simulator, printed, seeded, removeRepositories }
  } catch (error) {
    // The caller gets nothing to clean up: stop what was started here.
    await simulator.stop()
    await removeRepositories()
    throw error
  }
}

/**
 * The input of a deployment of the {@link NODE_HELLO} fixture (its branch left to the default),
 * small enough for many at once.
 */
export const nodeHelloInput = (name: string, type: 'VM' | 'LXC') => {
  const { framework, githubUrl } = NODE_HELLO
  return { type, framework, githubUrl, name, cpu: 1, memory: 512, disk: 8 }
}

/**
 * Reads the deployments until every one is RUNNING or FAILED, for longer than a resumed
 * deployment waits for its guest's SSH (3 minutes); answers them as last read.
 */
export async function untilSettled(read: () => Promise<Deployment[]>): Promise<Deployment[]> {
  let deployments: Deployment[] = []
  for (const until = Date.now() + 240_000; Date.now() < until; ) {
    deployments = await read()
    if (deployments.every((deployment) => deployment.status === 'RUNNING' || deployment.status === 'FAILED')) break
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return deployments
}

/** One line per deployment (name, status and error), for the test's own log. */
export const statusLines = (deployments: Deployment[]): string =>
  deployments
    .map((deployment) => `${deployment.name}: ${deployment.status}${deployment.error ? ` (${deployment.error})` : ''}`)
    .join('\n  ')

/** Truthful: the app of a RUNNING deployment answers where the deployment says it runs. */
export async function expectNodeHelloAnswers(deployment: Deployment): Promise<void> {
  const page = await fetch(`http://${deployment.host!.ip}:3000/`).then((response) => response.text())
  expect(page).toMatch(/^hello from node-hello/)
}

/**
 * The error of a deployment whose gateway went away (`gone`, a pattern's source) while it was
 * provisioning: what was done about the guest it was making.
 */
export const interruptedWhileProvisioning = (gone: string): RegExp =>
  new RegExp(
    `^interrupted while provisioning: ${gone}; ` +
      '(' +
      /the half-made guest \S+ was (removed|already gone( \(that id now belongs to '[^']+'\))?)/.source +
      /|no guest had been made( yet)?|its create of \S+ had not made a guest, so nothing was left behind/.source +
      ')$',
  )

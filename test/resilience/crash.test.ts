import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  ask,
  lineKeeper,
  listDeployments,
  seededRandom,
  storedLogs,
  upstreamGuests,
} from '../support/deployment-runs.js'
import { cleanEnv, startHangarProcess, type HangarProcess } from '../support/hangar-process.js'
import {
  expectNodeHelloAnswers,
  interruptedWhileProvisioning,
  nodeHelloInput,
  startNodeHelloSimulator,
  statusLines,
  untilSettled,
} from '../support/kill-tests.js'

/**
 * The gateway killed (SIGKILL) at random moments of deployments, twenty times, with the Proxmox
 * simulator in a process of its own that lives on through every kill, as a real cluster would.
 * Afterwards every deployment has ended RUNNING (and answers) or FAILED (saying why), no guest is
 * left that no deployment owns, and no stored log line was lost or renumbered.
 */

const KILLS = 20
const SEED = Number(process.env.HANGAR_CRASH_SEED ?? 20261202)

const processes: HangarProcess[] = []
const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  await Promise.all(processes.map((process) => process.stop(5_000)))
  for (const cleanup of cleanups) await cleanup()
})

describe('the gateway killed at random moments of deployments', () => {
  it(`leaves every deployment RUNNING or FAILED truthfully, ` +
    `no orphan guest and no lost line, after ${KILLS} kills`, async () => {
    const next = seededRandom(SEED)
    const directory = await mkdtemp(join(tmpdir(), 'hangar-crash-'))
    cleanups.push(() => rm(directory, { recursive: true, force: true }))
    const { process: simulator, printed, seeded, removeRepositories } = await startNodeHelloSimulator()
    processes.push(simulator)
    cleanups.push(removeRepositories)
    const env = cleanEnv({
      ...printed.env,
      HANGAR_PORT: '0',
      DATABASE_URL: `sqlite:${join(directory, 'hangar.db')}`,
      HANGAR_MUTATION_RATE_LIMIT: '0',
      PROXMOX_POLL_INTERVAL_MS: '100',
    })
    const startGateway = async () => {
      const gateway = await startHangarProcess(['serve'], env)
      processes.push(gateway)
      return { gateway, url: (JSON.parse(gateway.firstLine) as { url: string }).url }
    }

    /** Every deployment's stored lines, as last seen: a later run must keep each as it was. */
    const checkNoLineLost = lineKeeper()

    let created = 0
    for (let kill = 0; kill < KILLS; kill += 1) {
      const { gateway, url } = await startGateway()
      await checkNoLineLost(url)
      // Fresh work for this run to be killed in the middle of, now and then.
      if (kill % 2 === 0 || next() < 0.4) {
        const input = nodeHelloInput(`crash-${created}`, next() < 0.7 ? 'VM' : 'LXC')
        await ask(url, 'mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }', {
          input,
        })
        created += 1
      }
      // Mostly early (while guests are being made), sometimes late enough to catch a recipe.
      const delay = next() < 0.7 ? 200 + next() * 3_800 : 5_000 + next() * 6_000
      await new Promise((resolve) => setTimeout(resolve, delay))
      gateway.child.kill('SIGKILL')
      await new Promise((resolve) => gateway.child.once('exit', resolve))
    }

    // The last run is left alone until every deployment has settled.
    const { gateway, url } = await startGateway()
    await checkNoLineLost(url)
    const deployments = await untilSettled(() => listDeployments(url))
    await checkNoLineLost(url)
    expect(deployments).toHaveLength(created)
    console.log(`crash test (seed ${SEED}): ${KILLS} kills, ${created} deployments\n  ${statusLines(deployments)}`)

    for (const deployment of deployments) {
      const tail = async () =>
        (await storedLogs(url, deployment.id))
          .slice(-8)
          .map((line) => line.line)
          .join('\n    ')
      if (deployment.status !== 'RUNNING' && deployment.status !== 'FAILED')
        expect.fail(`${deployment.name} is still ${deployment.status}; its log ends:\n    ${await tail()}`)
      if (deployment.status === 'RUNNING') await expectNodeHelloAnswers(deployment)
      else expect(deployment.error).toMatch(interruptedWhileProvisioning('the gateway restarted'))
    }

    // No orphan: every guest beyond the seed is the one guest of a deployment that kept it.
    const guests = (await upstreamGuests(printed)).filter((guest) => !seeded.has(guest.vmid))
    const owned = new Map(
      deployments
        .filter((deployment) => deployment.host?.id)
        .map((deployment) => [Number(deployment.host!.id), deployment.name]),
    )
    for (const guest of guests)
      expect(owned.get(guest.vmid), `guest ${guest.vmid} (${guest.name}) belongs to a deployment`).toBe(guest.name)
    expect(guests.length).toBe(deployments.filter((deployment) => deployment.status === 'RUNNING').length)
    await gateway.stop()
  }, 600_000)
})

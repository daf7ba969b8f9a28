import { expect } from 'vitest'
import { sendOver } from './graphql-client.js'

/**
 * What the kill tests (one gateway killed and restarted, three gateways with one killed) read of
 * deployments: over GraphQL from a gateway, and over the simulator's own API for its guests.
 */

/** What `hangar simulator proxmox` prints on its first line. */
export type Printed = { url: string; env: Record<string, string> }
export type Line = { seq: number; line: string }
export type Deployment = {
  id: string
  name: string
  status: string
  error: string | null
  host: { id: string | null; ip: string | null } | null
}

/** A seeded generator (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The data of one GraphQL call over HTTP; throws with its errors. */
export async function ask(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const answer = await sendOver('http', url, undefined, query, variables)
  if (answer.errors) throw new Error(JSON.stringify(answer.errors))
  return answer.data!
}

export const listDeployments = async (url: string): Promise<Deployment[]> =>
  (
    (await ask(url, '{ deployments(first: 500) { nodes { id name status error host { id ip } } } }')).deployments as {
      nodes: Deployment[]
    }
  ).nodes

export const storedLogs = async (url: string, id: string): Promise<Line[]> =>
  (
    (await ask(url, 'query ($id: ID!) { deployment(id: $id) { logs(limit: 10000) { seq line } } }', { id }))
      .deployment as { logs: Line[] }
  ).logs

/** The guests the simulator holds, asked over its own API (templates left out). */
export async function upstreamGuests(printed: Printed): Promise<{ vmid: number; name: string }[]> {
  const response = await fetch(`${printed.env.PROXMOX_URL}/api2/json/cluster/resources?type=vm`, {
    headers: { authorization: `PVEAPIToken=${printed.env.PROXMOX_TOKEN_ID}=${printed.env.PROXMOX_TOKEN_SECRET}` },
  })
  const { data } = (await response.json()) as { data: { vmid: number; name: string; template?: number }[] }
  return data.filter((guest) => guest.template !== 1).map(({ vmid, name }) => ({ vmid, name }))
}

/**
 * Remembers every deployment's stored lines as last seen; each check asks that a later read keeps
 * them as they were (none lost, none renumbered) and numbers them 1..N.
 */
export function lineKeeper(): (url: string) => Promise<void> {
  const seen = new Map<string, Line[]>()
  return async (url) => {
    for (const deployment of await listDeployments(url)) {
      const lines = await storedLogs(url, deployment.id)
      const before = seen.get(deployment.id) ?? []
      expect(lines.slice(0, before.length), `deployment ${deployment.id} kept its stored lines`).toEqual(before)
      expect(lines.map((line) => line.seq)).toEqual(lines.map((_, index) => index + 1))
      seen.set(deployment.id, lines)
    }
  }
}

import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { collectField, sendOver } from '../support/graphql-client.js'
import { NODE_HELLO } from '../support/node-hello-deployment.js'
import { stackWithApps } from '../support/stack-with-apps.js'

type Host = { id: string | null; node: string | null; ip: string | null }

const lab = stackWithApps('node-hello')

const ask = (query: string, variables?: Record<string, unknown>) =>
  sendOver('http', lab.stack.url, undefined, query, variables)
const hostOf = async (id: string) =>
  (await ask('query ($id: ID!) { deployment(id: $id) { status host { id node ip } } }', { id })).data!.deployment as {
    status: string
    host: Host | null
  }

/** Deploys node-hello on a container named `name` and waits until it ends (its status subscription completes). */
async function deployToTheEnd(name: string): Promise<string> {
  const created = await ask('mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }', {
    input: { ...NODE_HELLO, type: 'LXC', name },
  })
  const id = (created.data!.createDeployment as { id: string }).id
  await collectField(
    lab.stack.url,
    'subscription ($id: ID!) { deploymentStatus(id: $id) { status } }',
    { id },
    'deploymentStatus',
  )
  return id
}

/** The address column as stored, read from the gateway's SQLite file. */
function storedIp(id: string): string | null {
  const database = new Database(join(lab.stack.directory, 'hangar.db'), { readonly: true })
  try {
    return (
      database.prepare('SELECT guest_ip FROM deployments WHERE id = ?').get(Number(id)) as { guest_ip: string | null }
    ).guest_ip
  } finally {
    database.close()
  }
}

describe('a deleted deployment', () => {
  let id: string
  let before: Host

  it("forgets its guest's address (a newer guest may have it now), keeping which guest it was", async () => {
    id = await deployToTheEnd('address-e2e')
    const deployed = await hostOf(id)
    expect(deployed.status).toBe('RUNNING')
    before = deployed.host!
    expect(before.ip).toMatch(/^127\.\d+\.\d+\.\d+$/)

    const deleted = await ask('mutation ($id: ID!) { deleteDeployment(id: $id) { status host { id node ip } } }', {
      id,
    })
    expect(deleted.data!.deleteDeployment).toEqual({
      status: 'DELETED',
      host: { id: before.id, node: before.node, ip: null },
    })
    expect(await hostOf(id)).toEqual({ status: 'DELETED', host: { id: before.id, node: before.node, ip: null } })
    const rest = (await (await fetch(`${lab.stack.url}/api/deployments/${id}`)).json()) as {
      status: string
      proxmox: Host
    }
    expect(rest).toMatchObject({ status: 'deleted', proxmox: { id: Number(before.id), node: before.node, ip: null } })
    expect(storedIp(id)).toBeNull()
  }, 120_000)

  it('shows no address even when an older gateway stored one with it', async () => {
    const store = lab.stack.gateway.hangar.deployments.store
    const record = (await store.get(Number(id)))!
    // What a gateway before this fix left behind: DELETED, with the guest's address still stored.
    await store.update(Number(id), { guest: { ...record.guest!, ip: before.ip } })
    expect(storedIp(id)).toBe(before.ip)
    expect((await hostOf(id)).host).toEqual({ id: before.id, node: before.node, ip: null })
  })

  it('shows no server once deleted, even when a newer guest took its id', async () => {
    const newer = await deployToTheEnd('newer-e2e')
    const newerHost = (await hostOf(newer)).host!
    expect(newerHost.id).toBe(before.id)
    const servers = await ask(
      'query ($old: ID!, $new: ID!) { old: deployment(id: $old) ' +
        '{ server { name } } new: deployment(id: $new) { server { name } } }',
      { old: id, new: newer },
    )
    expect(servers.data).toEqual({ old: { server: null }, new: { server: { name: 'newer-e2e' } } })
  }, 120_000)
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deployShopArgs, QUICK_PROXMOX, runHangar } from '../support/hangar-cli.js'
import { startStack, type Stack } from '../support/start-stack.js'
import { startShopDeployment } from '../support/shop-deployment.js'

let stack: Stack
beforeAll(async () => {
  stack = await startStack({ simulator: QUICK_PROXMOX })
})
afterAll(() => stack?.close())

const hangar = (args: string[], env: Record<string, string> = {}) => runHangar(stack.url, args, { env })

describe("the seed's commands", () => {
  it("supports the seed's script loop: list --json, then details of each id", async () => {
    const list = await hangar(['list', '--json'])
    expect(list.code).toBe(0)
    const ids = (JSON.parse(list.stdout) as { id: string }[]).map((server) => server.id)
    expect(ids).toHaveLength(12)
    for (const id of ids.slice(0, 3)) {
      const details = await hangar(['details', id])
      expect(details.code).toBe(0)
      expect(details.stdout).toContain(id)
    }
  }, 60_000)

  it('lists servers as an aligned table for people', async () => {
    const { code, stdout } = await hangar(['list'])
    expect(code).toBe(0)
    const [header, first] = stdout.split('\n')
    expect(header).toMatch(/^ID\s+NAME\s+STATUS\s+KIND\s+LOCATION/)
    expect(
      first!.indexOf('RUNNING') === header!.indexOf('STATUS') ||
        first!.indexOf('STOPPED') === header!.indexOf('STATUS'),
    ).toBe(true)
  })

  it("stops and starts a server by the provider's own id, following the task", async () => {
    const stop = await hangar(['stop', 'qemu/101', '--json'])
    expect(stop.code).toBe(0)
    expect(JSON.parse(stop.stdout)).toMatchObject({ status: 'SUCCEEDED' })
    expect((await hangar(['start', 'pve-lab:qemu/101'])).code).toBe(0)
  }, 60_000)

  it('refuses to destroy without -y when no one can be asked, then destroys with -y', async () => {
    const refused = await hangar(['destroy', 'lxc/204'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('refusing to destroy pve-lab:lxc/204 without -y')
    expect(stack.simulator.state.guests.has(204)).toBe(true)
    const destroyed = await hangar(['destroy', 'lxc/204', '-y'])
    expect(destroyed.code).toBe(0)
    expect(stack.simulator.state.guests.has(204)).toBe(false)
  }, 60_000)

  it('exits with the documented codes: unknown id 3, bad input 2, unreachable gateway 4, conflict 6', async () => {
    expect((await hangar(['details', 'qemu/4242'])).code).toBe(3)
    expect(
      (await hangar(['deploy', '--type', 'docker', '--framework', 'nodejs', '--repo', 'https://github.com/acme/x.git']))
        .code,
    ).toBe(2)
    const unreachable = await hangar(['list'], { HANGAR_URL: 'http://127.0.0.1:9' })
    expect(unreachable.code).toBe(4)
    expect(unreachable.stderr).toMatch(/cannot reach the gateway at http:\/\/127\.0\.0\.1:9/)
    expect((await hangar(['start', 'qemu/102'])).code).toBe(6)
    const help = await hangar(['--help'])
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*4 {2}the gateway cannot be reached/)
  }, 60_000)
})

describe('the deployment commands', () => {
  it('deploy --follow streams the logs and exits 0 on RUNNING; ' +
    'deployments, logs, restart and delete work', async () => {
    const deployed = await hangar([...deployShopArgs('cli-shop'), '--follow'])
    expect(deployed.stderr).toMatch(/deployment \d+ \(cli-shop\) created/)
    expect(deployed.code).toBe(0)
    expect(deployed.stdout).toMatch(/health check passed/)
    const id = /deployment (\d+)/.exec(deployed.stderr)![1]!
    const list = await hangar(['deployments', '--json'])
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id, name: 'cli-shop', status: 'RUNNING' })])
    const logs = await hangar(['logs', id])
    expect(logs.stdout).toBe(deployed.stdout)
    const tail = await hangar(['logs', id, '--follow', '--after', '5'])
    expect(tail.stdout.split('\n').filter(Boolean)).toEqual(logs.stdout.split('\n').filter(Boolean).slice(5))
    expect((await hangar(['restart', id])).code).toBe(0)
    expect((await hangar(['delete', id])).code).toBe(0)
    expect((await hangar(['restart', id])).code).toBe(6)
  }, 120_000)

  it('exits 5 without a token once tokens exist, and works with HANGAR_TOKEN', async () => {
    const token = await stack.issueToken('viewer', 'cli-viewer')
    expect((await hangar(['status'])).code).toBe(5)
    const status = await hangar(['status', '--json'], { HANGAR_TOKEN: token })
    expect(status.code).toBe(0)
    expect(JSON.parse(status.stdout)).toMatchObject({ status: 'operational' })
    expect((await hangar(['stop', 'qemu/100'], { HANGAR_TOKEN: token })).code).toBe(5)
  }, 60_000)
})

describe('logs --follow across a dropped connection', () => {
  it('picks up after the last line it printed: no line repeated, none skipped', async () => {
    // Tokens exist by now (an earlier test made one): act as an operator.
    const token = await stack.issueToken('operator', 'follow-operator')
    const id = await startShopDeployment(stack.url, token, 'follow-drop')
    const following = hangar(['logs', id, '--follow'], { HANGAR_TOKEN: token })
    // Let some lines through, then take the gateway down and bring it back on the same address.
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    await stack.gateway.close()
    const port = new URL(stack.url).port
    const { startHangar } = await import('../../src/start-hangar.js')
    const { createLogger } = await import('../../src/logger.js')
    const again = await startHangar({
      env: { ...stack.env, HANGAR_PORT: port },
      logger: createLogger({ level: 'silent' }),
    })
    try {
      const followed = await following
      expect(followed.code).toBe(0)
      const stored = await fetch(`${again.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `{ deployment(id: "${id}") { logs(limit: 10000) { line } } }` }),
      }).then((response) => response.json() as Promise<{ data: { deployment: { logs: { line: string }[] } } }>)
      expect(followed.stdout.split('\n').filter(Boolean)).toEqual(stored.data.deployment.logs.map((line) => line.line))
      expect(followed.stdout).toContain('the gateway restarted; resuming')
    } finally {
      await again.close()
    }
  }, 120_000)
})

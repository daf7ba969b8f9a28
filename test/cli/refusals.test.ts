import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QUICK_STACK, runHangar } from '../support/hangar-cli.js'
import { startStack, type Stack } from '../support/start-stack.js'

let stack: Stack
beforeAll(async () => {
  stack = await startStack(QUICK_STACK)
})
afterAll(() => stack?.close())

const hangar = (args: string[]) => runHangar(stack.url, args)

describe("refusals because of a server's state exit 6 from every provider", () => {
  it('reboot of a stopped Proxmox server exits 6 and says which server, in which state, and why', async () => {
    const reboot = await hangar(['reboot', 'qemu/103'])
    expect(reboot.code).toBe(6)
    expect(reboot.stderr.trim()).toBe(
      'hangar: cannot reboot monitoring-01 (pve-lab:qemu/103) while it is stopped: pve-lab: VM 103 not running',
    )
    expect(stack.simulator.state.guests.get(103)?.status).toBe('stopped')
  })

  it('start of a running Proxmox server exits 6 the same way', async () => {
    const start = await hangar(['start', 'qemu/100', '--json'])
    expect(start.code).toBe(6)
    expect(start.stderr).toContain(
      'cannot start web-01 (pve-lab:qemu/100) while it is running: pve-lab: VM 100 already running',
    )
    expect(start.stdout).toBe('')
  })

  it('a Kamatera refusal because of state (CONFLICT) exits 6 too', async () => {
    const servers = JSON.parse((await hangar(['list', '--json', '--provider', 'kama'])).stdout) as {
      id: string
      name: string
      status: string
    }[]
    const stopped = servers.find((server) => server.status === 'STOPPED')!
    const reboot = await hangar(['reboot', stopped.id])
    expect(reboot.code).toBe(6)
    expect(reboot.stderr).toContain(
      `cannot reboot ${stopped.name} (${stopped.id}) while it is stopped: kama: cannot ` +
        `reboot server ${stopped.name} (${stopped.id.slice('kama:'.length)}): it is STOPPED`,
    )
  })

  it('an operation that starts, then ends FAILED, still exits 1 with its error', async () => {
    stack.simulator.faults.failNextTask(101, "command 'qm reboot 101' failed: got timeout")
    const reboot = await hangar(['reboot', 'qemu/101'])
    expect(reboot.code).toBe(1)
    expect(reboot.stderr).toMatch(/reboot web-02: .*got timeout/)
  })

  it('logs --follow of an unknown deployment exits 3 at once, like logs', async () => {
    const follow = await hangar(['logs', '999', '--follow'])
    expect(follow.code).toBe(3)
    expect(follow.stderr).toContain('no deployment 999')
    expect(follow.ms).toBeLessThan(10_000)
    expect((await hangar(['logs', '999'])).code).toBe(3)
  })
})

describe('deploy refusals name the flag', () => {
  const deployVm = (framework: string, repo: string) =>
    hangar(['deploy', '--type', 'vm', '--framework', framework, '--repo', repo])

  it('an unknown framework says to run `hangar frameworks`, not a GraphQL query', async () => {
    const deploy = await deployVm('rails', 'https://github.com/acme/shop.git')
    expect(deploy.code).toBe(2)
    expect(deploy.stderr).toMatch(
      new RegExp(
        /^hangar: --framework: unknown framework "rails"; /.source +
          /run `hangar frameworks` to see what can be deployed \(django, .*nodejs.*\)\n$/.source,
      ),
    )
    expect(deploy.stderr).not.toContain('frameworks query')
    expect((await hangar(['deployments', '--json'])).stdout.trim()).toBe('[]')
  })

  it('a refused repository URL names --repo', async () => {
    const deploy = await deployVm('django', 'https://gitlab.com/acme/shop.git')
    expect(deploy.code).toBe(2)
    expect(deploy.stderr).toBe(
      'hangar: --repo: must be a GitHub repository URL such as https://github.com/owner/repo.git\n',
    )
  })
})

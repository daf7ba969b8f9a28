import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkKamateraPassword } from '../../plugins/kamatera/password-rule.js'
import { QUICK_STACK, runHangar } from '../support/hangar-cli.js'
import { registerSecret } from '../support/secrets.js'
import { startStack, type Stack } from '../support/start-stack.js'

let stack: Stack
let keys: string
beforeAll(async () => {
  stack = await startStack(QUICK_STACK)
  keys = await mkdtemp(join(tmpdir(), 'hangar-cli-keys-'))
})
afterAll(async () => {
  await rm(keys, { recursive: true, force: true })
  // Fails when a registered secret (every password below) appeared in the gateway's log.
  await stack?.close()
})

const hangar = (args: string[], env: Record<string, string> = {}) => runHangar(stack.url, args, { env })
const upstream = (name: string) => stack.kamatera!.state.serversNamed(name)
const sizes = ['--cpu', '2', '--memory', '2048', '--disk', '20']
const occurrences = (text: string, part: string) => text.split(part).length - 1

/** `hangar create --provider <provider> --name <name> --image <image>`, then the flags `rest`. */
const create = (provider: string, name: string, image: string, rest: string[] = [], env?: Record<string, string>) =>
  hangar(['create', '--provider', provider, '--name', name, '--image', image, ...rest], env)

/** `hangar create` of `name` on Kamatera in EU from its first image, 2 cores, 2048 MB and 20 GB, then `rest`. */
const createInEu = async (name: string, rest: string[] = [], env?: Record<string, string>) =>
  create('kama', name, await euImage(), ['--location', 'EU', ...sizes, ...rest], env)

/** An image of datacenter EU, as `catalog --json` gives it. */
async function euImage(): Promise<string> {
  const { stdout } = await hangar(['catalog', 'kama', '--location', 'EU', '--json'])
  return (JSON.parse(stdout) as { images: { id: string }[] }).images[0]!.id
}

describe('hangar catalog', () => {
  it("shows the locations, then one location's images, CPU types and disk sizes, as tables and as JSON", async () => {
    const locations = await hangar(['catalog', 'kama'])
    expect(locations.code).toBe(0)
    expect(locations.stdout).toMatch(/^Locations of kama\nID\s+NAME\n/)
    expect(locations.stdout).toMatch(/^EU\s+The Netherlands \(Amsterdam\)$/m)
    const json = await hangar(['catalog', 'kama', '--location', 'EU', '--json'])
    expect(json.code).toBe(0)
    const catalog = JSON.parse(json.stdout) as {
      provider: string
      images: { id: string; location: string }[]
      cpuTypes: { id: string }[]
      diskSizesGb: number[]
    }
    expect(catalog.provider).toBe('kama')
    expect(catalog.images.length).toBeGreaterThan(0)
    expect(catalog.images.every((entry) => entry.location === 'EU')).toBe(true)
    const tables = await hangar(['catalog', 'kama', '--location', 'EU'])
    expect(tables.code).toBe(0)
    expect(tables.stdout).toMatch(/^Images in EU\nID\s+NAME\s+OS\n/)
    for (const entry of catalog.images) expect(tables.stdout).toContain(entry.id)
    expect(tables.stdout).toMatch(/^CPU types in EU\nID\s+NAME\s+CORES\s+MEMORY \(MB\)\n/m)
    for (const type of catalog.cpuTypes)
      expect(tables.stdout).toMatch(new RegExp(`^${type.id}\\s+Type ${type.id}`, 'm'))
    expect(tables.stdout).toContain(`Disk sizes in EU (GB)\n${catalog.diskSizesGb.join(', ')}\n`)
  }, 60_000)

  it('an unknown location exits 2 naming --location', async () => {
    const unknown = await hangar(['catalog', 'kama', '--location', 'MARS'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('no datacenter "MARS"')
  })

  it("shows the Proxmox catalog (nodes, then one node's templates and ISO images)", async () => {
    const catalog = await hangar(['catalog', 'pve-lab'])
    expect(catalog.code).toBe(0)
    expect(catalog.stdout).toMatch(/^Locations of pve-lab\nID\s+NAME\n/)
    expect(catalog.stdout).toMatch(/^pve2\s+pve2 \(online\)$/m)
    const node = await hangar(['catalog', 'pve-lab', '--location', 'pve1'])
    expect(node.code).toBe(0)
    expect(node.stdout).toMatch(/^9000\s+debian-12-cloudinit\s+Linux$/m)
    expect(node.stdout).toContain('local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst')
    expect(node.stdout).toMatch(/^host\s+host \(pve1\)/m)
    expect(node.stdout).toMatch(
      /^Storages in pve1 \(--option storage=ID\)\nID\s+TYPE\s+CONTENT\s+SHARED\s+FREE \(GB\)\n/m,
    )
    expect(node.stdout).toMatch(/^local-lvm\s+lvmthin\s+images,rootdir\s+no\s+\d+$/m)
    expect(node.stdout).toMatch(
      /^Networks in pve1 \(--option bridge=ID\)\nID\s+DESCRIPTION\nvmbr0\s+10\.0\.0\.\d+\/24/m,
    )
    const unknown = await hangar(['catalog', 'pve-lab', '--location', 'pve9'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('no node "pve9"')
  }, 60_000)

  it('a kind the provider cannot make at all exits 7 with the ' +
    "gateway's UNSUPPORTED message; a kind that is none exits 2", async () => {
    const container = await createInEu('kama-ct-1', ['--kind', 'container'])
    expect(container.code).toBe(7)
    expect(container.stderr).toBe('hangar: kamatera: makes VMs only; use a Proxmox provider for containers\n')
    const nonsense = await create('pve-lab', 'pve-new-1', '9000', ['--kind', 'jail', ...sizes])
    expect(nonsense.code).toBe(2)
    expect(nonsense.stderr).toBe('hangar: --kind: vm or container, not "jail"\n')
    expect(upstream('kama-ct-1')).toHaveLength(0)
    const help = await hangar(['--help'])
    expect(help.stdout).toMatch(/7 {2}the provider cannot do this at all \(UNSUPPORTED/)
  }, 60_000)
})

describe('hangar on Proxmox: a VM and a container from the catalog, copied, resized, snapshotted and destroyed', () => {
  const guestOf = (id: string) => stack.simulator.state.guest(Number(id.split('/')[1]))

  it('create makes a VM from a template with a generated password, ' +
    'following the clone task, and prints its id', async () => {
    const created = await create('pve-lab', 'cli-vm', '9000', ['--location', 'pve1', ...sizes])
    expect(created.code).toBe(0)
    expect(created.stdout).toMatch(/^pve-lab:qemu\/\d+\n$/)
    const id = created.stdout.trim()
    const password = /Root password of cli-vm \(generated; shown only this once, Hangar keeps no copy\): (\S+)/.exec(
      created.stderr,
    )![1]!
    registerSecret(password)
    expect(guestOf(id)!.config).toMatchObject({
      name: 'cli-vm',
      cores: '2',
      memory: '2048',
      ciuser: 'root',
      cipassword: password,
    })
    expect(guestOf(id)!.status).toBe('running')
    expect(created.stderr).toMatch(/^create cli-vm: create full clone of drive scsi0 \(local-lvm:base-9000-disk-0\)$/m)
    expect(created.stderr).toMatch(/^create cli-vm: made VM qemu\/\d+ \(cli-vm\) on pve1$/m)
    expect(occurrences(created.stdout + created.stderr, password)).toBe(1)

    const copy = await hangar(['clone', id, '--name', 'cli-vm-copy', '--cpu', '4', '--no-start'])
    expect(copy.code).toBe(0)
    const copyId = copy.stdout.trim()
    expect(guestOf(copyId)).toMatchObject({
      status: 'stopped',
      config: expect.objectContaining({ name: 'cli-vm-copy', cores: '4' }),
    })
    expect(copy.stderr).toMatch(/clone cli-vm as cli-vm-copy: done\n$/)

    const grown = await hangar(['resize', copyId, '--disk', '30'])
    expect(grown.code).toBe(0)
    expect(guestOf(copyId)!.config.scsi0).toMatch(/size=30G/)

    const snapshot = await hangar(['snapshot', 'create', copyId, 'first-boot'])
    expect(snapshot.code).toBe(0)
    const rolled = await hangar(['snapshot', 'rollback', copyId, 'first-boot', '-y'])
    expect(rolled.code).toBe(0)

    for (const each of [copyId, id]) {
      const destroyed = await hangar(['destroy', each, '-y'])
      expect(destroyed.code).toBe(0)
      expect(guestOf(each)).toBeUndefined()
    }
  }, 120_000)

  it('create makes a container from a container template with an SSH key; --kind is taken from the image', async () => {
    const key = join(keys, 'ct.pub')
    await writeFile(
      key,
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGf3e3P4rN0bJp3uO4bD1hZ8aX6mQ2p5oLk9wYv7sT1u ops@laptop\n',
    )
    const created = await create('pve-lab', 'cli-ct', 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst', [
      '--location',
      'pve2',
      '--cpu',
      '1',
      '--memory',
      '512',
      '--disk',
      '8',
      '--ssh-key',
      key,
    ])
    expect(created.code).toBe(0)
    expect(created.stdout).toMatch(/^pve-lab:lxc\/\d+\n$/)
    expect(created.stderr).not.toContain('Root password')
    const id = created.stdout.trim()
    expect(guestOf(id)).toMatchObject({
      node: 'pve2',
      status: 'running',
      config: expect.objectContaining({ hostname: 'cli-ct' }),
    })
    const running = await hangar(['clone', id, '--name', 'cli-ct-copy'])
    expect(running.code).toBe(6)
    expect(running.stderr).toMatch(/only from a snapshot/)

    expect((await hangar(['snapshot', 'create', id, 'base'])).code).toBe(0)
    const copy = await hangar([
      'clone',
      id,
      '--name',
      'cli-ct-copy',
      '--location',
      'pve1',
      '--option',
      'snapshot=base',
      '--json',
    ])
    expect(copy.code).toBe(0)
    const copied = JSON.parse(copy.stdout) as { status: string; serverId: string; logs: string[] }
    expect(copied.status).toBe('SUCCEEDED')
    expect(copied.logs.join('\n')).toMatch(/moving lxc\/\d+ from pve2 to pve1/)
    expect(guestOf(copied.serverId)).toMatchObject({
      node: 'pve1',
      config: expect.objectContaining({ hostname: 'cli-ct-copy' }),
    })
    expect((await hangar(['resize', copied.serverId, '--memory', '1024'])).code).toBe(0)
    expect(guestOf(copied.serverId)!.config.memory).toBe('1024')
    expect((await hangar(['snapshot', 'rollback', id, 'base', '-y'])).code).toBe(0)
    for (const each of [copied.serverId, id]) {
      expect((await hangar(['destroy', each, '-y'])).code).toBe(0)
      expect(guestOf(each)).toBeUndefined()
    }
  }, 120_000)

  it('an unknown image, a name Proxmox refuses or a disk smaller ' +
    "than the template's exits 2 naming the flag, and makes nothing", async () => {
    const before = stack.simulator.state.guests.size
    const unknown = await create('pve-lab', 'cli-bad', 'ubuntu-99', sizes)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/^hangar: --image: no image "ubuntu-99"/)
    const underscore = await create('pve-lab', 'cli_bad', '9000', sizes)
    expect(underscore.code).toBe(2)
    expect(underscore.stderr).toMatch(/^hangar: --name: Proxmox takes a host name/)
    const small = await create('pve-lab', 'cli-bad', '9000', ['--cpu', '1', '--memory', '512', '--disk', '1'])
    expect(small.code).toBe(2)
    expect(small.stderr).toMatch(/^hangar: --disk: the template's disk is 2 GB/)
    expect(stack.simulator.state.guests.size).toBe(before)
  }, 60_000)
})

describe('hangar create', () => {
  it('makes a server with the given password, following the upstream task, and prints its id', async () => {
    const password = 'Cli-create1Pass'.replace('-', '#')
    registerSecret(password)
    const created = await createInEu('cli-made-1', ['--password', password])
    expect(created.code).toBe(0)
    const [server] = upstream('cli-made-1')
    expect(server).toMatchObject({ datacenter: 'EU', cpu: '2B', ram: 2048, diskSizes: [20], password })
    expect(created.stdout).toBe(`kama:${server!.id}\n`)
    expect(created.stderr).toMatch(/^create cli-made-1: Server created successfully$/m)
    expect(created.stderr).toMatch(/create cli-made-1: done\n$/)
    expect(created.stdout + created.stderr).not.toContain(password)
    expect(stack.logs.join('\n')).not.toContain(password)
  })

  it('takes the password from HANGAR_SERVER_PASSWORD, so that `ps` does not show it', async () => {
    const password = 'FromEnv42xyz'
    registerSecret(password)
    const created = await createInEu('cli-made-env', [], { HANGAR_SERVER_PASSWORD: password })
    expect(created.code).toBe(0)
    expect(upstream('cli-made-env')[0]?.password).toBe(password)
    expect(created.stdout + created.stderr).not.toContain(password)
  })

  it(
    'with neither a password nor a key, generates one that ' + "satisfies Kamatera's rule and prints it exactly once",
    async () => {
      const created = await createInEu('cli-made-gen')
      const shown =
        /^Root password of cli-made-gen \(generated; shown only this once, Hangar keeps no copy\): (\S+)$/m.exec(
          created.stderr,
        )?.[1]
      expect(shown).toBeDefined()
      registerSecret(shown!)
      expect(created.code).toBe(0)
      expect(() => checkKamateraPassword(shown!, 'password')).not.toThrow()
      expect(occurrences(created.stdout + created.stderr, shown!)).toBe(1)
      expect(upstream('cli-made-gen')[0]?.password).toBe(shown)
      expect(stack.logs.join('\n')).not.toContain(shown)
    },
  )

  it('with --json, the generated password is in the JSON only', async () => {
    const created = await createInEu('cli-made-json', [
      '--option',
      'tags=web,prod',
      '--option',
      'dailyBackup=true',
      '--json',
    ])
    expect(created.code).toBe(0)
    const answer = JSON.parse(created.stdout) as { status: string; serverId: string; password: string }
    registerSecret(answer.password)
    const [server] = upstream('cli-made-json')
    expect(answer).toMatchObject({ status: 'SUCCEEDED', serverId: `kama:${server!.id}`, password: server!.password })
    expect(server).toMatchObject({ tags: ['web', 'prod'], backup: true })
    expect(created.stderr).not.toContain(answer.password)
  })

  it("without --image, lists the location's images (or the locations) " +
    'and exits 2 asking for one; nothing is made', async () => {
    const before = stack.kamatera!.state.servers.size
    const withLocation = await hangar([
      'create',
      '--provider',
      'kama',
      '--location',
      'EU',
      '--name',
      'cli-no-image',
      ...sizes,
    ])
    expect(withLocation.code).toBe(2)
    expect(withLocation.stdout).toBe('')
    expect(withLocation.stderr).toContain(await euImage())
    expect(withLocation.stderr).toMatch(/\nhangar: --image: required; pick one of the images above with --image ID/)
    const withoutLocation = await hangar(['create', '--provider', 'kama'])
    expect(withoutLocation.code).toBe(2)
    expect(withoutLocation.stderr).toMatch(/^EU\s+The Netherlands \(Amsterdam\)$/m)
    expect(withoutLocation.stderr).toContain(
      'hangar: --image: required; pick a location with --location ID to see its images',
    )
    expect(stack.kamatera!.state.servers.size).toBe(before)
  }, 60_000)

  it('refuses a private key file for --ssh-key (exit 2) and sends nothing; takes a public one', async () => {
    const privateKey = join(keys, 'id_ed25519')
    await writeFile(
      privateKey,
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
    )
    await writeFile(`${privateKey}.pub`, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOq4wA2tC0hangarTestKey cli@test\n')
    const before = stack.kamatera!.requests
    const refused = await create('kama', 'cli-made-key', 'EU:any', [
      '--location',
      'EU',
      ...sizes,
      '--ssh-key',
      privateKey,
    ])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toBe(
      `hangar: --ssh-key: ${privateKey} is a private key; give the public one (e.g. ${privateKey}.pub)\n`,
    )
    expect(stack.kamatera!.requests).toBe(before)
    expect(upstream('cli-made-key')).toEqual([])
    const created = await createInEu('cli-made-key', ['--ssh-key', `${privateKey}.pub`])
    expect(created.code).toBe(0)
    expect(upstream('cli-made-key')).toHaveLength(1)
    expect(created.stderr).not.toContain('Root password')
  }, 60_000)

  it('bad flags exit 2 naming the flag, and make nothing', async () => {
    const before = stack.kamatera!.state.servers.size
    const base = ['create', '--provider', 'kama', '--name', 'cli-bad-1', '--image', await euImage(), '--location', 'EU']
    const cases: [string[], RegExp][] = [
      [
        [...base, '--cpu', 'two', '--memory', '2048', '--disk', '20'],
        /^hangar: --cpu: must be a whole number above 0, not "two"\n$/,
      ],
      [[...base, '--cpu', '2', '--disk', '20'], /^hangar: --memory: required \(MB\)\n$/],
      [[...base, ...sizes, '--option', 'billing'], /^hangar: --option: "billing" is not key=value/],
      [[...base, ...sizes, '--option', 'cpuType=Z'], /^hangar: --option cpuType: /],
      [[...base, ...sizes, '--password', 'short'], /^hangar: --password: Kamatera takes 10 to 20 characters/],
      [
        [...base, ...sizes, '--password', 'Abcdefgh12', '--ssh-key', '/dev/null'],
        /^hangar: --password and --ssh-key: give one of them, not both\n$/,
      ],
      [
        ['create', '--provider', 'kama', '--name', 'x!', '--image', 'i', '--location', 'EU', ...sizes],
        /^hangar: --name: 4 to 40 letters/,
      ],
      [[...base, ...sizes, '--colour', 'red'], /error: unknown option '--colour'/],
      [['create', '--name', 'cli-bad-2'], /error: required option '--provider <name>' not specified/],
    ]
    for (const [args, message] of cases) {
      const refused = await hangar(args)
      expect({ args, code: refused.code }).toEqual({ args, code: 2 })
      expect(refused.stderr).toMatch(message)
    }
    expect(stack.kamatera!.state.servers.size).toBe(before)
  }, 120_000)
})

describe('hangar clone and resize', () => {
  let source: string
  beforeAll(async () => {
    const created = await createInEu('cli-source', ['--password', 'Source1234pw'])
    registerSecret('Source1234pw')
    source = created.stdout.trim()
  })

  it("clone copies a server under a new name with the given cores and prints the copy's id", async () => {
    const cloned = await hangar(['clone', source, '--name', 'cli-copy', '--cpu', '4'])
    expect(cloned.code).toBe(0)
    const [copy] = upstream('cli-copy')
    expect(copy).toMatchObject({ cpu: '4B', ram: 2048, image: `clone:${source.slice('kama:'.length)}` })
    expect(cloned.stdout).toBe(`kama:${copy!.id}\n`)
    expect(cloned.stderr).toMatch(/clone cli-source as cli-copy: done\n$/)
  })

  it('resize --cpu and --memory change the server upstream, following the task', async () => {
    const nativeId = source.slice('kama:'.length)
    const cpu = await hangar(['resize', source, '--cpu', '4'])
    expect(cpu.code).toBe(0)
    expect(cpu.stderr).toMatch(/resize cli-source \(cpu 4\): done\n$/)
    expect(stack.kamatera!.state.server(nativeId)?.cpu).toBe('4B')
    const memory = await hangar(['resize', nativeId, '--memory', '4096', '--json'])
    expect(memory.code).toBe(0)
    expect(JSON.parse(memory.stdout)).toMatchObject({ action: 'resize', status: 'SUCCEEDED', serverId: source })
    expect(stack.kamatera!.state.server(nativeId)?.ram).toBe(4096)
  }, 60_000)

  it('resize takes exactly one size; --disk grows the disk and refuses to shrink it', async () => {
    const nativeId = source.slice('kama:'.length)
    const before = stack.kamatera!.state.server(nativeId)
    const none = await hangar(['resize', source])
    expect(none.code).toBe(2)
    expect(none.stderr).toBe('hangar: give exactly one of --cpu, --memory or --disk per resize\n')
    const two = await hangar(['resize', source, '--cpu', '2', '--memory', '1024'])
    expect(two.code).toBe(2)
    expect(two.stderr).toBe(
      'hangar: give exactly one of --cpu, --memory or --disk per resize (got --cpu and --memory)\n',
    )
    expect(stack.kamatera!.state.server(nativeId)).toEqual(before)
    const shrink = await hangar(['resize', source, '--disk', '10'])
    expect(shrink.code).toBe(2)
    expect(shrink.stderr).toMatch(/^hangar: --disk: /)
    expect(stack.kamatera!.state.server(nativeId)).toEqual(before)
    const grow = await hangar(['resize', source, '--disk', '50'])
    expect(grow.code).toBe(0)
    expect(stack.kamatera!.state.server(nativeId)?.diskSizes).toEqual([50])
  }, 60_000)

  it('snapshot, rollback and destroy finish the Kamatera life of the source and its copy', async () => {
    expect((await hangar(['snapshot', 'create', source, 'before-change'])).code).toBe(0)
    const rolled = await hangar(['snapshot', 'rollback', source, 'before-change', '-y'])
    expect(rolled.code).toBe(0)
    expect(rolled.stderr).toMatch(/roll cli-source back to before-change: done\n$/)
    for (const name of ['cli-copy', 'cli-source']) {
      const [server] = upstream(name)
      const destroyed = await hangar(['destroy', `kama:${server!.id}`, '-y'])
      expect(destroyed.code).toBe(0)
      expect(upstream(name)).toHaveLength(0)
    }
  }, 60_000)
})

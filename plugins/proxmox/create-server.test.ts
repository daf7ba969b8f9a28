import { describe, expect, it } from 'vitest'
import type { CloneSpec, ServerSpec } from 'hangar/provider-kit'
import { followToEnd } from 'hangar/provider-kit/testing'
import type { ProxmoxLab } from './proxmox-lab.js'
import { expectGuest, labsPerTest, takeVmidBeforeClone } from './proxmox-test-lab.js'

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGf3e3P4rN0bJp3uO4bD1hZ8aX6mQ2p5oLk9wYv7sT1u ops@laptop'
const PASSWORD = 'Corr3ct-horse-battery'
const CT_TEMPLATE = 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst'
const ISO = 'local:iso/debian-12.8.0-amd64-netinst.iso'

const WEB: ServerSpec = {
  name: 'web-01',
  image: '9000',
  cpu: 2,
  memoryMb: 2048,
  diskGb: 40,
  password: PASSWORD,
  sshKey: KEY,
}
const CT: ServerSpec = { name: 'cache-01', image: CT_TEMPLATE, cpu: 1, memoryMb: 512, diskGb: 8, password: PASSWORD }

type Lab = ProxmoxLab

const lab = labsPerTest({
  simulator: { seed: 'demo', taskDurationMs: 60, agentWarmupPolls: 2 },
  provider: { pollIntervalMs: 20 },
})

const follow = followToEnd

const create = async ({ provider }: Lab, spec: ServerSpec) => follow(await provider.createServer!(spec, {}))
const clone = async ({ provider }: Lab, id: string, spec: CloneSpec) =>
  follow(await provider.cloneServer!(id, spec, {}))
/** Has every configure of the VM being made as `vmid` refused, as a bad `cores` value is. */
const failConfigure = ({ simulator }: Lab, vmid: number) =>
  simulator.faults.addRule({
    method: 'POST',
    path: `/qemu/${vmid}/config`,
    status: 500,
    message: 'unable to parse value of cores',
    times: 20,
  })
const vmidOf = (nativeId: string | undefined) => Number(nativeId?.split('/')[1])

describe('createServer on Proxmox', () => {
  it('declares create and clone', async () => {
    const { provider } = await lab()
    expect(provider.capabilities).toEqual(expect.arrayContaining(['create', 'clone']))
  })

  it(
    'makes a running VM from a template: full clone, ' + 'sizes, cloud-init user, password and key, a grown disk',
    async () => {
      const env = await lab()
      const vmid = env.simulator.state.raw.nextFreeVmid()
      const result = await create(env, WEB)

      expect(result.state).toBe('succeeded')
      expect(result.last.serverNativeId).toBe(`qemu/${vmid}`)
      expect(result.last.guest).toBeUndefined()
      const config = expectGuest(
        env.simulator,
        vmid,
        { type: 'qemu', node: 'pve1', status: 'running' },
        {
          name: 'web-01',
          cores: '2',
          memory: '2048',
          ciuser: 'root',
          agent: '1',
          ipconfig0: 'ip=dhcp',
          cipassword: PASSWORD,
        },
      )
      expect(config.sshkeys).toBe(encodeURIComponent(KEY))
      expect(config.scsi0).toMatch(/size=40G/)
      expect(result.lines[0]).toBe(`cloning template 9000 (debian-12-cloudinit) to ${vmid} on pve1 (full clone)`)
      expect(result.lines).toContain(`growing disk scsi0 to 40 GiB`)
      expect(result.lines.at(-1)).toBe(`made VM qemu/${vmid} (web-01) on pve1`)
      expect(result.lines.join('\n')).not.toContain(PASSWORD)
    },
  )

  it('leaves the VM stopped when powerOn is false, and takes a template by name', async () => {
    const env = await lab()
    const result = await create(env, { ...WEB, image: 'debian-12-cloudinit', powerOn: false })
    expect(result.state).toBe('succeeded')
    expect(env.simulator.state.guest(vmidOf(result.last.serverNativeId))!.status).toBe('stopped')
  })

  it('makes a running container from a container template, its kind taken from the image', async () => {
    const env = await lab()
    const vmid = env.simulator.state.raw.nextFreeVmid()
    const result = await create(env, { ...CT, location: 'pve2' })

    expect(result.state).toBe('succeeded')
    expect(result.last.serverNativeId).toBe(`lxc/${vmid}`)
    const config = expectGuest(
      env.simulator,
      vmid,
      { type: 'lxc', node: 'pve2', status: 'running' },
      { hostname: 'cache-01', cores: '1', memory: '512' },
    )
    expect(config.rootfs).toMatch(/^local-lvm:vm-\d+-disk-0,size=8G$/)
    expect(result.lines.at(-1)).toBe(`made container lxc/${vmid} (cache-01) on pve2`)
  })

  it('finds a container template by its file name as well', async () => {
    const env = await lab()
    const result = await create(env, { ...CT, image: 'debian-12-standard_12.7-1_amd64.tar.zst', kind: 'CONTAINER' })
    expect(result.state).toBe('succeeded')
    expect(result.last.serverNativeId).toMatch(/^lxc\//)
  })

  it(
    "makes a VM on another node than the template's by cloning " +
      'it at home and migrating it, since local-lvm is not shared',
    async () => {
      const env = await lab()
      const vmid = env.simulator.state.raw.nextFreeVmid()
      const result = await create(env, { ...WEB, location: 'pve2' })
      expect(result.state, result.error).toBe('succeeded')
      expect(result.lines[0]).toBe(`cloning template 9000 (debian-12-cloudinit) to ${vmid} on pve1 (full clone)`)
      expect(result.lines).toContain(
        `moving qemu/${vmid} from pve1 to pve2: the template's disks are on local-lvm, which only pve1 reaches`,
      )
      expect(result.lines.join('\n')).toMatch(/starting migration of VM \d+ to node 'pve2'/)
      expect(result.lines.at(-1)).toBe(`made VM qemu/${vmid} (web-01) on pve2`)
      expect(env.simulator.state.guest(vmid)).toMatchObject({ node: 'pve2', status: 'running' })
    },
  )

  it('deletes the copy where it is when the migration fails, leaving nothing behind', async () => {
    const env = await lab()
    const vmid = env.simulator.state.raw.nextFreeVmid()
    const before = env.simulator.state.guests.size
    env.simulator.faults.addRule({
      method: 'POST',
      path: /\/migrate$/,
      status: 400,
      message: "storage 'local-lvm' is not available on node 'pve2'",
      times: 1,
    })
    const result = await create(env, { ...WEB, location: 'pve2' })
    expect(result.state).toBe('failed')
    expect(result.error).toMatch(/^migrate failed: storage 'local-lvm' is not available on node 'pve2'/)
    expect(result.lines).toContain(`cleaning up: deleting the half-made qemu/${vmid}`)
    expect(env.simulator.state.guest(vmid)).toBeUndefined()
    expect(env.simulator.state.guests.size).toBe(before)
  })

  it(
    'makes a stopped-until-asked VM from an ISO image: an empty disk, ' +
      'the ISO in its CD-ROM, booting the installer',
    async () => {
      const env = await lab()
      const vmid = env.simulator.state.raw.nextFreeVmid()
      const result = await create(env, {
        name: 'install-01',
        image: ISO,
        location: 'pve2',
        cpu: 2,
        memoryMb: 2048,
        diskGb: 16,
        options: { storage: 'local-lvm', bridge: 'vmbr0' },
      })
      expect(result.state, result.error).toBe('succeeded')
      const config = expectGuest(
        env.simulator,
        vmid,
        { type: 'qemu', node: 'pve2', status: 'running' },
        {
          name: 'install-01',
          cores: '2',
          memory: '2048',
          boot: 'order=scsi0;ide2;net0',
        },
      )
      expect(config.ide2).toBe(`${ISO},media=cdrom`)
      expect(config.scsi0).toMatch(/^local-lvm:vm-\d+-disk-0,size=16G$/)
      expect(config.net0).toMatch(/^virtio=[0-9A-F:]{17},bridge=vmbr0$/)
      // Nothing is installed yet: no SSH answers, unlike a VM cloned from a template.
      expect(env.simulator.state.guestEndpoint(vmid)).toBeUndefined()
      const cloned = await create(env, { ...WEB, name: 'web-ssh' })
      expect(env.simulator.state.guestEndpoint(vmidOf(cloned.last.serverNativeId))).toBeDefined()
    },
  )

  it('refuses a bridge the node does not have, and deletes nothing it did not make', async () => {
    const env = await lab()
    const before = env.simulator.state.guests.size
    const result = await create(env, { ...CT, options: { bridge: 'vmbr7' } })
    expect(result.state).toBe('failed')
    expect(result.error).toMatch(/vmbr7/)
    expect(env.simulator.state.guests.size).toBe(before)
  })

  it('refuses what Proxmox cannot make, naming the field, before anything is made', async () => {
    const env = await lab()
    const before = env.simulator.state.guests.size
    const tasks = env.simulator.state.tasks.length
    const refusals: Array<[Partial<ServerSpec>, string, RegExp]> = [
      [
        { image: 'ubuntu-99' },
        'input.image',
        /no image "ubuntu-99": not a VM template \(templates: 9000 \(debian-12-cloudinit\)\)/,
      ],
      [{ image: 'local:iso/nothing.iso' }, 'input.image', /no ISO image local:iso\/nothing.iso on node pve1/],
      [{ name: 'web_01' }, 'input.name', /host name/],
      [{ location: 'pve9' }, 'input.location', /no node "pve9" in this cluster; one of pve1, pve2/],
      [{ kind: 'CONTAINER' }, 'input.kind', /9000 makes a VM, not a container/],
      [{ diskGb: 1 }, 'input.diskGb', /the template's disk is 2 GB; a copy of it cannot be smaller/],
      [{ options: { colour: 'blue' } }, 'input.options.colour', /not a Proxmox option/],
      [{ password: 'abc' }, 'input.password', /at least 5 characters/],
      [{ sshKey: 'not a key' }, 'input.sshKey', /OpenSSH format/],
      [{ image: ISO }, 'input.password', /installer asks for the password/],
    ]
    for (const [change, field, message] of refusals) {
      const refused = env.provider.createServer!({ ...WEB, ...change }, {}).then((handle) => {
        throw new Error(`${field}: made ${handle.ref}`)
      })
      await expect(refused, field).rejects.toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field } })
      await expect(env.provider.createServer!({ ...WEB, ...change }, {})).rejects.toThrow(message)
    }
    expect(env.simulator.state.guests.size).toBe(before)
    expect(env.simulator.state.tasks.length).toBe(tasks)
  })

  it('asks for another vmid when the one from nextid was taken before the clone landed', async () => {
    const env = await lab()
    const vmid = takeVmidBeforeClone(env.simulator)
    const result = await create(env, WEB)
    expect(result.state).toBe('succeeded')
    expect(result.lines).toContain(`vmid ${vmid} was taken by someone else meanwhile; asking for another`)
  })

  it('follows the VM whose clone answer was lost instead of cloning again', async () => {
    const env = await lab()
    const before = env.simulator.state.guests.size
    env.simulator.faults.holdAnswers({ method: 'POST', path: '/qemu/9000/clone', ms: 20_000, times: 1 })
    const result = await follow(await env.provider.createServer!(WEB, {}))
    expect(result.state).toBe('succeeded')
    expect(result.lines.join('\n')).toMatch(/the answer to the clone was lost, but qemu\/\d+ exists: following it/)
    expect(env.simulator.state.guests.size).toBe(before + 1)
    expect(env.simulator.state.tasks.filter((task) => task.type === 'qmclone')).toHaveLength(1)
  }, 40_000)

  it('waits for a start whose answer was lost to end before ' +
    'deleting the half-made VM, then stops and deletes it', async () => {
    // Tasks take a second, answers time out after 300 ms: the start's answer is lost while its task
    // still runs, and every start asked again is refused, so the create gives up and cleans up.
    const started = await lab({ simulator: { taskDurationMs: 1_000 }, provider: { requestTimeoutMs: 300 } })
    const vmid = started.simulator.state.raw.nextFreeVmid()
    started.simulator.faults.holdAnswers({ method: 'POST', path: `/qemu/${vmid}/status/start`, ms: 2_000, times: 1 })
    const creating = started.provider.createServer!(WEB, {}).then(follow)
    await expect
      .poll(() => started.simulator.state.tasks.some((task) => task.type === 'qmstart' && task.id === String(vmid)), {
        timeout: 20_000,
        interval: 10,
      })
      .toBe(true)
    started.simulator.faults.addRule({
      method: 'POST',
      path: `/qemu/${vmid}/status/start`,
      status: 500,
      message: 'start refused for this test',
      times: 50,
    })
    const result = await creating
    expect(result.state).toBe('failed')
    expect(result.error).toMatch(/^start failed: /)
    expect(result.lines).toContain(`waiting for qmstart on qemu/${vmid} to end before deleting it`)
    expect(result.lines).toContain(`stopping qemu/${vmid}`)
    expect(result.lines).toContain(`deleted the half-made qemu/${vmid}`)
    expect(started.simulator.state.guest(vmid)).toBeUndefined()
  }, 30_000)

  it('stops a half-made VM that started between being looked at and being deleted, then deletes it', async () => {
    const env = await lab()
    const vmid = env.simulator.state.raw.nextFreeVmid()
    failConfigure(env, vmid)
    env.simulator.faults.addRule({
      method: 'DELETE',
      path: `/qemu/${vmid}`,
      status: 500,
      message: `VM ${vmid} is running - destroy failed`,
      times: 1,
    })
    const result = await create(env, WEB)
    expect(result.state).toBe('failed')
    expect(result.lines).toContain(`qemu/${vmid} started meanwhile; stopping it first`)
    expect(result.lines).toContain(`deleted the half-made qemu/${vmid}`)
    expect(env.simulator.state.guest(vmid)).toBeUndefined()
  })

  it('deletes the half-made VM when a step after the clone fails, and says so', async () => {
    const env = await lab()
    const vmid = env.simulator.state.raw.nextFreeVmid()
    failConfigure(env, vmid)
    const result = await create(env, WEB)
    expect(result.state).toBe('failed')
    expect(result.error).toMatch(/^configure failed: unable to parse value of cores/)
    expect(result.lines).toContain(`cleaning up: deleting the half-made qemu/${vmid}`)
    expect(env.simulator.state.guest(vmid)).toBeUndefined()
  })
})

describe('cloneServer on Proxmox', () => {
  it('copies a VM under a new name with other sizes, new MACs, and starts it', async () => {
    const env = await lab()
    const vmid = env.simulator.state.raw.nextFreeVmid()
    const result = await clone(env, 'qemu/101', { name: 'web-copy', cpu: 4, memoryMb: 4096 })
    expect(result.state).toBe('succeeded')
    expect(result.last.serverNativeId).toBe(`qemu/${vmid}`)
    const source = env.simulator.state.guest(101)!
    const copy = env.simulator.state.guest(vmid)!
    expect(copy).toMatchObject({ node: source.node, status: 'running' })
    expect(copy.config).toMatchObject({ name: 'web-copy', cores: '4', memory: '4096' })
    expect(copy.config.net0).not.toBe(source.config.net0)
    expect(result.lines).toContain(`configuring qemu/${vmid}: 4 cores, 4096 MiB`)
    expect(result.lines.at(-1)).toBe(`made VM qemu/${vmid} (web-copy) on ${source.node}, a copy of qemu/101`)
  })

  it('copies a stopped container to another node: cloned at home, then migrated', async () => {
    const env = await lab()
    const stopped = [...env.simulator.state.guests.values()].find(
      (guest) => guest.type === 'lxc' && guest.status === 'stopped',
    )!
    const other = stopped.node === 'pve1' ? 'pve2' : 'pve1'
    const result = await clone(env, `lxc/${stopped.vmid}`, { name: 'ct-moved', location: other, powerOn: false })
    expect(result.state, result.error).toBe('succeeded')
    const copy = env.simulator.state.guest(vmidOf(result.last.serverNativeId))!
    expect(copy).toMatchObject({
      type: 'lxc',
      node: other,
      status: 'stopped',
      config: expect.objectContaining({ hostname: 'ct-moved' }),
    })
    expect(result.lines.join('\n')).toMatch(new RegExp(`moving lxc/\\d+ from ${stopped.node} to ${other}`))
    expect(env.simulator.state.guest(stopped.vmid)!.node).toBe(stopped.node)
  })

  it('copies a running container from one of its snapshots', async () => {
    const env = await lab()
    const running = [...env.simulator.state.guests.values()].find(
      (guest) => guest.type === 'lxc' && guest.status === 'running',
    )!
    const snapshotted = await follow(
      await env.provider.createSnapshot!(`lxc/${running.vmid}`, { name: 'for-copy' }, {}),
    )
    expect(snapshotted.state).toBe('succeeded')
    const result = await clone(env, `lxc/${running.vmid}`, { name: 'ct-from-snap', options: { snapshot: 'for-copy' } })
    expect(result.state, result.error).toBe('succeeded')
    expect(result.lines[0]).toMatch(/\(full clone of snapshot for-copy\)$/)
  })

  it('refuses to copy a running container without a snapshot (CONFLICT), making nothing', async () => {
    const env = await lab()
    const running = [...env.simulator.state.guests.values()].find(
      (guest) => guest.type === 'lxc' && guest.status === 'running',
    )!
    const before = env.simulator.state.guests.size
    await expect(env.provider.cloneServer!(`lxc/${running.vmid}`, { name: 'ct-copy' }, {})).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    expect(env.simulator.state.guests.size).toBe(before)
  })

  it('refuses a name Proxmox would refuse', async () => {
    const env = await lab()
    await expect(env.provider.cloneServer!('qemu/101', { name: 'web copy' }, {})).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { field: 'input.name' },
    })
  })
})

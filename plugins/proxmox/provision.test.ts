import { describe, expect, it, onTestFinished } from 'vitest'
import type { GuestSpec, TaskProgress } from 'hangar/provider-kit'
import { followToEnd } from 'hangar/provider-kit/testing'
import type { ProxmoxLab } from './proxmox-lab.js'
import { expectGuest, labsPerTest, takeVmidBeforeClone } from './proxmox-test-lab.js'

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGf3e3P4rN0bJp3uO4bD1hZ8aX6mQ2p5oLk9wYv7sT1u deploy@hangar'

const VM: GuestSpec = { kind: 'VM', name: 'app-1', cpu: 2, memoryMb: 2048, diskGb: 20, sshPublicKey: KEY }
const CT: GuestSpec = { kind: 'CONTAINER', name: 'app-ct', cpu: 2, memoryMb: 1024, diskGb: 8, sshPublicKey: KEY }

type Lab = ProxmoxLab

const startLab = labsPerTest({ simulator: { taskDurationMs: 100, agentWarmupPolls: 2 } })

/** A simulator and a provider on it; `options` are the plugin options to change. */
const lab = (options: Record<string, unknown> = {}, seed: 'demo' | 'empty' = 'demo') =>
  startLab({ simulator: { seed }, provider: options })

const follow = followToEnd

async function provision({ provider }: Lab, spec: GuestSpec) {
  return follow(await provider.provisionGuest!(spec, {}))
}

describe('provisionGuest on Proxmox', () => {
  it('declares the deploy capabilities', async () => {
    const { provider } = await lab()
    expect(provider.capabilities).toEqual(expect.arrayContaining(['deploy:vm', 'deploy:lxc']))
  })

  it(
    'clones the template into a running VM with the size, ' + 'user, key and agent asked for, and reports its address',
    async () => {
      const env = await lab()
      const vmid = env.simulator.state.raw.nextFreeVmid()
      const result = await provision(env, VM)

      expect(result.state).toBe('succeeded')
      expect(result.last.serverNativeId).toBe(`qemu/${vmid}`)
      expect(result.last.guest).toEqual({
        nativeId: `qemu/${vmid}`,
        location: 'pve1',
        ip: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
        sshPort: 22,
        sshUser: 'deploy',
      })
      expect(result.last.guest!.ip).not.toBe('127.0.0.1')
      const config = expectGuest(
        env.simulator,
        vmid,
        { type: 'qemu', node: 'pve1', status: 'running', lock: undefined },
        {
          name: 'app-1',
          cores: '2',
          memory: '2048',
          ciuser: 'deploy',
          agent: '1',
          ipconfig0: 'ip=dhcp',
        },
      )
      expect(config.sshkeys).toBe(encodeURIComponent(KEY))
      expect(config.scsi0).toMatch(/size=20G/)
      expect(config.template).toBeUndefined()
      expect(result.lines).toEqual(
        expect.arrayContaining([
          'using template 9000 (debian-12-cloudinit) on pve1',
          `cloning template 9000 to ${vmid} on pve1`,
          'growing disk scsi0 to 20 GiB',
          `starting ${vmid}`,
          'waiting for the guest agent to report an address',
          'guest agent: QEMU guest agent is not running',
          `the guest agent reports ${result.last.guest!.ip}`,
        ]),
      )
    },
  )

  it('does not try to shrink a template disk that is already big enough', async () => {
    const env = await lab()
    const vmid = env.simulator.state.raw.nextFreeVmid()
    const result = await provision(env, { ...VM, diskGb: 1 })
    expect(result.state).toBe('succeeded')
    expect(result.lines).toContain('disk scsi0 is already 2 GiB; not resizing (PVE cannot shrink disks)')
    expect(env.simulator.state.guest(vmid)!.config.scsi0).toMatch(/size=2G/)
    expect(env.simulator.state.tasks.some((task) => task.type === 'resize')).toBe(false)
  })

  it('takes the template and node from the options, cloning across nodes', async () => {
    const env = await lab({ vmTemplate: 'debian-12-cloudinit', node: 'pve2', storage: 'local-lvm' })
    const vmid = env.simulator.state.raw.nextFreeVmid()
    const result = await provision(env, VM)
    expect(result.state).toBe('succeeded')
    expect(result.last.guest!.location).toBe('pve2')
    expect(env.simulator.state.guest(vmid)!.node).toBe('pve2')
    expect(result.lines).toContain(`cloning template 9000 to ${vmid} on pve2`)
  })

  it("creates a running container with the key for root and reports eth0's address", async () => {
    const env = await lab()
    const vmid = env.simulator.state.raw.nextFreeVmid()
    const result = await provision(env, CT)

    expect(result.state).toBe('succeeded')
    expect(result.last.guest).toEqual({
      nativeId: `lxc/${vmid}`,
      location: 'pve1',
      ip: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
      sshPort: 22,
      sshUser: 'root',
    })
    const config = expectGuest(
      env.simulator,
      vmid,
      { type: 'lxc', node: 'pve1', status: 'running', lock: undefined },
      {
        hostname: 'app-ct',
        cores: '2',
        memory: '1024',
        swap: '512',
        unprivileged: '1',
        features: 'nesting=1',
      },
    )
    expect(config.rootfs).toMatch(/^local-lvm:.*size=8G/)
    expect(config.net0).toMatch(/name=eth0/)
    expect(config.net0).toMatch(/ip=dhcp/)
    const raw = env.simulator.state.raw.guests.get(vmid) as unknown as { sshPublicKeys?: string }
    expect(raw.sshPublicKeys).toBe(KEY)
    expect(result.lines).toEqual(
      expect.arrayContaining([
        'using container template local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst on pve1',
        `creating container ${vmid} (app-ct) on pve1: 2 cores, 1024 MiB, 8 GiB on local-lvm`,
        'waiting for the container to report an address on eth0',
        `the container reports ${result.last.guest!.ip} on eth0`,
      ]),
    )
  })

  it('takes the guest SSH port from the options', async () => {
    const env = await lab({ guestSshPort: 2222 })
    const result = await provision(env, CT)
    expect(result.last.guest!.sshPort).toBe(2222)
  })

  it('reports a failed clone naming the phase, and leaves no guest behind', async () => {
    const env = await lab()
    const vmid = env.simulator.state.raw.nextFreeVmid()
    env.simulator.faults.failNextTask(
      vmid,
      "can't lock file '/var/lock/pve-manager/pve-storage-local-lvm' - got timeout",
    )
    const result = await provision(env, VM)

    expect(result.state).toBe('failed')
    expect(result.error).toBe(
      "clone failed: can't lock file '/var/lock/pve-manager/pve-storage-local-lvm' - got timeout",
    )
    expect(env.simulator.state.guest(vmid)).toBeUndefined()
    expect(result.lines).toContain(`cleaning up: deleting the half-made qemu/${vmid}`)
  })

  it('deletes the half-made VM when a later phase fails, then reports the failure', async () => {
    const env = await lab()
    const vmid = env.simulator.state.raw.nextFreeVmid()
    env.simulator.faults.addRule({
      method: 'POST',
      path: `/qemu/${vmid}/status/start`,
      status: 500,
      message: 'start failed: QEMU exited with code 1',
    })
    const result = await provision(env, VM)

    expect(result.state).toBe('failed')
    expect(result.error).toBe('start failed: QEMU exited with code 1')
    expect(env.simulator.state.guest(vmid)).toBeUndefined()
    expect(result.lines).toEqual(
      expect.arrayContaining([
        `cleaning up: deleting the half-made qemu/${vmid}`,
        `deleting qemu/${vmid}`,
        `deleted the half-made qemu/${vmid}`,
      ]),
    )
    expect(env.simulator.state.tasks.some((task) => task.type === 'qmdestroy' && task.id === String(vmid))).toBe(true)
  })

  it('stops and deletes a container that gets no address in time', async () => {
    const env = await lab({ addressTimeoutMs: 600 })
    const vmid = env.simulator.state.raw.nextFreeVmid()
    env.simulator.faults.addRule({
      method: 'GET',
      path: `/lxc/${vmid}/interfaces`,
      status: 500,
      message: `CT ${vmid} not running`,
    })
    const result = await provision(env, CT)

    expect(result.state).toBe('failed')
    expect(result.error).toBe(`no address from container ${vmid} within 1 s (last answer: CT ${vmid} not running)`)
    expect(env.simulator.state.guest(vmid)).toBeUndefined()
    expect(result.lines).toEqual(expect.arrayContaining([`stopping lxc/${vmid}`, `deleted the half-made lxc/${vmid}`]))
  })

  it('waits out a lock on the template before cloning', async () => {
    const env = await lab()
    env.simulator.faults.setLock(9000, 'backup')
    const unlock = setTimeout(() => env.simulator.faults.setLock(9000, null), 1_500)
    onTestFinished(() => clearTimeout(unlock))
    const result = await provision(env, VM)

    expect(result.state).toBe('succeeded')
    expect(result.lines).toContain('waiting for template 9000 to be unlocked (backup)')
  })

  it('fails clearly, making nothing, when the template does not exist', async () => {
    const env = await lab({ vmTemplate: 'no-such-template' })
    const before = env.simulator.state.guests.size
    const result = await provision(env, VM)

    expect(result.state).toBe('failed')
    expect(result.error).toBe("no VM template 'no-such-template' to clone (templates: 9000 (debian-12-cloudinit))")
    expect(env.simulator.state.guests.size).toBe(before)
  })

  it('fails clearly when no node has a container template', async () => {
    const env = await lab({}, 'empty')
    const result = await provision(env, CT)
    expect(result.state).toBe('failed')
    expect(result.error).toBe(
      'no container template (vztmpl) on the storages of pve1 (download one, or set the lxcTemplate option)',
    )
  })

  it("looks for the guest before cloning again when the clone's answer is lost", async () => {
    const env = await lab()
    const vmid = env.simulator.state.raw.nextFreeVmid()
    const before = env.simulator.state.guests.size
    env.simulator.faults.addRule({
      method: 'POST',
      path: '/qemu/9000/clone',
      status: 596,
      message: 'Broken pipe',
      times: 1,
    })
    const result = await provision(env, VM)

    expect(result.state).toBe('succeeded')
    expect(result.lines).toContain(`the answer to the clone was lost and there is no guest ${vmid}: trying again`)
    expect(env.simulator.state.guests.size).toBe(before + 1)
    expect(env.simulator.state.tasks.filter((task) => task.type === 'qmclone')).toHaveLength(1)
  })

  it('asks for another vmid when the one from nextid was taken before the clone landed', async () => {
    const env = await lab()
    const vmid = takeVmidBeforeClone(env.simulator)
    const result = await provision(env, VM)

    expect(result.state).toBe('succeeded')
    expect(result.lines).toContain(`vmid ${vmid} was taken by someone else meanwhile; asking for another`)
  })

  it('deletes the half-made guest when a provisioning is resumed after a restart', async () => {
    const env = await lab()
    const handle = await env.provider.provisionGuest!(VM, {})
    let progress: TaskProgress | undefined
    for (let i = 0; i < 200 && !progress?.serverNativeId; i++) {
      progress = await handle.poll({})
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const vmid = Number(progress!.serverNativeId!.split('/')[1])
    expect(env.simulator.state.guest(vmid)).toBeDefined()

    const result = await follow(env.provider.resumeTask!(handle.ref))
    expect(result.state).toBe('failed')
    expect(result.error).toBe(`the half-made guest qemu/${vmid} was removed`)
    expect(env.simulator.state.guest(vmid)).toBeUndefined()
  })

  /** Polls a fresh provisioning until its ref names the vmid its clone is about to be sent for. */
  async function untilCloneIsNext(env: Lab) {
    const handle = await env.provider.provisionGuest!(VM, {})
    for (let i = 0; i < 200 && !handle.ref.includes('intent:'); i++) await handle.poll({})
    expect(handle.ref).toMatch(/^provision:intent:qemu\/\d+@pve\d:app-1$/)
    return { handle, vmid: Number(/qemu\/(\d+)/.exec(handle.ref)![1]) }
  }

  it(
    'names the vmid in its ref before the clone is sent, ' + 'and finds the guest whose clone answer was never read',
    async () => {
      const env = await lab()
      const { handle, vmid } = await untilCloneIsNext(env)
      const ref = handle.ref
      // The gateway dies with the clone on its way: PVE carries it out, and its answer is never read.
      env.simulator.faults.holdAnswers({ method: 'POST', path: '/clone', ms: 3_000, times: 1 })
      const gatewayDies = new AbortController()
      const inFlight = handle.poll({ signal: gatewayDies.signal }).catch(() => undefined)
      for (let i = 0; i < 200 && !env.simulator.state.guest(vmid); i++)
        await new Promise((resolve) => setTimeout(resolve, 10))
      gatewayDies.abort()
      await inFlight
      expect(env.simulator.state.guest(vmid)?.config.name).toBe('app-1')

      const result = await follow(env.provider.resumeTask!(ref))
      expect(result.state).toBe('failed')
      expect(result.error).toBe(`the half-made guest qemu/${vmid} was removed`)
      expect(env.simulator.state.guest(vmid)).toBeUndefined()
    },
  )

  it('says nothing was left behind when the clone it was about to send never arrived', async () => {
    const env = await lab()
    const { handle, vmid } = await untilCloneIsNext(env)
    const before = env.simulator.state.guests.size
    const result = await follow(env.provider.resumeTask!(handle.ref))
    expect(result.error).toBe(`its create of qemu/${vmid} had not made a guest, so nothing was left behind`)
    expect(env.simulator.state.guests.size).toBe(before)
  })

  it('leaves alone a guest that took the vmid under another name', async () => {
    const env = await lab()
    const { handle, vmid } = await untilCloneIsNext(env)
    // Someone else's clone lands on the vmid first.
    const other = await env.provider.provisionGuest!({ ...VM, name: 'someone-else' }, {})
    await follow(other)
    expect(env.simulator.state.guest(vmid)?.config.name).toBe('someone-else')
    const result = await follow(env.provider.resumeTask!(handle.ref))
    expect(result.error).toBe(
      `qemu/${vmid} belongs to someone else (it is named 'someone-else'), so its create had not made a guest`,
    )
    expect(env.simulator.state.guest(vmid)?.config.name).toBe('someone-else')
  })

  it('refuses a spec Proxmox would refuse before making anything', async () => {
    const { provider } = await lab()
    await expect(provider.provisionGuest!({ ...VM, name: 'not a hostname' }, {})).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    })
    await expect(provider.provisionGuest!({ ...VM, sshPublicKey: 'nope' }, {})).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    })
  })
})

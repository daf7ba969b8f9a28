import { describe, expect, it } from 'vitest'
import { configOf, labForFile, resourceOf, startLab } from './http-test-client.js'
import { demoSeed } from './seed.js'

const lab = labForFile()

const config = (node: string, vmid: number) => configOf(lab, node, 'qemu', vmid)

describe('POST /nodes/{node}/qemu', () => {
  it(
    'creates a VM with new disks, a cloud-init drive and a generated MAC, ' +
      'locked `create` while the qmcreate task runs',
    async () => {
      const sshkeys = encodeURIComponent('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHangarTestKey deploy@gw\n')
      const created = await lab.client.call('POST', '/nodes/pve1/qemu', {
        vmid: '300',
        name: 'app-300',
        cores: '2',
        sockets: '1',
        memory: '2048',
        ostype: 'l26',
        cpu: 'host',
        agent: '1',
        scsihw: 'virtio-scsi-single',
        scsi0: 'local-lvm:20,iothread=1',
        scsi1: 'local-lvm:cloudinit',
        net0: 'virtio,bridge=vmbr0,firewall=1',
        boot: 'order=scsi0;net0',
        ciuser: 'deploy',
        cipassword: 's3cret-Pass',
        sshkeys,
        ipconfig0: 'ip=dhcp',
      })
      expect(created.status).toBe(200)
      const upid = created.body.data
      expect(String(upid)).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:qmcreate:300:[^:]+:$/)
      const during = (await lab.client.call('GET', '/nodes/pve1/qemu/300/status/current')).body.data as Record<
        string,
        unknown
      >
      expect(during).toMatchObject({ status: 'stopped', lock: 'create' })
      expect((await resourceOf(lab, 300))?.lock).toBe('create')
      const refused = await lab.client.call('POST', '/nodes/pve1/qemu/300/status/start')
      expect([refused.status, refused.reason]).toEqual([500, 'VM is locked (create)'])

      expect((await lab.client.waitTask(upid)).exitstatus).toBe('OK')
      const log = await lab.client.taskLog(upid)
      expect(log).toContain('  Logical volume "vm-300-disk-0" created.')
      expect(log).toContain('  Logical volume "vm-300-cloudinit" created.')
      expect(log.join('\n')).not.toContain('s3cret-Pass')
      const stored = await config('pve1', 300)
      expect(stored).toMatchObject({
        name: 'app-300',
        cores: 2,
        memory: '2048',
        agent: '1',
        cpu: 'host',
        ciuser: 'deploy',
        cipassword: '**********',
        sshkeys,
        scsi0: 'local-lvm:vm-300-disk-0,iothread=1,size=20G',
        scsi1: 'local-lvm:vm-300-cloudinit,media=cdrom',
        ipconfig0: 'ip=dhcp',
      })
      expect(stored.lock).toBeUndefined()
      expect(String(stored.net0)).toMatch(
        /^virtio=BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2},bridge=vmbr0,firewall=1$/,
      )
      expect(String(stored.smbios1)).toMatch(/^uuid=/)
      expect(await resourceOf(lab, 300)).toMatchObject({
        id: 'qemu/300',
        node: 'pve1',
        status: 'stopped',
        name: 'app-300',
        maxdisk: 20 * 1024 ** 3,
      })
      expect((await resourceOf(lab, 300))?.lock).toBeUndefined()
    },
  )

  it('lets the rest of the API work on the new VM: resize, snapshot, start, destroy', async () => {
    const resized = await lab.client.call('PUT', '/nodes/pve1/qemu/300/resize', { disk: 'scsi0', size: '+5G' })
    expect((await lab.client.waitTask(resized.body.data)).exitstatus).toBe('OK')
    expect((await config('pve1', 300)).scsi0).toBe('local-lvm:vm-300-disk-0,iothread=1,size=25G')
    const snap = await lab.client.call('POST', '/nodes/pve1/qemu/300/snapshot', { snapname: 'fresh' })
    expect((await lab.client.waitTask(snap.body.data)).exitstatus).toBe('OK')
    const started = await lab.client.call('POST', '/nodes/pve1/qemu/300/status/start')
    expect((await lab.client.waitTask(started.body.data)).exitstatus).toBe('OK')
    expect((await resourceOf(lab, 300))?.status).toBe('running')
    const stopped = await lab.client.call('POST', '/nodes/pve1/qemu/300/status/stop')
    await lab.client.waitTask(stopped.body.data)
    const destroyed = await lab.client.call('DELETE', '/nodes/pve1/qemu/300')
    expect((await lab.client.waitTask(destroyed.body.data)).exitstatus).toBe('OK')
    expect(await resourceOf(lab, 300)).toBeUndefined()
  })

  it('starts the VM after the create with start=1; its agent answers once an OS disk was imported', async () => {
    const seed = demoSeed()
    const image = {
      node: 'pve2',
      storage: 'local',
      volid: 'local:import/debian-12-genericcloud-amd64.qcow2',
      content: 'images' as const,
      format: 'qcow2',
      size: 2 * 1024 ** 3 + 12_345,
    }
    const own = await startLab({ seed: { ...seed, volumes: [...(seed.volumes ?? []), image] } })
    try {
      const iso = await own.client.call('POST', '/nodes/pve2/qemu', {
        vmid: '301',
        scsi0: 'local-lvm:0,import-from=local:iso/debian-12.8.0-amd64-netinst.iso',
      })
      expect(iso.body.errors).toEqual({ scsi0: "content type needs to be 'images' or 'import'" })
      const created = await own.client.call('POST', '/nodes/pve2/qemu', {
        vmid: '301',
        name: 'imported-301',
        agent: '1',
        memory: '1024',
        start: '1',
        scsi0: `local-lvm:0,import-from=${image.volid}`,
        net0: 'virtio,bridge=vmbr0',
      })
      expect((await own.client.waitTask(created.body.data)).exitstatus).toBe('OK')
      expect(await own.client.taskLog(created.body.data)).toContain('Execute autostart')
      const stored = (await own.client.call('GET', '/nodes/pve2/qemu/301/config')).body.data as Record<string, unknown>
      expect(stored.scsi0).toBe('local-lvm:vm-301-disk-0,size=3G')
      expect((await resourceOf(own, 301))?.status).toBe('running')
      const warmup = await own.client.call('POST', '/nodes/pve2/qemu/301/agent/ping')
      expect(warmup.reason).toBe('QEMU guest agent is not running')
      expect((await own.client.call('POST', '/nodes/pve2/qemu/301/agent/ping')).status).toBe(200)
    } finally {
      await own.close()
    }
  })

  it('boots a VM from an installer ISO with an empty disk: running, but no guest agent ever answers', async () => {
    const created = await lab.client.call('POST', '/nodes/pve1/qemu', {
      vmid: '302',
      name: 'installer-302',
      agent: '1',
      start: '1',
      scsi0: 'local-lvm:16',
      ide2: 'local:iso/debian-12.8.0-amd64-netinst.iso,media=cdrom',
      net0: 'e1000,bridge=vmbr1',
      boot: 'order=ide2;scsi0',
    })
    expect((await lab.client.waitTask(created.body.data)).exitstatus).toBe('OK')
    expect(await config('pve1', 302)).toMatchObject({
      ide2: 'local:iso/debian-12.8.0-amd64-netinst.iso,media=cdrom',
      scsi0: 'local-lvm:vm-302-disk-0,size=16G',
    })
    expect(String((await config('pve1', 302)).net0)).toMatch(/^e1000=BC:24:11:.*,bridge=vmbr1$/)
    for (let i = 0; i < 4; i++) {
      const ping = await lab.client.call('POST', '/nodes/pve1/qemu/302/agent/ping')
      expect([ping.status, ping.reason]).toEqual([500, 'QEMU guest agent is not running'])
    }
  })

  it('has no agent without agent=1, and takes cdrom= as ide2', async () => {
    const created = await lab.client.call('POST', '/nodes/pve1/qemu', {
      vmid: '303',
      scsi0: 'local-lvm:1',
      start: '1',
      cdrom: 'local:iso/debian-12.8.0-amd64-netinst.iso',
    })
    expect((await lab.client.waitTask(created.body.data)).exitstatus).toBe('OK')
    expect(await config('pve1', 303)).toMatchObject({
      name: 'VM303',
      ide2: 'local:iso/debian-12.8.0-amd64-netinst.iso,media=cdrom',
    })
    expect((await lab.client.call('POST', '/nodes/pve1/qemu/303/agent/ping')).reason).toBe(
      'No QEMU guest agent configured',
    )
  })

  it("refuses a taken vmid with PVE's 'unable to create VM' 500", async () => {
    const taken = await lab.client.call('POST', '/nodes/pve1/qemu', { vmid: '104', scsi0: 'local-lvm:8' })
    expect([taken.status, taken.reason]).toEqual([
      500,
      "unable to create VM 104 - VM 104 already exists on node 'pve2'",
    ])
  })

  it('answers 400 with errors per parameter for schema violations', async () => {
    const missing = await lab.client.call('POST', '/nodes/pve1/qemu', { name: 'no-id' })
    expect(missing.status).toBe(400)
    expect(missing.body.errors).toMatchObject({ vmid: 'property is missing and it is not optional' })
    const bad = await lab.client.call('POST', '/nodes/pve1/qemu', {
      vmid: '99',
      cores: 'two',
      net0: 'virtio,bridge=vmbr0,speed=fast',
      sshkeys: 'ssh-ed25519 AAAA',
    })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.errors ?? {}).sort()).toEqual(['cores', 'net0', 'sshkeys', 'vmid'])
    const iso = await lab.client.call('POST', '/nodes/pve1/qemu', {
      vmid: '304',
      ide2: 'local:iso/debian-12.8.0-amd64-netinst.iso',
    })
    expect(iso.status).toBe(400)
    expect(iso.body.errors).toEqual({ ide2: "explicit 'media=cdrom' is required for iso images" })
    const noImages = await lab.client.call('POST', '/nodes/pve1/qemu', { vmid: '304', scsi0: 'local:8' })
    expect(noImages.body.errors).toEqual({ storage: "storage 'local' does not support vm images" })
  })

  it('refuses an unknown bridge or storage with a 500 before anything is created', async () => {
    const bridge = await lab.client.call('POST', '/nodes/pve2/qemu', { vmid: '305', net0: 'virtio,bridge=vmbr1' })
    expect([bridge.status, bridge.reason]).toEqual([500, "bridge 'vmbr1' does not exist"])
    const storage = await lab.client.call('POST', '/nodes/pve2/qemu', { vmid: '305', scsi0: 'nope:8' })
    expect([storage.status, storage.reason]).toEqual([500, "storage 'nope' does not exist"])
    expect(await resourceOf(lab, 305)).toBeUndefined()
  })

  it('fails the task when the ISO is not on the node, and removes the half-made VM', async () => {
    const created = await lab.client.call('POST', '/nodes/pve1/qemu', {
      vmid: '306',
      scsi0: 'local-lvm:8',
      ide2: 'local:iso/missing.iso,media=cdrom',
    })
    expect(created.status).toBe(200)
    const end = await lab.client.waitTask(created.body.data)
    expect(end.exitstatus).toBe('unable to create VM 306 - volume local:iso/missing.iso does not exist')
    expect(await resourceOf(lab, 306)).toBeUndefined()
  })

  it('removes the VM when a fault fails the create task', async () => {
    lab.sim.faults.failNextTask(307, "can't lock file '/var/lock/pve-manager/pve-storage-local-lvm' - got timeout")
    const created = await lab.client.call('POST', '/nodes/pve1/qemu', { vmid: '307', scsi0: 'local-lvm:8' })
    expect((await lab.client.waitTask(created.body.data)).exitstatus).toMatch(/got timeout/)
    expect(await resourceOf(lab, 307)).toBeUndefined()
  })
})

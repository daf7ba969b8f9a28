import { describe, expect, it } from 'vitest'
import { configOf, labForFile, resourceOf } from './http-test-client.js'
import { demoSeed } from './seed.js'
import type { SimulatorSeed } from './seed.js'

const GiB = 1024 ** 3

/** The demo cluster plus a CT template (8000) and a CT (210) on storage shared by both nodes. */
function seed(): SimulatorSeed {
  const demo = demoSeed()
  const ct = (
    vmid: number,
    rootfs: string,
    extra: Record<string, string> = {},
  ): NonNullable<SimulatorSeed['guests']>[number] => ({
    vmid,
    node: 'pve1',
    type: 'lxc',
    status: 'stopped',
    config: {
      arch: 'amd64',
      hostname: `ct-${vmid}`,
      cores: '1',
      memory: '512',
      swap: '512',
      ostype: 'debian',
      rootfs,
      net0: `name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:${vmid % 100}:01,ip=dhcp,type=veth`,
      ...extra,
    },
  })
  return {
    ...demo,
    storages: [
      { storage: 'local', type: 'dir', content: ['iso', 'vztmpl', 'backup', 'snippets'], total: 100 * GiB },
      { storage: 'local-lvm', type: 'lvmthin', content: ['images', 'rootdir'], total: 800 * GiB },
      { storage: 'shared-nfs', type: 'nfs', content: ['images', 'rootdir'], shared: true, total: 2000 * GiB },
    ],
    guests: [
      ...(demo.guests ?? []),
      ct(8000, 'local-lvm:base-8000-disk-0,size=4G', { template: '1' }),
      ct(210, 'shared-nfs:210/vm-210-disk-0.raw,size=8G'),
    ],
  }
}

const lab = labForFile({ seed: seed() })

const config = (node: string, vmid: number) => configOf(lab, node, 'lxc', vmid)

describe('POST /nodes/{node}/lxc/{vmid}/clone', () => {
  it(
    'full-clones a stopped CT: new hostname, MAC and disk, ' +
      '`create` on the clone and `disk` on the source while vzclone runs',
    async () => {
      const sourceMac = String((await config('pve2', 203)).net0)
      const cloned = await lab.client.call('POST', '/nodes/pve2/lxc/203/clone', {
        newid: '400',
        hostname: 'backup-copy',
        description: 'copied',
      })
      expect(cloned.status).toBe(200)
      expect(String(cloned.body.data)).toMatch(/^UPID:pve2:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:vzclone:203:[^:]+:$/)
      expect((await resourceOf(lab, 400))?.lock).toBe('create')
      expect((await resourceOf(lab, 203))?.lock).toBe('disk')
      const busy = await lab.client.call('POST', '/nodes/pve2/lxc/400/status/start')
      expect([busy.status, busy.reason]).toEqual([500, 'CT is locked (create)'])

      expect((await lab.client.waitTask(cloned.body.data)).exitstatus).toBe('OK')
      expect(await lab.client.taskLog(cloned.body.data)).toEqual(
        expect.arrayContaining([
          'creating a clone of container 203 with ID 400',
          'create full clone of mountpoint rootfs (local-lvm:vm-203-disk-0)',
          '  Logical volume "vm-400-disk-0" created.',
          'TASK OK',
        ]),
      )
      const copy = await config('pve2', 400)
      expect(copy).toMatchObject({
        hostname: 'backup-copy',
        description: 'copied',
        rootfs: 'local-lvm:vm-400-disk-0,size=16G',
        memory: 1024,
      })
      expect(copy.lock).toBeUndefined()
      expect(String(copy.net0)).toMatch(/hwaddr=BC:24:11:/)
      expect(String(copy.net0).match(/hwaddr=([^,]+)/)?.[1]).not.toBe(sourceMac.match(/hwaddr=([^,]+)/)?.[1])
      expect(await resourceOf(lab, 400)).toMatchObject({
        type: 'lxc',
        node: 'pve2',
        status: 'stopped',
        name: 'backup-copy',
      })
      expect((await resourceOf(lab, 203))?.lock).toBeUndefined()
    },
  )

  it('refuses a full clone of a running CT unless it is made from a snapshot', async () => {
    const refused = await lab.client.call('POST', '/nodes/pve1/lxc/200/clone', { newid: '401' })
    expect([refused.status, refused.reason]).toEqual([
      500,
      'Full clone of a running container is only possible from a snapshot',
    ])
    expect(await resourceOf(lab, 401)).toBeUndefined()
    expect((await resourceOf(lab, 200))?.lock).toBeUndefined()
    const snap = await lab.client.call('POST', '/nodes/pve1/lxc/200/snapshot', { snapname: 'before-clone' })
    await lab.client.waitTask(snap.body.data)
    const unknown = await lab.client.call('POST', '/nodes/pve1/lxc/200/clone', { newid: '401', snapname: 'nope' })
    expect(unknown.reason).toBe("snapshot 'nope' does not exist")
    const cloned = await lab.client.call('POST', '/nodes/pve1/lxc/200/clone', {
      newid: '401',
      snapname: 'before-clone',
      hostname: 'proxy-02',
    })
    expect((await lab.client.waitTask(cloned.body.data)).exitstatus).toBe('OK')
    expect(await config('pve1', 401)).toMatchObject({ hostname: 'proxy-02', rootfs: 'local-lvm:vm-401-disk-0,size=8G' })
  })

  it('links a clone to a template only, and takes no storage for it', async () => {
    const notTemplate = await lab.client.call('POST', '/nodes/pve2/lxc/204/clone', { newid: '402', full: '0' })
    expect([notTemplate.status, notTemplate.reason]).toEqual([
      500,
      "Linked clone feature for 'local-lvm:vm-204-disk-0' is not available",
    ])
    const withStorage = await lab.client.call('POST', '/nodes/pve1/lxc/8000/clone', {
      newid: '402',
      storage: 'local-lvm',
      full: '0',
    })
    expect(withStorage.reason).toBe("parameter 'storage' not allowed for linked clones")
    const linked = await lab.client.call('POST', '/nodes/pve1/lxc/8000/clone', {
      newid: '402',
      hostname: 'from-template',
    })
    expect((await lab.client.waitTask(linked.body.data)).exitstatus).toBe('OK')
    expect(await lab.client.taskLog(linked.body.data)).toContain(
      'create linked clone of mount point rootfs (local-lvm:base-8000-disk-0)',
    )
    const copy = await config('pve1', 402)
    expect(copy.rootfs).toBe('local-lvm:base-8000-disk-0/vm-402-disk-0,size=4G')
    expect(copy.template).toBeUndefined()
  })

  it('clones to another node only from shared storage, and the clone moves there when the task ends', async () => {
    const local = await lab.client.call('POST', '/nodes/pve2/lxc/204/clone', { newid: '403', target: 'pve1' })
    expect(local.reason).toBe("can't clone CT to node 'pve1' (CT uses local storage)")
    const nonShared = await lab.client.call('POST', '/nodes/pve2/lxc/204/clone', {
      newid: '403',
      target: 'pve1',
      storage: 'local-lvm',
    })
    expect(nonShared.reason).toBe("can't clone to non-shared storage 'local-lvm'")
    const cloned = await lab.client.call('POST', '/nodes/pve1/lxc/210/clone', { newid: '403', target: 'pve2' })
    expect((await resourceOf(lab, 403))?.node).toBe('pve1')
    expect((await lab.client.waitTask(cloned.body.data)).exitstatus).toBe('OK')
    expect(await resourceOf(lab, 403)).toMatchObject({ node: 'pve2', status: 'stopped' })
    expect(String((await config('pve2', 403)).rootfs)).toMatch(/^shared-nfs:(?:403\/)?vm-403-disk-0\.raw,size=8G$/)
  })

  it('refuses a taken newid and a locked source with 500s', async () => {
    const taken = await lab.client.call('POST', '/nodes/pve2/lxc/204/clone', { newid: '201' })
    expect([taken.status, taken.reason]).toEqual([500, "CT 201 already exists on node 'pve1'"])
    const first = await lab.client.call('POST', '/nodes/pve2/lxc/204/clone', { newid: '404' })
    const second = await lab.client.call('POST', '/nodes/pve2/lxc/204/clone', { newid: '405' })
    expect([second.status, second.reason]).toEqual([500, 'CT is locked (disk)'])
    await lab.client.waitTask(first.body.data)
  })

  it('answers 400 with errors per parameter for schema violations', async () => {
    const bad = await lab.client.call('POST', '/nodes/pve2/lxc/204/clone', { hostname: 'not_a host', full: 'yes' })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.errors ?? {}).sort()).toEqual(['full', 'hostname', 'newid'])
  })

  it('removes the clone and unlocks the source when the task fails', async () => {
    lab.sim.faults.failNextTask(406, "can't lock file '/var/lock/pve-manager/pve-storage-local-lvm' - got timeout")
    const cloned = await lab.client.call('POST', '/nodes/pve2/lxc/204/clone', { newid: '406' })
    const end = await lab.client.waitTask(cloned.body.data)
    expect(end.exitstatus).toBe(
      "clone failed: can't lock file '/var/lock/pve-manager/pve-storage-local-lvm' - got timeout",
    )
    expect(await resourceOf(lab, 406)).toBeUndefined()
    expect((await resourceOf(lab, 204))?.lock).toBeUndefined()
  })
})

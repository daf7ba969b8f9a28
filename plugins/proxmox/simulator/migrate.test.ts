import { describe, expect, it } from 'vitest'
import { labForFile, resourceOf } from './http-test-client.js'

const lab = labForFile()

/** The log without PVE::AbstractMigrate's `YYYY-MM-DD HH:MM:SS ` prefix. */
async function migrationLog(upid: unknown): Promise<string[]> {
  return (await lab.client.taskLog(upid)).map((line) => line.replace(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} /, ''))
}

describe('POST /nodes/{node}/qemu/{vmid}/migrate', () => {
  it('moves a stopped VM and its local disks to the target, holding `lock: migrate` while qmigrate runs', async () => {
    const moved = await lab.client.call('POST', '/nodes/pve1/qemu/103/migrate', { target: 'pve2' })
    expect(moved.status).toBe(200)
    expect(String(moved.body.data)).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:qmigrate:103:[^:]+:$/)
    expect(await resourceOf(lab, 103)).toMatchObject({ node: 'pve1', lock: 'migrate' })
    const busy = await lab.client.call('POST', '/nodes/pve1/qemu/103/status/start')
    expect([busy.status, busy.reason]).toEqual([500, 'VM is locked (migrate)'])

    expect((await lab.client.waitTask(moved.body.data)).exitstatus).toBe('OK')
    const log = await migrationLog(moved.body.data)
    expect(log[0]).toBe("starting migration of VM 103 to node 'pve2' (10.0.0.12)")
    expect(log).toEqual(
      expect.arrayContaining([
        "found local disk 'local-lvm:vm-103-disk-0' (attached)",
        'copying local disk images',
        "volume 'local-lvm:vm-103-disk-0' is 'local-lvm:vm-103-disk-0' on the target",
      ]),
    )
    expect(log.at(-2)).toMatch(/^migration finished successfully \(duration \d\d:\d\d:\d\d\)$/)
    expect(log.at(-1)).toBe('TASK OK')
    const resource = await resourceOf(lab, 103)
    expect(resource).toMatchObject({ node: 'pve2', status: 'stopped' })
    expect(resource?.lock).toBeUndefined()
    expect((await lab.client.call('GET', '/nodes/pve2/qemu/103/config')).status).toBe(200)
    const gone = await lab.client.call('GET', '/nodes/pve1/qemu/103/config')
    expect(gone.reason).toBe("Configuration file 'nodes/pve1/qemu-server/103.conf' does not exist")
  })

  it(
    'refuses a running VM without online=1, ' + 'and a live migration with local disks without with-local-disks',
    async () => {
      const offline = await lab.client.call('POST', '/nodes/pve1/qemu/101/migrate', { target: 'pve2' })
      expect([offline.status, offline.reason]).toEqual([500, "can't migrate running VM without --online"])
      const noDisks = await lab.client.call('POST', '/nodes/pve1/qemu/101/migrate', { target: 'pve2', online: '1' })
      expect((await lab.client.waitTask(noDisks.body.data)).exitstatus).toBe('migration aborted')
      const log = await migrationLog(noDisks.body.data)
      expect(log).toContain(
        "can't migrate local disk 'local-lvm:vm-101-disk-0': can't live " +
          'migrate attached local disks without with-local-disks option',
      )
      expect(log).toContain("ERROR: migration aborted (duration 00:00:01): can't migrate VM - check log")
      expect(await resourceOf(lab, 101)).toMatchObject({ node: 'pve1', status: 'running' })
      expect((await resourceOf(lab, 101))?.lock).toBeUndefined()
    },
  )

  it('live-migrates a running VM with with-local-disks: it keeps running, now on the target', async () => {
    const live = await lab.client.call('POST', '/nodes/pve1/qemu/101/migrate', {
      target: 'pve2',
      online: '1',
      'with-local-disks': '1',
    })
    expect((await lab.client.waitTask(live.body.data)).exitstatus).toBe('OK')
    expect(await migrationLog(live.body.data)).toContain(
      'starting online/live migration on unix:/run/qemu-server/101.migrate',
    )
    expect(await resourceOf(lab, 101)).toMatchObject({ node: 'pve2', status: 'running' })
    expect((await lab.client.call('POST', '/nodes/pve2/qemu/101/agent/ping')).status).toBe(200)
  })

  it('checks the target before the fork: another node, known, with the target storage', async () => {
    const missing = await lab.client.call('POST', '/nodes/pve2/qemu/105/migrate', {})
    expect(missing.status).toBe(400)
    expect(missing.body.errors).toEqual({ target: 'property is missing and it is not optional' })
    const local = await lab.client.call('POST', '/nodes/pve2/qemu/105/migrate', { target: 'pve2' })
    expect([local.status, local.body.errors]).toEqual([400, { target: 'target is local node.' }])
    const bad = await lab.client.call('POST', '/nodes/pve2/qemu/105/migrate', { target: 'pve1', online: 'maybe' })
    expect(bad.body.errors).toEqual({ online: "type check ('boolean') failed - got 'maybe'" })
    const unknown = await lab.client.call('POST', '/nodes/pve2/qemu/105/migrate', { target: 'pve9' })
    expect([unknown.status, unknown.reason]).toEqual([500, "no such cluster node 'pve9'"])
    const storage = await lab.client.call('POST', '/nodes/pve2/qemu/105/migrate', {
      target: 'pve1',
      targetstorage: 'fast-ssd',
    })
    expect([storage.status, storage.reason]).toEqual([500, "storage 'fast-ssd' is not available on node 'pve1'"])
  })

  it(
    'fails in the task when the target node is offline, ' + 'and cannot reach a guest on an offline node at all',
    async () => {
      lab.sim.faults.setNodeOnline('pve1', false)
      const toOffline = await lab.client.call('POST', '/nodes/pve2/qemu/105/migrate', { target: 'pve1' })
      expect((await lab.client.waitTask(toOffline.body.data)).exitstatus).toBe('migration aborted')
      expect(await migrationLog(toOffline.body.data)).toContain(
        "ERROR: migration aborted (duration 00:00:01): Can't connect to destination address using public key",
      )
      expect((await resourceOf(lab, 105))?.node).toBe('pve2')
      const fromOffline = await lab.client.call('POST', '/nodes/pve1/qemu/100/migrate', { target: 'pve2', online: '1' })
      expect(fromOffline.status).toBe(595)
    },
  )

  it('aborts for a local ISO in a drive and for a linked clone on local storage', async () => {
    expect(
      (
        await lab.client.call('PUT', '/nodes/pve2/qemu/105/config', {
          ide2: 'local:iso/debian-12.8.0-amd64-netinst.iso,media=cdrom',
        })
      ).status,
    ).toBe(200)
    const iso = await lab.client.call('POST', '/nodes/pve2/qemu/105/migrate', { target: 'pve1' })
    expect((await lab.client.waitTask(iso.body.data)).exitstatus).toBe('migration aborted')
    expect(await migrationLog(iso.body.data)).toContain(
      "can't migrate local disk 'local:iso/debian-12.8.0-amd64-netinst.iso': local cdrom image",
    )

    const linked = await lab.client.call('POST', '/nodes/pve1/qemu/9000/clone', { newid: '410', full: '0' })
    await lab.client.waitTask(linked.body.data)
    const clone = await lab.client.call('POST', '/nodes/pve1/qemu/410/migrate', { target: 'pve2' })
    expect((await lab.client.waitTask(clone.body.data)).exitstatus).toBe('migration aborted')
    expect(await migrationLog(clone.body.data)).toContain(
      "can't migrate 'local-lvm:base-9000-disk-0/vm-410-disk-0' as it's a clone of 'base-9000-disk-0'",
    )
    expect((await resourceOf(lab, 410))?.node).toBe('pve1')
  })

  it('refuses a second migration while the first holds the lock', async () => {
    const first = await lab.client.call('POST', '/nodes/pve2/qemu/106/migrate', { target: 'pve1' })
    const second = await lab.client.call('POST', '/nodes/pve2/qemu/106/migrate', { target: 'pve1' })
    expect([second.status, second.reason]).toEqual([500, 'VM is locked (migrate)'])
    expect((await lab.client.waitTask(first.body.data)).exitstatus).toBe('OK')
    expect((await resourceOf(lab, 106))?.node).toBe('pve1')
  })
})

describe('POST /nodes/{node}/lxc/{vmid}/migrate', () => {
  it('refuses a running CT without restart=1, and fails a live migration inside the task as PVE does', async () => {
    const refused = await lab.client.call('POST', '/nodes/pve2/lxc/202/migrate', { target: 'pve1' })
    expect([refused.status, refused.reason]).toEqual([
      500,
      "can't migrate running container without --online or --restart",
    ])
    const online = await lab.client.call('POST', '/nodes/pve2/lxc/202/migrate', { target: 'pve1', online: '1' })
    expect((await lab.client.waitTask(online.body.data)).exitstatus).toBe('migration aborted')
    expect(await migrationLog(online.body.data)).toContain(
      'ERROR: migration aborted (duration 00:00:01): lxc live migration is currently not implemented',
    )
    expect(await resourceOf(lab, 202)).toMatchObject({ node: 'pve2', status: 'running' })
  })

  it(
    'restart-migrates a running CT: stopped and locked ' + 'while vzmigrate runs, running on the target after',
    async () => {
      const moved = await lab.client.call('POST', '/nodes/pve2/lxc/202/migrate', { target: 'pve1', restart: '1' })
      expect(String(moved.body.data)).toMatch(/:vzmigrate:202:/)
      expect(await resourceOf(lab, 202)).toMatchObject({ node: 'pve2', status: 'stopped', lock: 'migrate' })
      expect((await lab.client.waitTask(moved.body.data)).exitstatus).toBe('OK')
      const log = await migrationLog(moved.body.data)
      expect(log).toEqual(
        expect.arrayContaining([
          'shutdown CT 202',
          "starting migration of CT 202 to node 'pve1' (10.0.0.11)",
          "found local volume 'local-lvm:vm-202-disk-0' (in current VM config)",
          'start container on target node',
        ]),
      )
      const resource = await resourceOf(lab, 202)
      expect(resource).toMatchObject({ node: 'pve1', status: 'running' })
      expect(resource?.lock).toBeUndefined()
      expect((await lab.client.call('GET', '/nodes/pve1/lxc/202/interfaces')).status).toBe(200)
    },
  )

  it('moves a stopped CT, renaming its storage with target-storage', async () => {
    const moved = await lab.client.call('POST', '/nodes/pve2/lxc/203/migrate', {
      target: 'pve1',
      'target-storage': 'local-lvm:local-lvm',
    })
    expect((await lab.client.waitTask(moved.body.data)).exitstatus).toBe('OK')
    expect(await resourceOf(lab, 203)).toMatchObject({ node: 'pve1', status: 'stopped' })
    const bad = await lab.client.call('POST', '/nodes/pve1/lxc/203/migrate', {
      target: 'pve2',
      targetstorage: 'local-lvm',
    })
    expect(bad.body.errors).toEqual({
      targetstorage: 'property is not defined in schema and the schema does not allow additional properties',
    })
  })
})

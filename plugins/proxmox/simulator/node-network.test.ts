import { describe, expect, it } from 'vitest'
import { labForFile } from './http-test-client.js'

const lab = labForFile()

describe('GET /nodes/{node}/network', () => {
  it("lists a node's NICs and bridges with PVE's fields", async () => {
    const r = await lab.observer.call('GET', '/nodes/pve1/network')
    expect(r.status).toBe(200)
    const list = r.body.data as Array<Record<string, unknown>>
    expect(list.map((i) => i.iface)).toEqual(['eno1', 'eno2', 'vmbr0', 'vmbr1'])
    expect(list.find((i) => i.iface === 'vmbr0')).toEqual({
      iface: 'vmbr0',
      type: 'bridge',
      active: 1,
      autostart: 1,
      method: 'static',
      method6: 'manual',
      families: ['inet'],
      priority: 0,
      cidr: '10.0.0.11/24',
      address: '10.0.0.11',
      netmask: '255.255.255.0',
      gateway: '10.0.0.1',
      bridge_ports: 'eno1',
      bridge_stp: 'off',
      bridge_fd: '0',
    })
    expect(list.find((i) => i.iface === 'vmbr1')).toMatchObject({
      type: 'bridge',
      method: 'manual',
      bridge_ports: 'eno2',
      comments: 'lab VLAN trunk\n',
    })
    expect(list.find((i) => i.iface === 'eno1')).toMatchObject({ type: 'eth', active: 1, method: 'manual' })
  })

  it('filters by type, any_bridge included, and gives each node its own address', async () => {
    const bridges = (await lab.client.call('GET', '/nodes/pve2/network?type=any_bridge')).body.data as Array<
      Record<string, unknown>
    >
    expect(bridges.map((i) => [i.iface, i.address])).toEqual([['vmbr0', '10.0.0.12']])
    const nics = (await lab.client.call('GET', '/nodes/pve1/network?type=eth')).body.data as Array<
      Record<string, unknown>
    >
    expect(nics.map((i) => i.iface)).toEqual(['eno1', 'eno2'])
    expect((await lab.client.call('GET', '/nodes/pve1/network?type=bond')).body.data).toEqual([])
  })

  it('refuses an unknown type with a 400 naming the parameter', async () => {
    const r = await lab.client.call('GET', '/nodes/pve1/network?type=wifi')
    expect(r.status).toBe(400)
    expect(r.body.errors?.type).toMatch(/^value 'wifi' does not have a value in the enumeration 'bridge, bond, eth/)
  })

  it('is what the create routes check net0 bridges against', async () => {
    const ct = await lab.client.call('POST', '/nodes/pve2/lxc', {
      vmid: '500',
      storage: 'local-lvm',
      ostemplate: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
      net0: 'name=eth0,bridge=vmbr1,ip=dhcp',
    })
    expect([ct.status, ct.reason]).toEqual([500, "bridge 'vmbr1' does not exist"])
    const here = await lab.client.call('POST', '/nodes/pve1/lxc', {
      vmid: '500',
      storage: 'local-lvm',
      ostemplate: 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst',
      net0: 'name=eth0,bridge=vmbr1,ip=dhcp',
    })
    expect((await lab.client.waitTask(here.body.data)).exitstatus).toBe('OK')
  })
})

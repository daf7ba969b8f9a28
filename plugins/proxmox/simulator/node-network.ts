import type { SimNetworkInterface } from './state.js'

/** Management address of the `index`-th node (1-based): `10.0.0.11` for the first. */
export function nodeAddress(index: number): string {
  return `10.0.0.${10 + index}`
}

/** What a fresh PVE install gives a node: its NIC `eno1` enslaved to `vmbr0`, which holds the node's address. */
export function defaultNodeNetworks(node: string, index: number): SimNetworkInterface[] {
  return [
    { node, iface: 'eno1', type: 'eth', active: true, autostart: true, method: 'manual' },
    {
      node,
      iface: 'vmbr0',
      type: 'bridge',
      active: true,
      autostart: true,
      method: 'static',
      cidr: `${nodeAddress(index)}/24`,
      gateway: '10.0.0.1',
      bridgePorts: 'eno1',
    },
  ]
}

function netmaskOf(prefix: number): string {
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 255).join('.')
}

/**
 * Types the `type` filter of `GET /nodes/{node}/network` selects (`any_bridge` and `any_local_bridge` group several).
 */
export function networkTypeMatches(filter: string | undefined, type: string): boolean {
  if (filter === undefined) return true
  if (filter === 'any_bridge' || filter === 'any_local_bridge') return type === 'bridge' || type === 'OVSBridge'
  return filter === type
}

/** An item of `GET /nodes/{node}/network`, with PVE's field names (`bridge_ports`, `netmask`, `families`). */
export function networkItem(n: SimNetworkInterface): Record<string, unknown> {
  const item: Record<string, unknown> = {
    iface: n.iface,
    type: n.type,
    method: n.method,
    method6: 'manual',
    families: ['inet'],
    priority: 0,
  }
  if (n.active) item.active = 1
  if (n.autostart) item.autostart = 1
  if (n.cidr) {
    const [address = '', prefix = '24'] = n.cidr.split('/')
    Object.assign(item, { cidr: n.cidr, address, netmask: netmaskOf(Number(prefix)) })
  }
  if (n.gateway) item.gateway = n.gateway
  if (n.type === 'bridge') Object.assign(item, { bridge_ports: n.bridgePorts ?? '', bridge_stp: 'off', bridge_fd: '0' })
  if (n.type === 'bond') Object.assign(item, { slaves: n.slaves ?? '', bond_mode: 'active-backup' })
  if (n.comments) item.comments = `${n.comments}\n`
  return item
}

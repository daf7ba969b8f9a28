import { ApiError } from '../api-error.js'
import type { RouteContext } from '../context.js'
import { GUEST_PREFIX_LENGTH, guestAddress } from 'hangar/provider-kit/testing'
import { agentEnabled, generateMac, linkLocalIpv6, netMac } from '../guest-config.js'
import type { Route } from '../router.js'
import type { SimGuest } from '../state.js'
import { loadGuest } from './guest-guards.js'

/**
 * PVE's `assert_agent_available` plus the simulated boot: the agent answers only after
 * `agentWarmupPolls` polls since the start. Counts this poll.
 */
export function assertAgentReady(ctx: RouteContext, guest: SimGuest): void {
  if (!agentEnabled(guest.config)) throw new ApiError(500, 'No QEMU guest agent configured')
  if (guest.status !== 'running') throw new ApiError(500, `VM ${guest.vmid} is not running`)
  guest.agentPolls += 1
  if (guest.blank || guest.agentPolls <= ctx.behaviour.agentWarmupPolls)
    throw new ApiError(500, 'QEMU guest agent is not running')
}

/** Whether DHCP has handed out the IPv4 yet: another `agentWarmupPolls` polls after the agent came up. */
function hasIpv4(ctx: RouteContext, guest: SimGuest): boolean {
  return guest.agentPolls > 2 * ctx.behaviour.agentWarmupPolls
}

function mac(guest: SimGuest): string {
  return (netMac(guest.type, guest.config) ?? generateMac(`guest-${guest.vmid}`)).toLowerCase()
}

function counters(guest: SimGuest): Record<string, number> {
  const up = guest.startedAt ? Math.floor((Date.now() - guest.startedAt) / 1000) : 0
  return {
    'rx-bytes': 12_000 + up * 3_000,
    'rx-packets': 90 + up * 20,
    'rx-errs': 0,
    'rx-dropped': 0,
    'tx-bytes': 8_000 + up * 1_500,
    'tx-packets': 70 + up * 12,
    'tx-errs': 0,
    'tx-dropped': 0,
  }
}

/** `GET .../agent/network-get-interfaces` and `GET .../lxc/{vmid}/interfaces`. */
export const guestNetworkRoutes: Route[] = [
  {
    endpoint: 'GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces',
    handler: (ctx) => {
      const guest = loadGuest(ctx, 'qemu')
      assertAgentReady(ctx, guest)
      const hw = mac(guest)
      const eth0Addresses: Array<Record<string, unknown>> = []
      if (hasIpv4(ctx, guest)) {
        eth0Addresses.push({
          'ip-address-type': 'ipv4',
          'ip-address': guestAddress(guest.vmid, ctx.behaviour.guestSubnet),
          prefix: GUEST_PREFIX_LENGTH,
        })
      }
      eth0Addresses.push({ 'ip-address-type': 'ipv6', 'ip-address': linkLocalIpv6(hw), prefix: 64 })
      return {
        result: [
          {
            name: 'lo',
            'hardware-address': '00:00:00:00:00:00',
            'ip-addresses': [
              { 'ip-address-type': 'ipv4', 'ip-address': '127.0.0.1', prefix: 8 },
              { 'ip-address-type': 'ipv6', 'ip-address': '::1', prefix: 128 },
            ],
            statistics: counters(guest),
          },
          { name: 'eth0', 'hardware-address': hw, 'ip-addresses': eth0Addresses, statistics: counters(guest) },
        ],
      }
    },
  },
  {
    endpoint: 'GET /nodes/{node}/lxc/{vmid}/interfaces',
    handler: (ctx) => {
      const guest = loadGuest(ctx, 'lxc')
      if (guest.status !== 'running') throw new ApiError(500, `CT ${guest.vmid} not running`)
      guest.agentPolls += 1
      const hw = mac(guest)
      const eth0: Record<string, string> = { name: 'eth0', hwaddr: hw, inet6: `${linkLocalIpv6(hw)}/64` }
      // The container's DHCP lease shows up a few polls after the start.
      if (guest.agentPolls > ctx.behaviour.agentWarmupPolls)
        eth0.inet = `${guestAddress(guest.vmid, ctx.behaviour.guestSubnet)}/${GUEST_PREFIX_LENGTH}`
      return [{ name: 'lo', hwaddr: '00:00:00:00:00:00', inet: '127.0.0.1/8', inet6: '::1/128' }, eth0]
    },
  },
]

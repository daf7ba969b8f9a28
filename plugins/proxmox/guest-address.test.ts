import { describe, expect, it } from 'vitest'
import { isUsableIpv4, net0MacOf, pickAgentAddress, pickContainerAddress } from './guest-address.js'

describe('guest addresses', () => {
  it('accepts any IPv4 but link-local, unspecified and 127.0.0.1', () => {
    expect(isUsableIpv4('10.0.0.50')).toBe(true)
    expect(isUsableIpv4('127.42.0.107')).toBe(true)
    expect(isUsableIpv4('10.0.0.50/24')).toBe(true)
    expect(isUsableIpv4('127.0.0.1')).toBe(false)
    expect(isUsableIpv4('169.254.3.4')).toBe(false)
    expect(isUsableIpv4('0.0.0.0')).toBe(false)
    expect(isUsableIpv4('fe80::1')).toBe(false)
    expect(isUsableIpv4('300.1.1.1')).toBe(false)
  })

  it("prefers the agent interface with net0's MAC and skips lo", () => {
    const result = [
      {
        name: 'lo',
        'hardware-address': '00:00:00:00:00:00',
        'ip-addresses': [{ 'ip-address': '127.0.0.1', 'ip-address-type': 'ipv4' }],
      },
      {
        name: 'docker0',
        'hardware-address': '02:42:ac:11:00:01',
        'ip-addresses': [{ 'ip-address': '172.17.0.1', 'ip-address-type': 'ipv4' }],
      },
      {
        name: 'eth0',
        'hardware-address': 'bc:24:11:5e:1a:01',
        'ip-addresses': [
          { 'ip-address': 'fe80::be24:11ff:fe5e:1a01', 'ip-address-type': 'ipv6' },
          { 'ip-address': '10.0.0.50', 'ip-address-type': 'ipv4' },
        ],
      },
    ]
    expect(pickAgentAddress(result, 'BC:24:11:5E:1A:01')).toBe('10.0.0.50')
    expect(pickAgentAddress(result, undefined)).toBe('172.17.0.1')
    expect(pickAgentAddress(result.slice(0, 1), undefined)).toBeUndefined()
  })

  it("reads eth0's inet of a container without its prefix", () => {
    expect(
      pickContainerAddress([
        { name: 'lo', inet: '127.0.0.1/8' },
        { name: 'eth0', inet: '10.0.0.60/24' },
      ]),
    ).toBe('10.0.0.60')
    expect(pickContainerAddress([{ name: 'eth0', inet6: 'fe80::1/64' }])).toBeUndefined()
  })

  it('finds the MAC in a net0 value', () => {
    expect(net0MacOf('virtio=BC:24:11:5E:1A:01,bridge=vmbr0')).toBe('BC:24:11:5E:1A:01')
    expect(net0MacOf('model=virtio,macaddr=BC:24:11:5E:1A:01')).toBe('BC:24:11:5E:1A:01')
    expect(net0MacOf(undefined)).toBeUndefined()
  })
})

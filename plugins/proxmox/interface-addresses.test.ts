import { describe, expect, it } from 'vitest'
import { agentAddresses, chooseAddresses, containerAddresses } from './interface-addresses.js'

describe('addresses chosen by interface', () => {
  it("skips lo and keeps eth0's loopback-range IPv4 (the simulator's guests have those)", () => {
    const result = [
      {
        name: 'lo',
        'hardware-address': '00:00:00:00:00:00',
        'ip-addresses': [
          { 'ip-address': '127.0.0.1', 'ip-address-type': 'ipv4' },
          { 'ip-address': '::1', 'ip-address-type': 'ipv6' },
        ],
      },
      {
        name: 'eth0',
        'hardware-address': 'bc:24:11:5e:1a:01',
        'ip-addresses': [
          { 'ip-address': 'fe80::be24:11ff:fe5e:1a01', 'ip-address-type': 'ipv6' },
          { 'ip-address': '127.42.0.100', 'ip-address-type': 'ipv4' },
        ],
      },
    ]
    expect(agentAddresses(result)).toEqual(['127.42.0.100'])
  })

  it("lists every other interface's IPv4 first, then their global IPv6, without link-local ones", () => {
    expect(
      chooseAddresses([
        { name: 'eth0', addresses: ['2001:db8::50', 'fe80::1', '10.0.0.50'] },
        { name: 'docker0', addresses: ['172.17.0.1', '169.254.10.1'] },
        { name: 'wg0', addresses: ['fd00:1::2', 'ff02::1', '10.0.0.50'] },
      ]),
    ).toEqual(['10.0.0.50', '172.17.0.1', '2001:db8::50', 'fd00:1::2'])
  })

  it('skips a loopback interface by its name or by the loopback address it holds', () => {
    expect(
      chooseAddresses([
        { name: 'Loopback Pseudo-Interface 1', addresses: ['127.0.0.2'] },
        { name: 'lo0', addresses: ['127.0.0.3'] },
        { name: 'host-lo', addresses: ['::1', '127.9.9.9'] },
        { name: 'Ethernet', addresses: ['192.168.1.20'] },
      ]),
    ).toEqual(['192.168.1.20'])
  })

  it("reads a container's CIDR inet and inet6 without their prefixes", () => {
    expect(
      containerAddresses([
        { name: 'lo', hwaddr: '00:00:00:00:00:00', inet: '127.0.0.1/8', inet6: '::1/128' },
        { name: 'eth0', hwaddr: 'bc:24:11:00:00:01', inet: '127.42.0.200/8', inet6: 'fe80::be24:11ff:fe00:1/64' },
        { name: 'eth1', hwaddr: 'bc:24:11:00:00:02', inet6: '2001:db8::60/64' },
      ]),
    ).toEqual(['127.42.0.200', '2001:db8::60'])
  })

  it('has nothing to show for a guest with only lo and link-local addresses', () => {
    expect(
      containerAddresses([
        { name: 'lo', hwaddr: '00:00:00:00:00:00', inet: '127.0.0.1/8' },
        { name: 'eth0', hwaddr: 'bc:24:11:00:00:01', inet6: 'fe80::1/64' },
      ]),
    ).toEqual([])
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CatalogStorage } from '../../src/providers/contract.js'
import { sendOver } from '../support/graphql-client.js'
import { startStack, type Stack } from '../support/start-stack.js'

let stack: Stack
beforeAll(async () => {
  stack = await startStack()
})
afterAll(() => stack?.close())

interface CatalogAnswer {
  provider: string
  locations: { id: string; name: string }[]
  images: { id: string; name: string; os: string | null; location: string }[]
  cpuTypes: { id: string; name: string; description: string | null; cores: number[]; memoryMb: number[] }[]
  diskSizesGb: number[]
  storages: CatalogStorage[]
  networks: { id: string; location: string; description: string | null }[]
}

const CATALOG =
  'query ($location: String) { catalog(provider: "pve-lab", location: $location) { provider locations ' +
  '{ id name } images { id name os location } cpuTypes { id name description cores memoryMb } diskSizesGb ' +
  'storages { id location type content shared availableGb } networks { id location description } } }'
const ask = (location?: string) =>
  sendOver('http', stack.url, undefined, CATALOG, location === undefined ? {} : { location })
const catalogOf = async (location?: string) => {
  const answer = await ask(location)
  expect(answer.errors).toBeUndefined()
  return answer.data!.catalog as CatalogAnswer
}

const CT_TEMPLATE = 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst'
const ISO = 'local:iso/debian-12.8.0-amd64-netinst.iso'

describe('the Proxmox catalog through the gateway', () => {
  it(
    'offers the nodes as locations and, for every node, ' + 'its VM templates, container templates and ISO images',
    async () => {
      const catalog = await catalogOf()
      expect(catalog.provider).toBe('pve-lab')
      expect(catalog.locations).toEqual([
        { id: 'pve1', name: 'pve1 (online)' },
        { id: 'pve2', name: 'pve2 (online)' },
      ])
      expect(catalog.images).toEqual([
        { id: '9000', name: 'debian-12-cloudinit', os: 'Linux', location: 'pve1' },
        {
          id: CT_TEMPLATE,
          name: 'debian-12-standard_12.7-1_amd64.tar.zst (container template)',
          os: null,
          location: 'pve1',
        },
        { id: ISO, name: 'debian-12.8.0-amd64-netinst.iso (ISO image)', os: null, location: 'pve1' },
        {
          id: CT_TEMPLATE,
          name: 'debian-12-standard_12.7-1_amd64.tar.zst (container template)',
          os: null,
          location: 'pve2',
        },
        { id: ISO, name: 'debian-12.8.0-amd64-netinst.iso (ISO image)', os: null, location: 'pve2' },
      ])
      // CPU limits are a node's: without a location there is no one answer.
      expect(catalog.cpuTypes).toEqual([])
      expect(catalog.diskSizesGb).toEqual([8, 16, 32, 64, 128, 256, 512])
    },
  )

  it(
    'with a location, offers every VM template (a clone goes onto any node), ' +
      "that node's other images and its own CPUs, up to its cores and memory",
    async () => {
      const catalog = await catalogOf('pve2')
      expect(catalog.locations.map((location) => location.id)).toEqual(['pve1', 'pve2'])
      expect(catalog.images.map((image) => [image.id, image.location])).toEqual([
        ['9000', 'pve1'],
        [CT_TEMPLATE, 'pve2'],
        [ISO, 'pve2'],
      ])
      const node = stack.simulator.state.raw.nodes.get('pve2')!
      expect(node.memory).toBe(64 * 1024 ** 3)
      expect(catalog.cpuTypes).toHaveLength(1)
      expect(catalog.cpuTypes[0]).toMatchObject({
        id: 'host',
        name: 'host (pve2)',
        cores: Array.from({ length: node.cpus }, (_, index) => index + 1),
        memoryMb: [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536],
      })
      expect(catalog.cpuTypes[0]!.description).toContain(`1 to ${node.cpus} cores`)
      expect(catalog.diskSizesGb).toEqual([8, 16, 32, 64, 128, 256, 512])
      const pve1 = await catalogOf('pve1')
      expect(pve1.images.map((image) => image.id)).toEqual(['9000', CT_TEMPLATE, ISO])
      expect(pve1.cpuTypes[0]!.cores).toHaveLength(stack.simulator.state.raw.nodes.get('pve1')!.cpus)
    },
  )

  it(
    "offers a node's storages (what they hold, shared or not, " +
      'free space) and its bridges, for options.storage and options.bridge',
    async () => {
      const catalog = await catalogOf('pve1')
      expect(catalog.storages).toEqual([
        {
          id: 'local',
          location: 'pve1',
          type: 'dir',
          content: ['backup', 'iso', 'snippets', 'vztmpl'],
          shared: false,
          availableGb: expect.any(Number),
        },
        {
          id: 'local-lvm',
          location: 'pve1',
          type: 'lvmthin',
          content: ['images', 'rootdir'],
          shared: false,
          availableGb: expect.any(Number),
        },
      ])
      expect(catalog.storages[1]!.availableGb).toBeGreaterThan(100)
      expect(catalog.networks.map((network) => network.id)).toEqual(['vmbr0', 'vmbr1'])
      expect(catalog.networks[0]).toMatchObject({
        location: 'pve1',
        description: expect.stringMatching(/^10\.0\.0\.\d+\/24/),
      })
      expect((await catalogOf('pve2')).networks.map((network) => network.id)).toEqual(['vmbr0'])
    },
  )

  it('refuses an unknown node with BAD_USER_INPUT naming location', async () => {
    for (const location of ['pve3', 'PVE2', '']) {
      const answer = await ask(location)
      expect(answer.data?.catalog ?? null).toBeNull()
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'location' })
      expect(answer.errors?.[0]?.message).toMatch(/^location: no node ".*" in this cluster; one of pve1, pve2$/)
    }
  })

  it('lists a node that is offline by its status, without reading its storages', async () => {
    stack.simulator.faults.setNodeOnline('pve2', false)
    try {
      const catalog = await catalogOf()
      expect(catalog.locations).toEqual([
        { id: 'pve1', name: 'pve1 (online)' },
        { id: 'pve2', name: 'pve2 (offline)' },
      ])
      expect(catalog.images.every((image) => image.location === 'pve1')).toBe(true)
      expect(catalog.images).toHaveLength(3)
      const offline = await catalogOf('pve2')
      // Only the templates of the nodes that are up: pve2's own storages cannot be read.
      expect(offline).toMatchObject({
        images: [{ id: '9000', location: 'pve1' }],
        cpuTypes: [],
        storages: [],
        networks: [],
      })
    } finally {
      stack.simulator.faults.setNodeOnline('pve2', true)
    }
  })
})

import { createHash } from 'node:crypto'

/** A datacenter as `GET /service/server?datacenter=1` lists it. */
export interface Datacenter {
  id: string
  /** Country. */
  name: string
  category: string
  /** City. */
  subCategory: string
}

/** A CPU type of the capabilities answer. */
export interface CpuType {
  id: 'A' | 'B' | 'D' | 'T'
  name: string
  description: string
  cpuCores: number[]
  ramMB: number[]
}

/** A disk image as `GET /service/server?images=1&datacenter=DC` lists it. */
export interface DiskImage {
  datacenter: string
  os: string
  /** `<DC>:6000C29<25 hex>`. */
  id: string
  name: string
  code: string
  osDiskSizeGB: number
  ramMBMin: Record<'A' | 'B' | 'T' | 'D', number>
}

/** Every datacenter id the simulated account can use (the list seen in libcloud's fixture). */
export const DATACENTERS: readonly Datacenter[] = [
  { id: 'AS', name: 'China', category: 'Asia', subCategory: 'Hong Kong' },
  { id: 'CA-TR', name: 'Canada', category: 'North America', subCategory: 'Toronto' },
  { id: 'EU', name: 'The Netherlands', category: 'Europe', subCategory: 'Amsterdam' },
  { id: 'EU-FR', name: 'Germany', category: 'Europe', subCategory: 'Frankfurt' },
  { id: 'EU-LO', name: 'United Kingdom', category: 'Europe', subCategory: 'London' },
  { id: 'IL', name: 'Israel', category: 'Middle East', subCategory: 'Rosh Haayin' },
  { id: 'IL-JR', name: 'Israel', category: 'Middle East', subCategory: 'Jerusalem' },
  { id: 'IL-PT', name: 'Israel', category: 'Middle East', subCategory: 'Petach Tikva' },
  { id: 'IL-RH', name: 'Israel', category: 'Middle East', subCategory: 'Rosh Haayin 2' },
  { id: 'IL-TA', name: 'Israel', category: 'Middle East', subCategory: 'Tel Aviv' },
  { id: 'US-NY2', name: 'United States', category: 'North America', subCategory: 'New York' },
  { id: 'US-SC', name: 'United States', category: 'North America', subCategory: 'Santa Clara' },
  { id: 'US-TX', name: 'United States', category: 'North America', subCategory: 'Texas' },
]

/** Allowed disk sizes in GB. */
export const DISK_SIZES_GB: readonly number[] = [
  5, 10, 15, 20, 30, 40, 50, 60, 80, 100, 150, 200, 250, 300, 350, 400, 450, 500, 600, 700, 800, 900, 1000,
]

const RAM_MB = [
  256, 512, 1024, 2048, 3072, 4096, 6144, 8192, 10240, 12288, 16384, 24576, 32768, 49152, 65536, 98304, 131072,
]
const RAM_MB_LARGE = [...RAM_MB, 200704, 262144, 327680, 393216]
const CORES = [1, 2, 4, 6, 8, 12, 16, 20, 24, 28, 32, 36, 40, 48, 56, 64, 72]

/** CPU types, in the order the capabilities answer lists them (B first, which `sizes` uses). */
export const CPU_TYPES: readonly CpuType[] = [
  {
    id: 'B',
    name: 'Type B - General Purpose',
    description: 'Server CPUs are assigned to a dedicated physical CPU Thread with reserved resources guaranteed.',
    cpuCores: CORES,
    ramMB: RAM_MB_LARGE,
  },
  {
    id: 'D',
    name: 'Type D - Dedicated',
    description:
      'Server CPU are assigned to a dedicated physical CPU Core (2 threads) with reserved resources guaranteed.',
    cpuCores: [1, 2, 4, 6, 8, 12, 16, 20],
    ramMB: RAM_MB_LARGE,
  },
  {
    id: 'T',
    name: 'Type T - Burstable',
    description: 'Server CPUs are assigned to a dedicated physical CPU thread with reserved resources guaranteed.',
    cpuCores: CORES,
    ramMB: RAM_MB_LARGE,
  },
  {
    id: 'A',
    name: 'Type A - Availability',
    description: 'Server CPUs are assigned to a non-dedicated physical CPU thread with no resources guaranteed.',
    cpuCores: CORES.slice(0, 11),
    ramMB: RAM_MB,
  },
]

/** Monthly traffic packages: `t<N>` is N GB/month, `b<N>` is N Mbit/s unmetered. */
export const TRAFFIC_PACKAGES: Readonly<Record<string, string>> = {
  t5000: '5000GB/month on 10Gbit/sec port',
  t10000: '10000GB/month on 10Gbit/sec port',
  b20: '20Mbit/sec unmetered on 10Gbit/sec port',
  b50: '50Mbit/sec unmetered on 10Gbit/sec port',
  b100: '100Mbit/sec unmetered on 10Gbit/sec port',
}

/** The package a monthly server gets when none is chosen. */
export const DEFAULT_TRAFFIC_PACKAGE = 't5000'

interface ImageTemplate {
  os: string
  name: string
  code: string
  osDiskSizeGB: number
  ramMin: number
}

const IMAGE_TEMPLATES: readonly ImageTemplate[] = [
  {
    os: 'Ubuntu',
    name: 'Ubuntu Server version 24.04 LTS (noble) 64-bit',
    code: '24.04 64bit',
    osDiskSizeGB: 5,
    ramMin: 512,
  },
  {
    os: 'Ubuntu',
    name: 'Ubuntu Server version 22.04 LTS (jammy) 64-bit',
    code: '22.04 64bit',
    osDiskSizeGB: 5,
    ramMin: 512,
  },
  {
    os: 'Ubuntu',
    name: 'Ubuntu Server version 20.04 LTS (focal) 64-bit',
    code: '20.04 64bit',
    osDiskSizeGB: 5,
    ramMin: 512,
  },
  { os: 'Debian', name: 'Debian version 12 (bookworm) 64-bit', code: '12 64bit', osDiskSizeGB: 5, ramMin: 256 },
  { os: 'Debian', name: 'Debian version 11 (bullseye) 64-bit', code: '11 64bit', osDiskSizeGB: 5, ramMin: 256 },
  {
    os: 'CentOS',
    name: 'CentOS Stream 9 64-bit - Minimal Configuration',
    code: 'stream-9 64bit_minimal',
    osDiskSizeGB: 10,
    ramMin: 512,
  },
  {
    os: 'CentOS',
    name: 'CentOS 7.9 64-bit - Minimal Configuration',
    code: '7.9 64bit_minimal',
    osDiskSizeGB: 5,
    ramMin: 256,
  },
  {
    os: 'Windows',
    name: 'Microsoft Windows Server 2022 Standard 64-bit',
    code: '2022_standard 64bit',
    osDiskSizeGB: 40,
    ramMin: 2048,
  },
  {
    os: 'Windows',
    name: 'Microsoft Windows Server 2019 Standard 64-bit',
    code: '2019_standard 64bit',
    osDiskSizeGB: 30,
    ramMin: 1024,
  },
]

/** A stable image id: `<DC>:6000C29` followed by 25 hex digits derived from the datacenter and code. */
function imageId(datacenter: string, code: string): string {
  const hex = createHash('sha256').update(`kamatera-image:${datacenter}:${code}`).digest('hex').slice(0, 25)
  return `${datacenter}:6000C29${hex}`
}

/** The images offered in one datacenter (empty for unknown ones). */
export function imagesOf(datacenter: string): DiskImage[] {
  if (!findDatacenter(datacenter)) return []
  return IMAGE_TEMPLATES.map((t) => ({
    datacenter,
    os: t.os,
    id: imageId(datacenter, t.code),
    name: t.name,
    code: t.code,
    osDiskSizeGB: t.osDiskSizeGB,
    ramMBMin: { A: t.ramMin, B: t.ramMin, T: t.ramMin, D: t.ramMin },
  }))
}

/** A datacenter by id. */
export function findDatacenter(id: string): Datacenter | undefined {
  return DATACENTERS.find((d) => d.id === id)
}

/** A CPU type by letter. */
export function findCpuType(id: string): CpuType | undefined {
  return CPU_TYPES.find((t) => t.id === id)
}

/** The wan network name of a datacenter: `wan-eu`, `wan-us-ny2`. */
export function wanNetworkName(datacenter: string): string {
  return `wan-${datacenter.toLowerCase()}`
}

/** `GET /service/server?capabilities=1&datacenter=DC`. */
export function capabilitiesOf(_datacenter: string): Record<string, unknown> {
  return {
    diskSizeGB: [...DISK_SIZES_GB],
    monthlyTrafficPackage: { ...TRAFFIC_PACKAGES },
    defaultMonthlyTrafficPackage: DEFAULT_TRAFFIC_PACKAGE,
    cpuTypes: CPU_TYPES.map((t) => ({ ...t, cpuCores: [...t.cpuCores], ramMB: [...t.ramMB] })),
  }
}

/** The first allowed value at least as big as `wanted` (the last one when none is). */
function snap(allowed: readonly number[], wanted: number): number {
  return allowed.find((v) => v >= wanted) ?? allowed[allowed.length - 1] ?? wanted
}

/** `GET /service/server?sizes=1&datacenter=DC`: the proxy's three synthetic presets. */
export function sizesOf(_datacenter: string): Array<Record<string, unknown>> {
  const type = CPU_TYPES[0]
  if (!type) return []
  const presets: Array<[string, number, number, number]> = [
    ['small', 2, 4096, 30],
    ['medium', 4, 8192, 60],
    ['large', 8, 16384, 100],
  ]
  return presets.map(([id, cores, ram, disk]) => ({
    id,
    ramMB: snap(type.ramMB, ram),
    cpuCores: snap(type.cpuCores, cores),
    cpuType: type.id,
    diskSizeGB: snap(DISK_SIZES_GB, disk),
    monthlyTrafficPackage: DEFAULT_TRAFFIC_PACKAGE,
  }))
}

/** The VLANs the options map lists per datacenter, from the current state. */
export type VlanNamesByDatacenter = ReadonlyMap<string, readonly string[]>

/** `GET /service/server` without a query: the backend's full options map. */
export function optionsMap(vlans: VlanNamesByDatacenter): Record<string, unknown> {
  const cpu: string[] = []
  for (const type of CPU_TYPES) for (const cores of type.cpuCores) cpu.push(`${cores}${type.id}`)
  const diskImages: Record<string, unknown[]> = {}
  const traffic: Record<string, unknown[]> = {}
  const networks: Record<string, unknown[]> = {}
  for (const dc of DATACENTERS) {
    diskImages[dc.id] = imagesOf(dc.id).map((image) => ({
      id: image.id,
      description: image.name,
      sizeGB: image.osDiskSizeGB,
      usageInfo: '',
      guestDescription: `${image.os} ${image.code}`,
      freeTextOne: '',
      freeTextTwo: '',
    }))
    traffic[dc.id] = Object.keys(TRAFFIC_PACKAGES).map((id) => ({
      id,
      info: id.startsWith('t') ? `${id.slice(1)}GB of traffic` : `${id.slice(1)}Mbit/sec unmetered`,
    }))
    networks[dc.id] = [{ name: 'wan', ips: 'auto' }, ...(vlans.get(dc.id) ?? []).map((name) => ({ name, ips: 'auto' }))]
  }
  return {
    datacenters: Object.fromEntries(DATACENTERS.map((d) => [d.id, `${d.id}: ${d.name}`])),
    cpu,
    ram: [...RAM_MB_LARGE],
    disk: [...DISK_SIZES_GB],
    diskImages,
    traffic,
    networks,
    billing: ['monthly', 'hourly'],
  }
}

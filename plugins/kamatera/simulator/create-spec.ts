import { randomInt } from 'node:crypto'
import { CloudcliError, ProxyException, flagError } from './api-error.js'
import { DEFAULT_TRAFFIC_PACKAGE, DISK_SIZES_GB, TRAFFIC_PACKAGES, findDatacenter, imagesOf } from './catalog.js'
import type { RequestInput } from './php-values.js'
import type { KamateraState } from './state.js'
import { validCpu, validRam } from './state.js'

/** A network item of the `network` flag, after defaults. */
export interface NetworkItem {
  /** `wan` or a VLAN name, lower-cased like the proxy does. */
  name: string
  /** `auto` or an IPv4 address. */
  ip: string
}

/** The validated fields of a create or clone. */
export interface CreateSpec {
  name: string
  /** The password to set; `generated` tells whether to return it (`__generate__`). */
  password: string
  generated: boolean
  cpu: string
  ram: number
  diskSizes: number[]
  networks: NetworkItem[]
  backup: boolean
  managed: boolean
  billing: 'hourly' | 'monthly'
  traffic: string
  powerOn: boolean
  script: string
  userData: string
  sshKey: string
  tags: string[]
}

const NAME_PATTERN = /^[a-zA-Z0-9()_-]{4,}$/
const PASSWORD_SETS = ['qwertyuiopasdfghjklzxcvbnm', 'QWERTYUIOPASDFGHJKLZXCVBNM', '0123456789']
const PASSWORD_EXTRA = '!@#$^&*()~'

/** The proxy's `validateChars` on `password`: 10-20 chars, one of each set, nothing else. Failures are exceptions. */
function validatePassword(password: string): void {
  if (password.length < 10) throw new ProxyException('less then 10 characters for field password')
  if (password.length > 20) throw new ProxyException('more then 20 characters for field password')
  for (const set of PASSWORD_SETS) {
    if (![...password].some((ch) => set.includes(ch)))
      throw new ProxyException(`must have at least one of: '${set}' for field password`)
  }
  const allowed = PASSWORD_SETS.join('') + PASSWORD_EXTRA
  const bad = [...password].find((ch) => !allowed.includes(ch))
  if (bad !== undefined) throw new ProxyException(`disallowed character: '${bad}' for field password`)
}

/** `__generate__`: 7 lower, 7 upper, 4 digits, 2 symbols, each group drawn without repeats (`str_shuffle`). */
export function generatePassword(): string {
  const pick = (chars: string, n: number): string => {
    const pool = [...chars]
    let out = ''
    for (let i = 0; i < n; i++) out += pool.splice(randomInt(pool.length), 1)[0] ?? ''
    return out
  }
  return (
    pick('abcdefghjklmnopqrstuvwxyz', 7) +
    pick('ABCDEFGHJKLMNOPQRSTUVWXYZ', 7) +
    pick('1234567890', 4) +
    pick(PASSWORD_EXTRA, 2)
  )
}

/**
 * Parses an array flag (`disk`, `network`) like `ProxyServerPost::post`: space-separated items of
 * comma-separated `k=v`; `id` 0-3 places an item, items without id fill the free slots in order.
 */
export function parseArrayFlag(flag: string, value: string): Map<number, Record<string, string>> {
  const items = new Map<number, Record<string, string>>()
  const withoutId: Array<Record<string, string>> = []
  for (const keyvalues of value.split(' ')) {
    const dict: Record<string, string> = {}
    for (const keyvalue of keyvalues.split(',')) {
      const parts = keyvalue.split('=')
      if (parts.length !== 2) throw flagError(flag, value)
      dict[parts[0] ?? ''] = parts[1] ?? ''
    }
    if (dict.id !== undefined) {
      const id = /^\d+$/.test(dict.id) ? Number(dict.id) : Number.NaN
      if (!(id <= 3)) throw flagError(flag, value, `invalid item id: ${dict.id}`)
      if (items.has(id)) throw flagError(flag, value, `duplicate item id: ${dict.id}`)
      items.set(id, dict)
    } else {
      withoutId.push(dict)
    }
  }
  for (const slot of [0, 1, 2, 3]) {
    if (!items.has(slot) && withoutId.length > 0) items.set(slot, withoutId.shift() ?? {})
  }
  if (withoutId.length > 0) throw flagError(flag, value, 'invalid item ids')
  return new Map([...items].sort(([a], [b]) => a - b))
}

function yesNo(input: RequestInput, flag: string, fallback: string): boolean {
  const value = input.str(flag) || fallback
  const lower = value.toLowerCase()
  if (lower === 'yes') return true
  if (lower === 'no') return false
  throw new ProxyException(`Invalid argument (${flag})`)
}

/** Where create and clone differ: whether datacenter/image are read, and defaults for the rest. */
export interface CreateDefaults {
  datacenter: string
  cpu: string
  ram: string
  disk: string
  network: string
  dailybackup: string
  managed: string
  billingcycle: string
  monthlypackage: string
}

/** The cloudcli schema defaults of `server create`. */
export const CREATE_DEFAULTS: Omit<CreateDefaults, 'datacenter'> = {
  cpu: '1B',
  ram: '1024',
  disk: 'id=0,size=20',
  network: 'id=0,name=wan,ip=auto',
  dailybackup: 'no',
  managed: 'no',
  billingcycle: 'hourly',
  monthlypackage: DEFAULT_TRAFFIC_PACKAGE,
}

/** Steps of the caller that run between the generic ones, to keep the proxy's order of checks. */
export interface CreateHooks {
  /** After name and password: create checks `datacenter` and `image` are given. */
  afterPassword?: () => void
  /** After the array flags: create resolves the image. */
  afterArrays?: () => void
}

/**
 * Validates the create fields in the proxy's order: required flags and array syntax (400), password
 * rules, yes/no and billing values (exceptions: 500 `Failed to run command method (createServer)`),
 * then what the backend checks (name, cpu, ram, sizes, VLANs, package: 400 `invalid flag value`).
 */
export function parseCreateFields(
  input: RequestInput,
  state: KamateraState,
  defaults: CreateDefaults,
  hooks: CreateHooks = {},
): CreateSpec {
  const name = input.str('name')
  if (!name) throw flagError('name')
  const sshKey = input.str('ssh-key')
  let password = input.str('password')
  if (!password && !sshKey) throw flagError('password')
  const generated = password === '__generate__'
  if (password && !generated) validatePassword(password)
  hooks.afterPassword?.()
  const cpu = input.str('cpu') || defaults.cpu
  const ram = input.str('ram') || defaults.ram
  const diskFlag = input.str('disk') || defaults.disk
  const disks = parseArrayFlag('disk', diskFlag)
  const networkFlag = input.str('network') || defaults.network
  const networkItems = parseArrayFlag('network', networkFlag)
  hooks.afterArrays?.()
  const backup = yesNo(input, 'dailybackup', defaults.dailybackup)
  const managed = yesNo(input, 'managed', defaults.managed)
  const billingcycle = (input.str('billingcycle') || defaults.billingcycle).trim().toLowerCase()
  if (billingcycle !== 'hourly' && billingcycle !== 'monthly')
    throw new ProxyException('Invalid argument (billingcycle)')
  const powerOn = yesNo(input, 'poweronaftercreate', 'yes')
  const networks: NetworkItem[] = [...networkItems.values()].map((item) => {
    const netName = (item.name ?? '').trim().toLowerCase()
    if (!netName) throw new ProxyException('Invalid argument (network name)')
    return { name: netName, ip: item.ip ?? 'auto' }
  })
  const diskSizes = [...disks.values()].map((item) => {
    if (item.size === undefined) throw new ProxyException('Undefined array key "size"')
    return Number(item.size)
  })
  // Backend checks.
  if (!NAME_PATTERN.test(name)) throw flagError('name', name)
  if (!validCpu(cpu)) throw flagError('cpu', cpu)
  if (!/^\d+$/.test(ram) || !validRam(cpu, Number(ram))) throw flagError('ram', ram)
  if (!disks.has(0) || diskSizes.some((size) => !DISK_SIZES_GB.includes(size))) throw flagError('disk', diskFlag)
  for (const net of networks) {
    if (net.ip !== 'auto' && !/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(net.ip))
      throw flagError('network', networkFlag)
    if (net.name !== 'wan' && !state.findVlan(defaults.datacenter, net.name)) {
      throw new CloudcliError(400, 'selected network was not found (5)', {
        message: 'selected network was not found (5)',
        json_decode_error: null,
      })
    }
  }
  let traffic = ''
  if (billingcycle === 'monthly') {
    traffic = input.str('monthlypackage') || defaults.monthlypackage
    if (!(traffic in TRAFFIC_PACKAGES)) throw flagError('monthlypackage', traffic)
  }
  if (generated) password = generatePassword()
  else if (!password) password = generatePassword() // ssh-key only: a random password, thrown away
  const tag = input.str('tag')
  return {
    name,
    password,
    generated,
    cpu,
    ram: Number(ram),
    diskSizes,
    networks,
    backup,
    managed,
    billing: billingcycle,
    traffic,
    powerOn,
    script: input.str('script-file'),
    userData: input.str('userdata-file'),
    sshKey,
    tags: tag.split(' ').filter(Boolean),
  }
}

/**
 * Resolves the `image` flag for a datacenter (`validateDiskImageId`): `DC:id` must name this
 * datacenter (else an exception); a bare alphanumeric id gets the `DC:` prefix; anything else is
 * looked up by description (an unknown one is an exception). An unknown id is a backend error.
 */
export function resolveImage(datacenter: string, image: string): { id: string; name: string } {
  if (!datacenter || !image) throw new ProxyException('datacenter and image arguments are required for server creation')
  const images = imagesOf(datacenter)
  const parts = image.split(':')
  let id: string | undefined
  if (parts.length === 2) {
    if (parts[0] !== datacenter)
      throw new ProxyException(`disk image ID must match the selected datacenter (${datacenter})`)
    checkDatacenter(datacenter)
    id = image
  } else if (/^[a-zA-Z0-9]+$/.test(image) && images.some((i) => i.id === `${datacenter}:${image}`)) {
    id = `${datacenter}:${image}`
  } else {
    const found = images.find((i) => i.name.trim() === image.trim())
    if (!found) throw new ProxyException(`failed to find disk image ID from name '${image}'`)
    id = found.id
  }
  const found = images.find((i) => i.id === id)
  if (!found) throw flagError('image', image)
  return { id: found.id, name: found.name }
}

/** Checks the datacenter is one the account can use. */
export function checkDatacenter(datacenter: string): void {
  if (!findDatacenter(datacenter)) throw flagError('datacenter', datacenter)
}

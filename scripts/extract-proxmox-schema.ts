/**
 * Cuts the endpoints the Proxmox simulator serves out of the full PVE 8.3 API schema dump
 * and writes them, flattened and stripped of documentation, to
 * `plugins/proxmox/simulator/api-schema.json` (plus the dump's MIT licence next to it).
 *
 *   npx tsx scripts/extract-proxmox-schema.ts [path/to/proxmox-ve-api-8.3.0.json]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SERVED_ENDPOINTS } from '../plugins/proxmox/simulator/served-endpoints.js'
import type { ApiSchema, EndpointSchema, ParamSchema } from '../plugins/proxmox/simulator/schema-types.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const source = resolve(process.argv[2] ?? '/work/shared/reference/proxmox-api-schema/proxmox-ve-api-8.3.0.json')
const outDir = join(root, 'plugins/proxmox/simulator')

/** Highest index of PVE's indexed config keys (qemu-server / pve-container constants). */
const INDEX_MAX: Record<string, number> = {
  net: 31,
  ipconfig: 31,
  scsi: 30,
  virtio: 15,
  sata: 5,
  ide: 3,
  unused: 255,
  hostpci: 15,
  usb: 13,
  serial: 3,
  parallel: 2,
  numa: 7,
  mp: 255,
  dev: 255,
}

interface RawNode {
  path: string
  info?: Record<string, { parameters?: { additionalProperties?: unknown; properties?: Record<string, unknown> } }>
  children?: RawNode[]
}

function findNode(nodes: RawNode[], path: string): RawNode | undefined {
  for (const node of nodes) {
    if (node.path === path) return node
    const hit = node.children ? findNode(node.children, path) : undefined
    if (hit) return hit
  }
  return undefined
}

const KEPT_STRINGS = ['pattern', 'alias', 'keyAlias'] as const
const KEPT_NUMBERS = ['minimum', 'maximum', 'minLength', 'maxLength'] as const
const TYPES = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object', 'null'])

function compactParam(raw: unknown): ParamSchema {
  const r = (raw ?? {}) as Record<string, unknown>
  const out: ParamSchema = {}
  if (typeof r.type === 'string' && TYPES.has(r.type)) out.type = r.type as ParamSchema['type']
  if (r.optional === 1 || r.optional === true || r.optional === '1') out.optional = true
  if (Array.isArray(r.enum)) out.enum = r.enum.map(String)
  for (const key of KEPT_NUMBERS) if (r[key] !== undefined && r[key] !== null) out[key] = Number(r[key])
  for (const key of KEPT_STRINGS) if (typeof r[key] === 'string') out[key] = r[key]
  if (r.default_key === 1 || r.default_key === true) out.default_key = true
  if (typeof r.format === 'string') out.format = r.format
  else if (r.format && typeof r.format === 'object') {
    out.format = Object.fromEntries(Object.entries(r.format).map(([k, v]) => [k, compactParam(v)]))
  }
  if (r.items && typeof r.items === 'object') out.items = compactParam(r.items)
  return out
}

function compactEndpoint(raw: NonNullable<RawNode['info']>[string]): EndpointSchema {
  const properties: Record<string, ParamSchema> = {}
  for (const [name, prop] of Object.entries(raw.parameters?.properties ?? {})) {
    const param = compactParam(prop)
    const indexed = /^(.+)\[n\]$/.exec(name)
    if (indexed) {
      const max = INDEX_MAX[indexed[1] ?? '']
      if (max === undefined) throw new Error(`no index range known for ${name}`)
      param.indexMax = max
    }
    properties[name] = param
  }
  const addl = raw.parameters?.additionalProperties
  return { additionalProperties: addl === 1 || addl === true, properties }
}

const dump = JSON.parse(readFileSync(source, 'utf8')) as RawNode[]
const subset: ApiSchema = {}
for (const endpoint of SERVED_ENDPOINTS) {
  const [method = '', path = ''] = endpoint.split(' ')
  const info = findNode(dump, path)?.info?.[method]
  if (!info) throw new Error(`${endpoint} is not in the schema dump`)
  subset[endpoint] = compactEndpoint(info)
}

writeFileSync(join(outDir, 'api-schema.json'), `${JSON.stringify(subset, null, 1)}\n`)
const licence = readFileSync(join(dirname(source), 'LICENSE'), 'utf8')
writeFileSync(
  join(outDir, 'API-SCHEMA-LICENSE'),
  'api-schema.json is derived from proxmox-ve-api-8.3.0.json of furbyhaxx/proxmox-api-spec\n' +
    '(https://github.com/furbyhaxx/proxmox-api-spec, commit 779f289), used under the MIT licence below.\n\n' +
    licence,
)
console.log(`wrote ${Object.keys(subset).length} endpoints to ${join(outDir, 'api-schema.json')}`)

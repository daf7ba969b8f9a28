import { readFileSync } from 'node:fs'
import type { ApiSchema, EndpointSchema } from './schema-types.js'
import type { ServedEndpoint } from './served-endpoints.js'

let cached: ApiSchema | undefined

/** The endpoint schemas cut from the PVE 8.3 dump by `scripts/extract-proxmox-schema.ts`. */
export function loadApiSchema(): ApiSchema {
  cached ??= JSON.parse(readFileSync(new URL('./api-schema.json', import.meta.url), 'utf8')) as ApiSchema
  return cached
}

/** The schema of one served endpoint; a missing one means `api-schema.json` is stale. */
export function endpointSchema(endpoint: ServedEndpoint): EndpointSchema {
  const schema = loadApiSchema()[endpoint]
  if (!schema) throw new Error(`api-schema.json has no entry for ${endpoint}; run scripts/extract-proxmox-schema.ts`)
  return schema
}

/**
 * The compact JSON-schema dialect stored in `api-schema.json`: the part of PVE's own
 * `PVE::JSONSchema` parameter descriptions that request validation needs.
 */
export interface ParamSchema {
  /** JSON-schema type; PVE treats a missing type as `string`. */
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null'
  /** Whether the parameter may be left out. */
  optional?: boolean
  /** Allowed values. */
  enum?: string[]
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  /** A Perl regex that must match the whole value (PVE anchors it as `^...$`). */
  pattern?: string
  /** A named format (`pve-node`, `urlencoded`, ...) or the keys of a property string. */
  format?: string | Record<string, ParamSchema>
  /** Schema of the elements of an `array` parameter. */
  items?: ParamSchema
  /** Inside a property string: the key a bare value (`virtio,bridge=vmbr0`) belongs to. */
  default_key?: boolean
  /** Inside a property string: this key is another name for `alias` (`virtio=<mac>` → `macaddr`). */
  alias?: string
  /** Inside a property string: where the aliased key's own name is stored (`model`). */
  keyAlias?: string
  /** For indexed keys such as `net[n]`: the highest allowed index. */
  indexMax?: number
}

/** The parameter schema of one endpoint. */
export interface EndpointSchema {
  /** PVE rejects unknown parameters unless this is set. */
  additionalProperties: boolean
  properties: Record<string, ParamSchema>
}

/** `api-schema.json`: endpoint schemas keyed by `"<METHOD> <path template>"`. */
export type ApiSchema = Record<string, EndpointSchema>

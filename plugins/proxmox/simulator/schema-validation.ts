import { checkNamedFormat, FormatError, NAMED_PROPERTY_FORMATS } from './named-formats.js'
import type { EndpointSchema, ParamSchema } from './schema-types.js'

/** Request parameters after validation, in the form PVE handlers see them: strings or lists of strings. */
export type Params = Record<string, string | string[]>

/** Per-parameter error texts, the `errors` object of a 400 reply. */
export type ParamErrors = Record<string, string>

/** Outcome of {@link validateParams}. */
export type ValidationResult = { ok: true; params: Params } | { ok: false; errors: ParamErrors }

const INTEGER = /^[+-]?\d+$/
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * Validates request parameters the way `PVE::JSONSchema::validate` does: unknown keys, missing
 * required keys, types (booleans only `0|1` unless a JSON `true|false`), formats (named ones and
 * property strings), pattern, length, range and enum, with PVE's error texts.
 */
export function validateParams(raw: Record<string, unknown>, schema: EndpointSchema): ValidationResult {
  const errors: ParamErrors = {}
  const params: Params = {}
  for (const [name, prop] of Object.entries(schema.properties)) {
    if (prop.indexMax !== undefined) continue
    checkProp(raw[name] ?? undefined, prop, name, errors)
  }
  for (const [name, value] of Object.entries(raw)) {
    const prop = lookupProperty(schema, name)
    if (!prop) {
      if (!schema.additionalProperties) {
        addError(errors, name, 'property is not defined in schema and the schema does not allow additional properties')
      }
    } else if (prop.indexMax !== undefined) {
      checkProp(value ?? undefined, prop, name, errors)
    }
    const normalized = normalize(value, prop)
    if (normalized !== undefined) params[name] = normalized
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, params }
}

/** Finds the schema of `name`, including indexed keys such as `net0` → `net[n]`. */
export function lookupProperty(schema: EndpointSchema, name: string): ParamSchema | undefined {
  if (Object.hasOwn(schema.properties, name)) return schema.properties[name]
  const indexed = /^([a-z][a-z_-]*?)(\d+)$/.exec(name)
  if (!indexed) return undefined
  const prop = schema.properties[`${indexed[1]}[n]`]
  if (!prop || prop.indexMax === undefined) return undefined
  const index = Number(indexed[2])
  return String(index) === indexed[2] && index <= prop.indexMax ? prop : undefined
}

function addError(errors: ParamErrors, path: string, message: string): void {
  errors[path] ??= message
}

/** Perl's `ref($value)` for the JSON values a body can carry ('' for scalars). */
function perlRef(value: unknown): string {
  if (Array.isArray(value)) return 'ARRAY'
  if (typeof value === 'boolean') return 'JSON::PP::Boolean'
  if (value !== null && typeof value === 'object') return 'HASH'
  return ''
}

function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : String(value)
}

function checkType(path: string, type: ParamSchema['type'], value: unknown, errors: ParamErrors): boolean {
  if (!type) return true
  const ref = perlRef(value)
  if (ref) {
    if (type === 'array' && ref === 'ARRAY') return true
    if (type === 'object' && ref === 'HASH') return true
    if (type === 'boolean' && ref === 'JSON::PP::Boolean') return true
    addError(errors, path, `type check ('${type}') failed - got ${ref}`)
    return false
  }
  const text = scalarText(value)
  switch (type) {
    case 'string':
      return true
    case 'boolean':
      if (text === '0' || text === '1') return true
      break
    case 'integer':
      if (INTEGER.test(text)) return true
      break
    case 'number':
      if (NUMBER.test(text)) return true
      break
    default:
      addError(errors, path, `type check ('${type}') failed`)
      return false
  }
  addError(errors, path, `type check ('${type}') failed - got '${text}'`)
  return false
}

function checkProp(value: unknown, prop: ParamSchema, path: string, errors: ParamErrors): void {
  if (value === undefined || value === null) {
    if (prop.type === 'null') return
    if (!prop.optional && !prop.alias) addError(errors, path, 'property is missing and it is not optional')
    return
  }
  // A single value where a list is expected counts as a one-element list.
  if (prop.type === 'array' && !Array.isArray(value) && perlRef(value) === '') value = [value]
  if (!checkType(path, prop.type, value, errors)) return
  if (Array.isArray(value)) {
    if (prop.items) {
      for (const [i, el] of value.entries()) checkProp(el, prop.items as ParamSchema, `${path}[${i}]`, errors)
    }
    return
  }
  if (perlRef(value) !== '') return
  const text = scalarText(value)
  if (prop.format !== undefined) {
    const problem = checkFormat(prop.format, text, path)
    if (problem !== undefined) {
      addError(errors, path, `invalid format - ${problem}`)
      return
    }
  }
  if (prop.pattern !== undefined && !matchesPattern(prop.pattern, text)) {
    addError(errors, path, 'value does not match the regex pattern')
    return
  }
  if (prop.maxLength !== undefined && text.length > prop.maxLength) {
    addError(errors, path, `value may only be ${prop.maxLength} characters long`)
    return
  }
  if (prop.minLength !== undefined && text.length < prop.minLength) {
    addError(errors, path, `value must be at least ${prop.minLength} characters long`)
    return
  }
  if (NUMBER.test(text)) {
    if (prop.maximum !== undefined && Number(text) > prop.maximum) {
      addError(errors, path, `value must have a maximum value of ${prop.maximum}`)
      return
    }
    if (prop.minimum !== undefined && Number(text) < prop.minimum) {
      addError(errors, path, `value must have a minimum value of ${prop.minimum}`)
      return
    }
  }
  if (prop.enum && !prop.enum.includes(text)) {
    addError(errors, path, `value '${text}' does not have a value in the enumeration '${prop.enum.join(', ')}'`)
  }
}

const patternCache = new Map<string, RegExp | null>()

function matchesPattern(pattern: string, text: string): boolean {
  let re = patternCache.get(pattern)
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`, 'u')
    } catch {
      re = null // a Perl-only construct: accept rather than reject valid input
    }
    patternCache.set(pattern, re)
  }
  return re === null || re.test(text)
}

/** Returns PVE's error text (after "invalid format - ") or undefined when the value is fine. */
function checkFormat(format: NonNullable<ParamSchema['format']>, text: string, path: string): string | undefined {
  if (typeof format === 'string') {
    const named = NAMED_PROPERTY_FORMATS[format]
    if (named) return checkPropertyString(named, text, path)
    try {
      checkNamedFormat(format, text)
      return undefined
    } catch (err) {
      if (err instanceof FormatError) return err.message
      throw err
    }
  }
  return checkPropertyString(format, text, path)
}

const TRUE_WORDS = /^(?:1|on|yes|true)$/i
const FALSE_WORDS = /^(?:0|off|no|false)$/i

/** `PVE::JSONSchema::parse_property_string` followed by the check of every key. */
function checkPropertyString(format: Record<string, ParamSchema>, text: string, path: string): string | undefined {
  const parsed: Record<string, string> = {}
  let defaultKey: string | undefined
  for (const part of text.split(',')) {
    if (/^\s*$/.test(part)) continue
    const kv = /^([^=]+)=(.+)$/s.exec(part)
    if (kv) {
      let key = kv[1] ?? ''
      let value = kv[2] ?? ''
      if (parsed[key] !== undefined) return `duplicate key in comma-separated list property: ${key}\n`
      let schema = format[key]
      if (schema?.alias) {
        if (schema.keyAlias) {
          if (parsed[schema.keyAlias] !== undefined) return `key alias '${schema.keyAlias}' is already defined\n`
          parsed[schema.keyAlias] = key
        }
        key = schema.alias
        schema = format[key]
      }
      if (!schema) return `invalid key in comma-separated list property: ${key}\n`
      if (schema.type === 'boolean') value = TRUE_WORDS.test(value) ? '1' : FALSE_WORDS.test(value) ? '0' : value
      parsed[key] = value
    } else if (!part.includes('=')) {
      if (defaultKey !== undefined) return `duplicate key in comma-separated list property: ${defaultKey}\n`
      defaultKey = Object.keys(format).find((k) => format[k]?.default_key)
      if (defaultKey === undefined) return 'value without key, but schema does not define a default key\n'
      if (parsed[defaultKey] !== undefined) return `duplicate key in comma-separated list property: ${defaultKey}\n`
      parsed[defaultKey] = part
    } else {
      return 'missing key in comma-separated list property\n'
    }
  }
  const errors: ParamErrors = {}
  for (const [key, schema] of Object.entries(format)) checkProp(parsed[key], schema, `${path}.${key}`, errors)
  for (const key of Object.keys(parsed)) {
    if (!format[key]) {
      addError(
        errors,
        `${path}.${key}`,
        'property is not defined in schema and the schema does not allow additional properties',
      )
    }
  }
  const lines = Object.entries(errors)
  if (lines.length === 0) return undefined
  return `format error\n${lines.map(([k, v]) => `${k}: ${v}\n`).join('')}`
}

function normalize(value: unknown, prop: ParamSchema | undefined): string | string[] | undefined {
  if (value === undefined || value === null) return undefined
  if (Array.isArray(value)) return value.map((el) => normalizeScalar(el))
  if (prop?.type === 'array') return [normalizeScalar(value)]
  return normalizeScalar(value)
}

function normalizeScalar(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return JSON.stringify(value)
}

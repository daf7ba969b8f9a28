import { BadInputError } from '../errors/index.js'

/** A variable as a user sets it. */
export interface VariableInput {
  key: string
  value: string
  /** Write-only: never shown again, by any surface. */
  secret?: boolean | null
}

/** A variable as it is shown: a secret's value is null. */
export interface DeploymentVariable {
  key: string
  value: string | null
  secret: boolean
  updatedAt: Date
}

/** Environment variable names as POSIX shells and most apps accept them. */
export const VARIABLE_KEY = /^[A-Z_][A-Z0-9_]*$/
const MAX_KEY_LENGTH = 128
const MAX_VALUE_BYTES = 32 * 1024
/** Most variables one deployment may hold. */
export const MAX_VARIABLES = 200
/** Set by Hangar itself: `port` on the deployment chooses it. */
const RESERVED = new Set(['PORT'])

function fail(field: string, message: string): never {
  throw new BadInputError(`${field}: ${message}`, { field })
}

/** Checks one key; `field` names it in the error. */
export function checkVariableKey(key: string, field: string): void {
  if (!VARIABLE_KEY.test(key) || key.length > MAX_KEY_LENGTH)
    fail(
      field,
      `"${key.slice(0, MAX_KEY_LENGTH)}" is not a variable name: ` +
        `capital letters, digits and "_", not starting with a digit, at most ${MAX_KEY_LENGTH}`,
    )
  if (RESERVED.has(key)) fail(field, `${key} is set by Hangar (the deployment's port); it cannot be a variable`)
}

/**
 * Checks variables before anything is stored. Errors name the field (`input.variables[1].key`)
 * and never repeat a value: it may be a secret.
 */
export function validateVariables(variables: readonly VariableInput[], field: string): VariableInput[] {
  const seen = new Set<string>()
  return variables.map((variable, index) => {
    const at = `${field}[${index}]`
    checkVariableKey(variable.key, `${at}.key`)
    if (seen.has(variable.key)) fail(`${at}.key`, `${variable.key} is given twice`)
    seen.add(variable.key)
    if (variable.value.includes('\0')) fail(`${at}.value`, 'a value cannot hold a NUL character (no environment can)')
    if (Buffer.byteLength(variable.value, 'utf8') > MAX_VALUE_BYTES)
      fail(`${at}.value`, `at most ${MAX_VALUE_BYTES / 1024} KiB`)
    return { key: variable.key, value: variable.value, secret: variable.secret ?? false }
  })
}

/** A value in single quotes for a POSIX shell: every character stands for itself, newlines included. */
const singleQuoted = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`

/**
 * The environment file the app's launcher (and its build) sources: one `export KEY='value'` per
 * variable, each value single-quoted so that quotes, `$`, backslashes and newlines reach the app
 * unchanged. Keys are validated names, so nothing else in the file is shell.
 */
export function environmentFile(environment: Readonly<Record<string, string>>): string {
  return Object.entries(environment)
    .map(([key, value]) => {
      if (!VARIABLE_KEY.test(key)) throw new Error(`not a variable name: ${key}`)
      return `export ${key}=${singleQuoted(value)}\n`
    })
    .join('')
}

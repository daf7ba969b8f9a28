import { randomBytes } from 'node:crypto'
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { Kysely } from 'kysely'
import { ConfigError } from '../config/load-config.js'
import type { DatabaseTarget } from '../db/database-url.js'
import type { HangarTables } from '../db/tables.js'
import { createSecretBox, type SecretBox } from './secret-box.js'

/** The name of the generated key's file, beside the SQLite file (PostgreSQL: in `./data`). */
export const SECRET_KEY_FILE = 'hangar-secret.key'
/** The `hangar_meta` row that tells whether the key at hand is the one the database's secrets were sealed with. */
const CHECK_KEY = 'secret-key-check'
const CHECK_PURPOSE = 'secret-key-check'
const CHECK_TEXT = 'hangar secret key check'

/**
 * Reads `HANGAR_SECRET_KEY`: 32 bytes as 64 hex digits or as base64. The message never repeats
 * the value.
 */
export function parseSecretKey(text: string, field = 'HANGAR_SECRET_KEY'): Buffer {
  const trimmed = text.trim()
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex')
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    if (key.length === 32) return key
  }
  throw new ConfigError(
    `${field}: must be 32 bytes written as 64 hex digits or as base64 (\`openssl rand -base64 32\` makes one)`,
  )
}

/** Where the generated key lives for this database; undefined for an in-memory one. */
export function secretKeyPath(target: DatabaseTarget, cwd = process.cwd()): string | undefined {
  if (target.dialect === 'postgres') return resolve(cwd, 'data', SECRET_KEY_FILE)
  if (target.path === ':memory:') return undefined
  return join(dirname(resolve(cwd, target.path)), SECRET_KEY_FILE)
}

/** A line for the log, written once the gateway said where it listens (its first line). */
export interface SecretKeyNotice {
  level: 'info' | 'warn'
  fields: Record<string, unknown>
  message: string
}

/** Reads the key file, or makes it (exclusively: two gateways starting at once end up with one key). */
async function keyFromFile(path: string, notices: SecretKeyNotice[]): Promise<Buffer> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  // Written whole to a file of its own, then linked into place: a gateway starting at the same
  // moment either makes the link or finds the finished file, never a half-written one.
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`
  try {
    await writeFile(draft, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 })
    await link(draft, path)
    notices.push({
      level: 'warn',
      fields: { secretKeyFile: path },
      message:
        `generated the key that encrypts secrets at rest (deployment secrets, SSH private keys) into ${path}; ` +
        'back it up with the database (without it they cannot be read), or set HANGAR_SECRET_KEY',
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new ConfigError(`HANGAR_SECRET_KEY: not set, and ${path} cannot be written: ${(error as Error).message}`)
    if (((await stat(path)).mode & 0o077) !== 0)
      notices.push({
        level: 'warn',
        fields: { secretKeyFile: path },
        message: `${path} can be read by other users; \`chmod 600\` it`,
      })
    notices.push({
      level: 'info',
      fields: { secretKeyFile: path },
      message: `secrets at rest are encrypted with the key in ${path}`,
    })
  } finally {
    await unlink(draft).catch(() => {})
  }
  return parseSecretKey(await readFile(path, 'utf8'), path)
}

/**
 * The box that seals Hangar's secrets at rest: with `HANGAR_SECRET_KEY` when set, else with a key
 * generated on first start beside the database (said in `notices`, for the log). A database whose secrets
 * were sealed with another key is refused with a message saying so, before anything is served.
 */
export async function loadSecretBox({
  configured,
  target,
  db,
  notices = [],
}: {
  configured?: string
  target: DatabaseTarget
  db: Kysely<HangarTables>
  notices?: SecretKeyNotice[]
}): Promise<SecretBox> {
  const path = secretKeyPath(target)
  let key: Buffer
  if (configured !== undefined) key = parseSecretKey(configured)
  else if (path) key = await keyFromFile(path, notices)
  else {
    // An in-memory database forgets its secrets with the process: so may its key.
    key = randomBytes(32)
    notices.push({
      level: 'info',
      fields: {},
      message: 'secrets at rest are encrypted with a key kept in memory, like the database',
    })
  }
  const box = createSecretBox(key)
  await db
    .insertInto('hangar_meta')
    .values({ key: CHECK_KEY, value: box.seal(CHECK_TEXT, CHECK_PURPOSE) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  const check = await db
    .selectFrom('hangar_meta')
    .select('value')
    .where('key', '=', CHECK_KEY)
    .executeTakeFirstOrThrow()
  let opened: string | undefined
  try {
    opened = box.open(check.value, CHECK_PURPOSE)
  } catch {
    // Another key.
  }
  if (opened !== CHECK_TEXT) {
    const source =
      configured !== undefined ? 'HANGAR_SECRET_KEY is not' : `HANGAR_SECRET_KEY is not set and ${path} does not hold`
    throw new ConfigError(
      `HANGAR_SECRET_KEY: ${source} the key this database's secrets were sealed with; ` +
        'set HANGAR_SECRET_KEY to that key (or put its file back)',
    )
  }
  return box
}

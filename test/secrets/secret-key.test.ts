import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/open-database.js'
import {
  loadSecretBox,
  parseSecretKey,
  secretKeyPath,
  type SecretKeyNotice,
} from '../../src/secrets/load-secret-key.js'
import { createSecretBox, isSealed } from '../../src/secrets/secret-box.js'

const directory = mkdtempSync(join(tmpdir(), 'hangar-secret-key-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

describe('the secret box', () => {
  const box = createSecretBox(randomBytes(32))

  it('seals with a fresh IV each time and opens what it sealed', () => {
    const one = box.seal('p@ss "word"\n', 'purpose')
    const two = box.seal('p@ss "word"\n', 'purpose')
    expect(isSealed(one)).toBe(true)
    expect(one).not.toBe(two)
    expect(one).not.toContain('p@ss')
    expect(box.open(one, 'purpose')).toBe('p@ss "word"\n')
  })

  it('refuses a value sealed for another purpose, with another key, or tampered with', () => {
    const sealed = box.seal('value', 'deployment-variable:1:A')
    expect(() => box.open(sealed, 'deployment-variable:2:A')).toThrow()
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'deployment-variable:1:A')).toThrow()
    const raw = Buffer.from(sealed.slice(5), 'base64')
    raw[raw.length - 1]! ^= 1
    expect(() => box.open(`hgs1:${raw.toString('base64')}`, 'deployment-variable:1:A')).toThrow()
  })
})

describe('HANGAR_SECRET_KEY', () => {
  it('reads 64 hex digits or base64 of 32 bytes', () => {
    const key = randomBytes(32)
    expect(parseSecretKey(key.toString('hex'))).toEqual(key)
    expect(parseSecretKey(key.toString('base64'))).toEqual(key)
    expect(parseSecretKey(key.toString('base64url'))).toEqual(key)
  })

  it.each([
    '',
    'short',
    randomBytes(16).toString('hex'),
    randomBytes(31).toString('base64'),
    `${randomBytes(32).toString('hex')}00`,
  ])('refuses %j without repeating it', (value) => {
    expect(() => parseSecretKey(value)).toThrow(/^HANGAR_SECRET_KEY: must be 32 bytes/)
    try {
      parseSecretKey(value)
    } catch (error) {
      if (value) expect((error as Error).message).not.toContain(value)
    }
  })

  it('lives beside the SQLite file, in ./data for PostgreSQL, nowhere for an in-memory database', () => {
    expect(secretKeyPath({ dialect: 'sqlite', path: '/srv/hangar/hangar.db' })).toBe('/srv/hangar/hangar-secret.key')
    expect(secretKeyPath({ dialect: 'postgres', connectionString: 'postgres://x@h/d' }, '/srv/app')).toBe(
      '/srv/app/data/hangar-secret.key',
    )
    expect(secretKeyPath({ dialect: 'sqlite', path: ':memory:' })).toBeUndefined()
  })
})

describe('the key of a database', () => {
  it('is generated on first start (mode 600, said in the log), then read again; another key is refused', async () => {
    const path = join(directory, 'first.db')
    const database = await openDatabase(`sqlite:${path}`)
    try {
      const target = { dialect: 'sqlite' as const, path }
      const notices: SecretKeyNotice[] = []
      const box = await loadSecretBox({ target, db: database.db, notices })
      const keyFile = join(directory, 'hangar-secret.key')
      expect(statSync(keyFile).mode & 0o777).toBe(0o600)
      expect(notices.map((notice) => notice.message).join('\n')).toContain(
        `generated the key that encrypts secrets at rest (deployment secrets, SSH private keys) into ${keyFile}`,
      )
      expect(JSON.stringify(notices)).not.toContain(readFileSync(keyFile, 'utf8').trim())

      const again = await loadSecretBox({ target, db: database.db })
      expect(again.open(box.seal('x', 'p'), 'p')).toBe('x')

      const configured = readFileSync(keyFile, 'utf8').trim()
      await expect(loadSecretBox({ configured, target, db: database.db })).resolves.toBeDefined()
      await expect(
        loadSecretBox({ configured: randomBytes(32).toString('hex'), target, db: database.db }),
      ).rejects.toThrow(/^HANGAR_SECRET_KEY: HANGAR_SECRET_KEY is not the key this database's secrets were sealed with/)
      writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`)
      await expect(loadSecretBox({ target, db: database.db })).rejects.toThrow(
        /does not hold the key this database's secrets were sealed with/,
      )
    } finally {
      await database.close()
    }
  })
})

describe('private keys stored in clear by an earlier Hangar', () => {
  it('are sealed at start, and still open', async () => {
    const { createDeploymentStore } = await import('../../src/deployments/deployment-store.js')
    const database = await openDatabase('sqlite::memory:')
    try {
      const store = createDeploymentStore(database.db, createSecretBox(randomBytes(32)))
      const input = {
        name: 'legacy',
        type: 'VM' as const,
        framework: 'nodejs',
        githubUrl: 'https://github.com/acme/a.git',
        branch: null,
        cpu: 1,
        memory: 512,
        disk: 5,
        provider: 'pve',
      }
      const made = await store.create(input, {
        publicKey: 'ssh-ed25519 AAAA',
        privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nlegacy\n',
      })
      await database.db
        .updateTable('deployments')
        .set({ ssh_private_key: '-----BEGIN OPENSSH PRIVATE KEY-----\nlegacy\n' })
        .where('id', '=', made.id)
        .execute()
      expect(await store.sealStoredKeys()).toBe(1)
      const raw = await database.db
        .selectFrom('deployments')
        .select('ssh_private_key')
        .where('id', '=', made.id)
        .executeTakeFirstOrThrow()
      expect(isSealed(raw.ssh_private_key!)).toBe(true)
      expect((await store.keys(made.id))!.privateKey).toBe('-----BEGIN OPENSSH PRIVATE KEY-----\nlegacy\n')
      expect(await store.sealStoredKeys()).toBe(0)
    } finally {
      await database.close()
    }
  })
})

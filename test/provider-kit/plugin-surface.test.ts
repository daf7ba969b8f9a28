import { describe, expect, it } from 'vitest'
import {
  HANGAR_ERROR,
  isHangarError,
  NotFoundError,
  type ProviderPlugin,
  type StandardSchemaV1,
} from 'hangar/provider-kit'
import { createLogger } from '../../src/logger.js'
import { createProviders } from '../../src/providers/registry.js'
import { createErrorMasker } from '../../src/server/mask-error.js'

const logger = createLogger({ level: 'silent' })

describe('errors a plugin throws', () => {
  it('are recognised by their mark and code, not by class identity', () => {
    // What a plugin built against another copy of the kit throws: its own class, the same mark.
    class CopiedNotFound extends Error {
      readonly code = 'NOT_FOUND'
      readonly extensions = { provider: 'acme' }
      constructor(message: string) {
        super(message)
        Object.defineProperty(this, Symbol.for('hangar.error'), { value: true })
      }
    }
    expect(isHangarError(new CopiedNotFound('acme: no server 7'))).toBe(true)
    expect(isHangarError(new NotFoundError('x'))).toBe(true)
    expect((new NotFoundError('x') as unknown as Record<symbol, unknown>)[HANGAR_ERROR]).toBe(true)
    const masked = createErrorMasker(logger)(new CopiedNotFound('acme: no server 7'), 'Unexpected error.')
    expect(masked).toMatchObject({ message: 'acme: no server 7', extensions: { code: 'NOT_FOUND', provider: 'acme' } })
  })

  it("are masked when unmarked or carrying a code outside the contract, so a library's message never leaks", () => {
    const unmarked = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:8006 password=hunter2'), {
      code: 'NOT_FOUND',
    })
    const foreignCode = Object.assign(new Error('nope'), { code: 'ENOENT', [Symbol.for('hangar.error')]: true })
    expect(isHangarError(unmarked)).toBe(false)
    expect(isHangarError(foreignCode)).toBe(false)
    const masked = createErrorMasker(logger)(unmarked, 'Unexpected error.')
    expect(masked.message).not.toContain('hunter2')
    expect(masked).toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR' } })
  })
})

/** A Standard Schema written by hand, as a plugin that uses no zod (or another zod) would bring. */
const portSchema: StandardSchemaV1<unknown, { port: number }> = {
  '~standard': {
    version: 1,
    vendor: 'hand-written',
    validate: async (value) => {
      const port = (value as { port?: unknown } | null)?.port
      if (typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65_536) return { value: { port } }
      return { issues: [{ message: 'a TCP port (1 to 65535)', path: [{ key: 'port' }] }] }
    },
  },
}

const made: { port: number }[] = []
const plugin: ProviderPlugin<{ port: number }> = {
  name: 'ported',
  optionsSchema: portSchema,
  create(instanceName, options) {
    made.push(options)
    return {
      name: instanceName,
      plugin: 'ported',
      capabilities: [],
      checkConnection: async () => {},
      listServers: async () => [],
      getServer: async () => undefined,
      listResources: async () => [],
    }
  },
}

describe("a plugin's options schema", () => {
  const specifier = `data:text/javascript,export default ${encodeURIComponent('globalThis.__hangarPortedPlugin')}`
  ;(globalThis as Record<string, unknown>).__hangarPortedPlugin = plugin

  it('may be any Standard Schema, sync or async; the provider gets what it answered', async () => {
    const providers = await createProviders(
      { providers: [{ name: 'p1', plugin: specifier, options: { port: 8006 } }], sources: {} },
      logger,
    )
    expect(providers.map((provider) => provider.name)).toEqual(['p1'])
    expect(made).toEqual([{ port: 8006 }])
  })

  it('refuses options it does not validate, naming the field as the config file has it', async () => {
    const refused = createProviders(
      {
        providers: [{ name: 'p2', plugin: specifier, options: { port: 'eighty' } }],
        sources: { p2: { kind: 'file', path: 'hangar.json', index: 3 } },
      },
      logger,
    )
    await expect(refused).rejects.toThrow('provider "p2": providers[3].options.port: a TCP port (1 to 65535)')
  })
})

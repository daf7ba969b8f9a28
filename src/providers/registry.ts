import { createRequire, register } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ConfigSource, HangarConfig } from '../config/load-config.js'
import { ConfigError, describeIssues, optionFieldName } from '../config/load-config.js'
import type { Logger } from '../logger.js'
import type { HangarMetrics } from '../metrics/hangar-metrics.js'
import { isStandardSchema, validateWith } from '../provider-kit/standard-schema.js'
import type { Provider, ProviderPlugin } from './contract.js'

/** Plugins that ship with Hangar, loaded lazily so an unused one costs nothing. */
const BUILT_IN: Record<string, () => Promise<{ default: unknown }>> = {
  proxmox: () => import('../../plugins/proxmox/index.js'),
  kamatera: () => import('../../plugins/kamatera/index.js'),
}

function isProviderPlugin(value: unknown): value is ProviderPlugin<unknown> {
  const candidate = value as Partial<ProviderPlugin<unknown>> | null
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.name === 'string' &&
    typeof candidate.create === 'function' &&
    isStandardSchema(candidate.optionsSchema)
  )
}

/** A package name, maybe with a subpath (`hangar-provider-acme`, `@acme/hangar/plugin`): not a path or URL. */
const PACKAGE_SPECIFIER = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w.-]+)*$/i

let hangarResolvable = false

/**
 * Lets every plugin package import `hangar/provider-kit` from the Hangar that loads it, even where
 * npm installed it without a `hangar` beside it (Hangar is the peer the user runs): see
 * `resolve-hangar.mjs`.
 */
function makeHangarResolvable(): void {
  if (hangarResolvable) return
  hangarResolvable = true
  register('./resolve-hangar.mjs', { parentURL: import.meta.url, data: { hangarFile: import.meta.url } })
}

/** The package a specifier names: `@acme/hangar` of `@acme/hangar/plugin`, `x` of `x/y`. */
function packageNameOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

/**
 * Where a package named in the config is looked for first: beside the config file, then in the
 * working directory (where `npm install hangar-provider-acme` put it), then beside Hangar itself.
 */
function importPackage(specifier: string, searchFrom: string[]): Promise<unknown> {
  for (const directory of searchFrom) {
    let resolved: string
    try {
      resolved = createRequire(join(directory, 'package.json')).resolve(specifier)
    } catch {
      continue
    }
    return import(pathToFileURL(resolved).href)
  }
  return import(specifier)
}

/**
 * Finds a plugin by built-in name or imports it by package specifier (a third party publishes a
 * module whose default export is a {@link ProviderPlugin}), or by a file URL.
 */
export async function loadPlugin(
  specifier: string,
  searchFrom: string[] = [process.cwd()],
): Promise<ProviderPlugin<unknown>> {
  const builtIn = BUILT_IN[specifier]
  if (!builtIn) makeHangarResolvable()
  let module: unknown
  try {
    module = builtIn
      ? await builtIn()
      : PACKAGE_SPECIFIER.test(specifier)
        ? await importPackage(specifier, searchFrom)
        : await import(specifier)
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException
    // Not installed is one thing; installed but missing one of its own imports is another.
    const missing =
      code === 'ERR_MODULE_NOT_FOUND' &&
      [specifier, packageNameOf(specifier)].some((name) => message.includes(`'${name}'`))
    const reason = missing
      ? `not installed (looked beside the config file, in ${process.cwd()} and beside Hangar)`
      : message
    throw new ConfigError(`plugin "${specifier}" cannot be loaded: ${reason}`)
  }
  const plugin = (module as { default?: unknown }).default ?? module
  if (!isProviderPlugin(plugin)) {
    throw new ConfigError(
      `plugin "${specifier}" does not export a provider plugin (name, optionsSchema as a Standard Schema, create)`,
    )
  }
  return plugin
}

/**
 * Builds every configured provider. Options are validated by each plugin's own schema; the error
 * names the field as the user wrote it (`PROXMOX_URL`, `providers[0].options.url`).
 */
export async function createProviders(
  config: Pick<HangarConfig, 'providers' | 'sources'>,
  logger: Logger,
  metrics?: HangarMetrics,
): Promise<Provider[]> {
  const providers: Provider[] = []
  for (const entry of config.providers) {
    const source: ConfigSource | undefined = config.sources[entry.name]
    const plugin = await loadPlugin(
      entry.plugin,
      source?.kind === 'file' ? [dirname(resolve(source.path)), process.cwd()] : [process.cwd()],
    )
    const options = await validateWith(plugin.optionsSchema, entry.options)
    if (!options.ok) {
      throw new ConfigError(
        `provider "${entry.name}": ${describeIssues(options, (path) => optionFieldName(source, entry.name, path))}`,
      )
    }
    providers.push(
      plugin.create(entry.name, options.value, {
        logger: logger.child({ provider: entry.name }),
        upstream: metrics?.upstream(entry.name),
      }),
    )
  }
  return providers
}

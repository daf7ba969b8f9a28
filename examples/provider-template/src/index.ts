/**
 * The Acme provider plugin: the servers of one Acme Cloud account. Hangar loads this module by
 * its package name (`"plugin": "hangar-provider-acme"` in `HANGAR_CONFIG`) and uses its default
 * export. Start a provider of your own by copying this folder; see its README.
 */
import type { ProviderPlugin } from 'hangar/provider-kit'
import { createAcmeProvider } from './acme-provider.js'
import { type AcmeOptions, acmeOptionsSchema } from './options.js'

export { type AcmeOptions, acmeOptionsSchema } from './options.js'

const acmePlugin: ProviderPlugin<AcmeOptions> = {
  name: 'acme',
  optionsSchema: acmeOptionsSchema,
  // Builds the provider without any network I/O: the gateway calls checkConnection later.
  create: (instance, options, { logger, upstream }) => createAcmeProvider(instance, options, logger, upstream),
}

export default acmePlugin

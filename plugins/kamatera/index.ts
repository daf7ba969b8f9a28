import type { ProviderPlugin } from '../../src/providers/contract.js'
import { createKamateraProvider } from './kamatera-provider.js'
import { kamateraOptionsSchema, type KamateraOptions } from './options.js'

export { createKamateraProvider } from './kamatera-provider.js'
export { kamateraOptionsSchema, type KamateraOptions } from './options.js'

/** The Kamatera plugin: the servers of one account, through the cloudcli API. */
const kamateraPlugin: ProviderPlugin<KamateraOptions> = {
  name: 'kamatera',
  optionsSchema: kamateraOptionsSchema,
  create: (instanceName, options, { logger, upstream }) => createKamateraProvider(instanceName, options, logger, upstream),
}

export default kamateraPlugin

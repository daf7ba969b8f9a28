import type { ProviderPlugin } from 'hangar/provider-kit'
import { createKamateraProvider } from './kamatera-provider.js'
import { kamateraOptionsSchema, type KamateraOptions } from './options.js'

export { createKamateraProvider } from './kamatera-provider.js'
export { kamateraOptionsSchema, type KamateraOptions } from './options.js'

/** The Kamatera plugin: the servers of one account, through the cloudcli API. */
const kamateraPlugin = {
  name: 'kamatera',
  optionsSchema: kamateraOptionsSchema,
  create: (instanceName, options, { logger, upstream }) =>
    createKamateraProvider(instanceName, options, logger, upstream),
} satisfies ProviderPlugin<KamateraOptions>

export default kamateraPlugin

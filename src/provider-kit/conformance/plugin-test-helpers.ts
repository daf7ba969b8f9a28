import type { ProviderLogger, ProviderPlugin } from '../../providers/contract.js'
import { describeIssues, validateWith } from '../standard-schema.js'

/** A {@link ProviderLogger} that writes nothing: what a plugin's tests hand `create`. */
export const silentLogger: ProviderLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
}

/**
 * Validates `input` with the plugin's own options schema, as the gateway does before `create`,
 * and gives the options; throws naming each refused field (`url: an http or https URL`).
 */
export async function parseOptions<Options>(plugin: ProviderPlugin<Options>, input: unknown): Promise<Options> {
  const result = await validateWith(plugin.optionsSchema, input)
  if (result.ok) return result.value
  const issues = describeIssues(result, (path) => path.map(String).join('.') || '(options)')
  throw new Error(`options of plugin "${plugin.name}" refused: ${issues}`)
}

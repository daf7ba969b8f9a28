import { NodeResources, ProviderNames } from './documents.js'
import type { DashboardResourcesQuery } from './gql/graphql.js'
import { request } from './graphql-request.js'

/** One compute host as the resource bars draw it. */
export type Host = DashboardResourcesQuery['resources'][number]

/** The hosts that could be read, and why each provider that could not be read was not. */
export interface LoadedHosts {
  hosts: Host[]
  /** The gateway's message for each provider left out (`kama: Kamatera refused our credentials ...`). */
  missing: string[]
}

/**
 * The compute hosts of every provider, asked for one provider at a time, so that a provider that
 * does not answer hides no other's hosts (as the server cards list `unavailableProviders`). Fails
 * only when no provider could be read, or their names could not (no gateway, signed out).
 */
export async function loadHosts(): Promise<LoadedHosts> {
  const names = (await request(ProviderNames, {})).providers.map((provider) => provider.name)
  const answers = await Promise.allSettled(names.map((provider) => request(NodeResources, { provider })))
  const hosts: Host[] = []
  const missing: string[] = []
  for (const answer of answers) {
    if (answer.status === 'fulfilled') hosts.push(...answer.value.resources)
    else missing.push(answer.reason instanceof Error ? answer.reason.message : String(answer.reason))
  }
  const failed = answers.find((answer) => answer.status === 'rejected')
  if (failed && missing.length === names.length) throw failed.reason
  return { hosts, missing }
}

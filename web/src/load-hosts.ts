import { ProviderHosts } from './documents.js'
import type { DashboardProviderHostsQuery } from './gql/graphql.js'
import { answerOf } from './graphql-request.js'

/** One compute host as the resource bars draw it. */
export type Host = NonNullable<DashboardProviderHostsQuery['providers'][number]['resources']>[number]

/** The hosts that could be read, and why each provider that could not be read was not. */
export interface LoadedHosts {
  hosts: Host[]
  /** The gateway's message for each provider left out (`kama: Kamatera refused our credentials ...`). */
  missing: string[]
}

/**
 * The compute hosts of every provider, in one request (`providers { resources }`): a provider that
 * does not answer has no hosts and an error of its own, and hides no other's (as the server cards
 * list `unavailableProviders`). Fails only when no provider could be read.
 */
export async function loadHosts(): Promise<LoadedHosts> {
  const { data, errors } = await answerOf(ProviderHosts, {})
  const answered = (data?.providers ?? []).flatMap((provider) => (provider.resources ? [provider.resources] : []))
  if (errors[0] && answered.length === 0) throw errors[0]
  return { hosts: answered.flat(), missing: errors.map((error) => error.message) }
}

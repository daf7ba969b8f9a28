import { graphql } from '../gql/index.js'
import type { GatewayTarget } from './gateway-client.js'
import { answerOf, cliErrorOf, request } from './gateway-client.js'
import { colourStatus, printJson, printList, table } from './output.js'

const Status = graphql(`
  query CliStatus {
    systemStatus {
      status providers { name plugin connected error capabilities } deployments { total running failed pending }
    }
  }
`)
/** What can be deployed; `deploy` reads it too, to explain an unknown framework. */
export const Frameworks = graphql(`
  query CliFrameworks { frameworks { id name version language port } }
`)
const ProviderHosts = graphql(`
  query CliProviderHosts {
    providers {
      name
      resources {
        provider name status cpu { cores usage } memory { total used free } vms { total running }
        containers { total running }
      }
    }
  }
`)
const Resources = graphql(`
  query CliResources($provider: String) {
    resources(provider: $provider) {
      provider name status cpu { cores usage } memory { total used free } vms { total running }
      containers { total running }
    }
  }
`)

export async function statusCommand(target: GatewayTarget, options: { json?: boolean }): Promise<number> {
  const { systemStatus } = await request(target, Status, {})
  if (options.json) {
    printJson(systemStatus)
    return 0
  }
  console.log(`gateway: ${systemStatus.status}`)
  table(
    ['PROVIDER', 'PLUGIN', 'CONNECTED', 'CAPABILITIES', 'ERROR'],
    systemStatus.providers.map((provider) => [
      provider.name,
      provider.plugin,
      provider.connected ? colourStatus('online') : colourStatus('offline'),
      provider.capabilities.join(' '),
      provider.error ?? '',
    ]),
  )
  const counts = systemStatus.deployments
  console.log(
    `deployments: ${counts.total} (running ${counts.running}, failed ${counts.failed}, under way ${counts.pending})`,
  )
  return 0
}

export async function frameworksCommand(target: GatewayTarget, options: { json?: boolean }): Promise<number> {
  const { frameworks } = await request(target, Frameworks, {})
  printList(frameworks, options.json, ['ID', 'NAME', 'VERSION', 'LANGUAGE', 'PORT'], (framework) => [
    framework.id,
    framework.name,
    framework.version,
    framework.language,
    String(framework.port),
  ])
  return 0
}

export async function resourcesCommand(
  target: GatewayTarget,
  options: { json?: boolean; provider?: string },
): Promise<number> {
  const { resources, missing } = await hostsOf(target, options.provider)
  printList(
    resources,
    options.json,
    ['PROVIDER', 'HOST', 'STATUS', 'CORES', 'CPU %', 'MEMORY GiB (used/total)', 'VMS (running/total)', 'CONTAINERS'],
    (resource) => [
      resource.provider,
      resource.name,
      colourStatus(resource.status),
      String(resource.cpu.cores ?? '-'),
      resource.cpu.usage === null || resource.cpu.usage === undefined ? '-' : resource.cpu.usage.toFixed(1),
      `${resource.memory.used ?? '-'}/${resource.memory.total ?? '-'}`,
      `${resource.vms.running}/${resource.vms.total}`,
      `${resource.containers.running}/${resource.containers.total}`,
    ],
  )
  for (const why of missing) console.error(`warning: not reachable, its hosts are missing: ${why}`)
  return 0
}

/**
 * The hosts of one provider, or of every provider in one request (`providers { resources }`): a
 * provider that does not answer is left out with the gateway's reason (as `list` does with
 * servers), and the command fails only when no provider answers.
 */
async function hostsOf(target: GatewayTarget, provider: string | undefined) {
  if (provider !== undefined)
    return { resources: (await request(target, Resources, { provider })).resources, missing: [] }
  const { data, errors = [] } = await answerOf(target, ProviderHosts, {})
  const providers = data?.providers ?? []
  const answered = providers.flatMap((entry) => (entry.resources ? [entry.resources] : []))
  if (errors[0] && answered.length === 0) throw cliErrorOf(errors[0])
  return { resources: answered.flat(), missing: errors.map((error) => error.message) }
}

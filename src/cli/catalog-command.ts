import { graphql } from '../gql/index.js'
import type { CliCatalogQuery } from '../gql/graphql.js'
import { request, type GatewayTarget } from './gateway-client.js'
import { bold, dim, printJson, table } from './output.js'

const CatalogQuery = graphql(`
  query CliCatalog($provider: String!, $location: String) {
    catalog(provider: $provider, location: $location) {
      provider
      locations { id name }
      images { id name os location }
      cpuTypes { id name description cores memoryMb }
      diskSizesGb
      storages { id location type content shared availableGb }
      networks { id location description }
    }
  }
`)

export type CatalogAnswer = CliCatalogQuery['catalog']

/** What a provider offers for a create (images, CPU types and disk sizes only with a location). */
export async function fetchCatalog(
  target: GatewayTarget,
  provider: string,
  location: string | undefined,
): Promise<CatalogAnswer> {
  return (await request(target, CatalogQuery, { provider, location })).catalog
}

/**
 * Ranges read better than long lists of sizes: `1-32` for 1, 2, ..., 32 would hide gaps, so only runs of consecutive
 * values are joined.
 */
function sizes(values: readonly number[]): string {
  const runs: string[] = []
  for (let start = 0; start < values.length; ) {
    let end = start
    while (end + 1 < values.length && values[end + 1] === values[end]! + 1) end++
    runs.push(end - start >= 2 ? `${values[start]}-${values[end]}` : values.slice(start, end + 1).join(', '))
    start = end + 1
  }
  return runs.join(', ') || '-'
}

/**
 * The catalog as tables for people, written with `print` (stdout for `catalog`, stderr when
 * `create` lists the images to pick from): locations, then a location's images, CPU types and
 * disk sizes.
 */
export function printCatalog(
  catalog: CatalogAnswer,
  location: string | undefined,
  print: (line: string) => void = console.log,
): void {
  const section = (title: string) => print(bold(title))
  if (!location) {
    section(`Locations of ${catalog.provider}`)
    table(
      ['ID', 'NAME'],
      catalog.locations.map((entry) => [entry.id, entry.name]),
      print,
    )
    print(dim(`Images, CPU types and disk sizes are per location: add --location ${catalog.locations[0]?.id ?? 'ID'}.`))
    return
  }
  section(`Images in ${location}`)
  table(
    ['ID', 'NAME', 'OS'],
    catalog.images.map((image) => [image.id, image.name, image.os ?? '-']),
    print,
  )
  print('')
  section(`CPU types in ${location}`)
  table(
    ['ID', 'NAME', 'CORES', 'MEMORY (MB)'],
    catalog.cpuTypes.map((type) => [type.id, type.name, sizes(type.cores), sizes(type.memoryMb)]),
    print,
  )
  print('')
  section(`Disk sizes in ${location} (GB)`)
  print(sizes(catalog.diskSizesGb))
  if (catalog.storages.length > 0) {
    print('')
    section(`Storages in ${location} (--option storage=ID)`)
    table(
      ['ID', 'TYPE', 'CONTENT', 'SHARED', 'FREE (GB)'],
      catalog.storages.map((storage) => [
        storage.id,
        storage.type,
        storage.content.join(',') || '-',
        storage.shared ? 'yes' : 'no',
        storage.availableGb === null ? '-' : String(storage.availableGb),
      ]),
      print,
    )
  }
  if (catalog.networks.length > 0) {
    print('')
    section(`Networks in ${location} (--option bridge=ID)`)
    table(
      ['ID', 'DESCRIPTION'],
      catalog.networks.map((network) => [network.id, network.description ?? '-']),
      print,
    )
  }
}

export async function catalogCommand(
  target: GatewayTarget,
  provider: string,
  options: { location?: string; json?: boolean },
): Promise<number> {
  const catalog = await fetchCatalog(target, provider, options.location)
  if (options.json) printJson(catalog)
  else printCatalog(catalog, options.location)
  return 0
}

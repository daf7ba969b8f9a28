import { CloudcliError, ProxyException } from './api-error.js'
import type { RouteContext } from './context.js'
import { phpEmpty, phpString, phpTruthy } from './php-values.js'
import type { SimServer } from './state.js'

/** The servers an `id` / `name` selector resolved to. */
export interface Selection {
  servers: SimServer[]
  /**
   * Names for a dry run. Like cloudcli-server, only filled when selecting by name (an `id`
   * selector gives an empty list).
   */
  names: string[]
}

/**
 * Resolves the `id` or `name` flag the way `returnProxyHttpMultiServerPostResponse` does: `name` is
 * an anchored PHP regex over every server; both or neither flag is an exception in the proxy (500
 * `Failed to run command method (...)`); no match is 500 `No servers found (name='x')`, or an empty
 * selection with a truthy `allow-no-servers`.
 */
export function selectServers(ctx: RouteContext, options: { onlyOne?: boolean } = {}): Selection {
  const idRaw = ctx.input.raw('id')
  const nameRaw = ctx.input.raw('name')
  if (!phpEmpty(idRaw) && !phpEmpty(nameRaw)) throw new ProxyException("Please specify 'name' or 'id' but not both")
  if (phpEmpty(idRaw) && phpEmpty(nameRaw)) throw new ProxyException("Missing server 'id' / 'name'")
  let servers: SimServer[]
  let names: string[] = []
  let label: string
  if (!phpEmpty(idRaw)) {
    const id = phpString(idRaw)
    label = `id='${id}'`
    const server = ctx.state.servers.get(id)
    servers = server ? [server] : []
  } else {
    const name = phpString(nameRaw)
    label = `name='${name}'`
    servers = ctx.state.matchName(name)
    names = servers.map((s) => s.name)
  }
  if (options.onlyOne && servers.length > 1) throw new CloudcliError(500, `Too many matching servers (${label})`)
  if (servers.length === 0 && !phpTruthy(ctx.input.raw('allow-no-servers'))) {
    throw new CloudcliError(500, `No servers found (${label})`)
  }
  return { servers, names }
}

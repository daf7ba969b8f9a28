import type { Server } from './server-directory.js'

/** What a page of servers may be narrowed to. */
export interface ServerFilter {
  status?: Server['status'] | null
  /** Case-insensitive, on name, id, location and addresses. */
  search?: string | null
}

interface ListIndex {
  /** Each server's searchable text, lower-cased, in the list's order. */
  haystacks: string[]
  /** The last answers, by filter (a few dozen at most). */
  answers: Map<string, readonly Server[]>
}

const MAX_ANSWERS = 64
const indexes = new WeakMap<readonly Server[], ListIndex>()

function indexOf(servers: readonly Server[]): ListIndex {
  let index = indexes.get(servers)
  if (!index) {
    // A separator no search can hold (a newline) keeps one field's end from matching the next's start.
    const haystacks = servers.map((server) =>
      [server.name, server.id, server.location ?? '', ...server.ips].join('\n').toLowerCase(),
    )
    index = { haystacks, answers: new Map() }
    indexes.set(servers, index)
  }
  return index
}

/**
 * The servers of `servers` (a list the directory shares, never changed) that match `filter`, in
 * the list's order. Each list gets its lower-cased text once, and the last few dozen answers are
 * kept with it: a list read again from upstream is a new array, so nothing stale is ever answered.
 */
export function filterServers(servers: readonly Server[], { status, search }: ServerFilter): readonly Server[] {
  if (!status && !search) return servers
  const index = indexOf(servers)
  const needle = search?.toLowerCase() ?? ''
  const key = `${status ?? ''}\n${needle}`
  const known = index.answers.get(key)
  if (known) return known
  if (needle.includes('\n')) return []
  const chosen = servers.filter(
    (server, at) => (!status || server.status === status) && (!needle || index.haystacks[at]!.includes(needle)),
  )
  if (index.answers.size >= MAX_ANSWERS) index.answers.delete(index.answers.keys().next().value!)
  index.answers.set(key, chosen)
  return chosen
}

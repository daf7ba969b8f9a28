import { BadInputError } from '../errors/index.js'

/** Cursor pagination state, as in the Relay connection spec; the type is the relay plugin's `PageInfo`. */
export interface PageInfoShape {
  hasNextPage: boolean
  hasPreviousPage: boolean
  startCursor: string | null
  endCursor: string | null
}

/** Default and largest page sizes of every connection. */
export const DEFAULT_PAGE_SIZE = 50
export const MAX_PAGE_SIZE = 500

/** One page of a connection (the relay plugin's connection shape, `nodes` derived from `edges`), with its total. */
export interface Page<T> {
  edges: { cursor: string; node: T }[]
  pageInfo: PageInfoShape
  totalCount: number
}

/** A page of items already fetched in order, each with its cursor. */
export function pageOf<T>(
  nodes: readonly T[],
  cursorOf: (node: T) => string,
  { hasNextPage, hasPreviousPage, totalCount }: { hasNextPage: boolean; hasPreviousPage: boolean; totalCount: number },
): Page<T> {
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }))
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  }
}

const encodeCursor = (key: string) => Buffer.from(key, 'utf8').toString('base64url')

function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!key || encodeCursor(key) !== cursor)
    throw new BadInputError('after: not a cursor this API gave out', { field: 'after' })
  return key
}

/** The index of the first item whose key is greater than `after`, by binary search. */
function firstAfter<T>(sorted: readonly T[], key: (item: T) => string, after: string): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (key(sorted[middle]!) <= after) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * The page size a `first` argument asks for: `defaultSize` when left out, BAD_USER_INPUT naming
 * `first` when it is not a whole number from `min` to `max`.
 */
export function pageSize(
  first: number | null | undefined,
  { defaultSize = DEFAULT_PAGE_SIZE, min = 0, max = MAX_PAGE_SIZE } = {},
): number {
  const size = first ?? defaultSize
  if (!Number.isInteger(size) || size < min || size > max)
    throw new BadInputError(`first: must be between ${min} and ${max}`, { field: 'first' })
  return size
}

/**
 * Pages items already sorted by a unique key. The cursor names the last item seen rather than an
 * offset, so a page does not skip or repeat servers when the fleet changes between requests.
 */
export function paginate<T>(
  sorted: readonly T[],
  key: (item: T) => string,
  first: number | null | undefined,
  after: string | null | undefined,
): Page<T> {
  const size = pageSize(first)
  const start = after ? firstAfter(sorted, key, decodeCursor(after)) : 0
  return pageOf(sorted.slice(start, start + size), (node) => encodeCursor(key(node)), {
    hasNextPage: start + size < sorted.length,
    hasPreviousPage: start > 0,
    totalCount: sorted.length,
  })
}

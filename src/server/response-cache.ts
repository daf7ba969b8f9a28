import type { IncomingMessage, ServerResponse } from 'node:http'
import { getOperationAST, Kind, parse } from 'graphql'
import type { Auth } from '../auth/authenticate.js'

/** What the response cache needs of the directory: when what it computed from the lists still holds. */
export interface CacheableSource {
  /** Changes whenever a cached list does (read anew, forgotten by an action here or on another gateway). */
  version(): number
  /** Every list is read and within its time. */
  fresh(): boolean
  /** Changes whenever a list is forgotten because of an action (not when one is read anew). */
  forgets(): number
}

/** Options of {@link createResponseCache}. */
export interface ResponseCacheOptions {
  /** Where GraphQL requests are served: misses and everything not cached go there. */
  graphql: { fetch(input: string, init: RequestInit): Response | Promise<Response> }
  /** The GraphQL path (`/graphql`). */
  path: string
  source: CacheableSource
  authenticate(authorization: string | undefined): Promise<Auth>
  /** Root query fields whose answer depends on the source's lists and the caller only. */
  fields: readonly string[]
  /** Told of every request the cache looked at. */
  onOutcome?(outcome: 'hit' | 'joined' | 'miss' | 'pass'): void
  maxEntries?: number
  /** Larger request bodies are not looked at. */
  maxBodyBytes?: number
}

interface Answer {
  version: number
  status: number
  headers: [string, string][]
  body: Buffer
}

/** Headers of a stored answer that belong to the exchange, not to the answer. */
const EXCHANGE_HEADERS = new Set([
  'x-request-id',
  'date',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
])

/**
 * A cache of whole GraphQL answers in front of the GraphQL server, for the reads people repeat
 * most (the servers page), kept exactly as long as what they were computed from:
 *
 * - only a `query` whose root fields are all in `fields` (and `__typename`), posted as JSON, is
 *   looked at; the key is the caller (token id, or the open mode), the exact body, and the
 *   `Accept` and `Origin` headers, so an answer is only ever given to who got it first;
 * - the caller is authenticated on every request, hit or miss: a revoked token is refused on its
 *   next request;
 * - an answer holds while the source's version does not move and its lists are fresh: any action
 *   of Hangar's (here or on another gateway) that forgets a list, or a list read anew, ends it;
 * - only a 200 answer without errors, computed while the version stayed the same, is kept;
 * - a request that finds the same answer being computed (same key) waits for it rather than
 *   computing it again, and takes it if no list was forgotten for an action's sake while it was
 *   computed (so it shows every action finished before the request came): twenty people opening
 *   the servers page as its lists expire make one execution, as they make one upstream call.
 *
 * Everything else reaches the GraphQL server unchanged (with the body already read).
 */
export function createResponseCache({
  graphql,
  path,
  source,
  authenticate,
  fields,
  onOutcome,
  maxEntries = 500,
  maxBodyBytes = 8192,
}: ResponseCacheOptions) {
  const allowed = new Set([...fields, '__typename'])
  const cacheable = new Map<string, boolean>()
  const answers = new Map<string, Answer>()
  // Answers being computed, by key: what a request arriving meanwhile waits for. Settles with the
  // answer when it can be shared, or with undefined (the waiters then ask themselves).
  const computing = new Map<string, Promise<Answer | undefined>>()

  /** Whether a request body asks only for allowed root fields of a query (remembered per body). */
  function isCacheable(body: string): boolean {
    const known = cacheable.get(body)
    if (known !== undefined) return known
    let verdict = false
    try {
      const params = JSON.parse(body) as { query?: unknown; operationName?: unknown; extensions?: unknown }
      if (typeof params.query === 'string' && params.extensions === undefined) {
        const operation = getOperationAST(
          parse(params.query, { noLocation: true }),
          typeof params.operationName === 'string' ? params.operationName : undefined,
        )
        verdict =
          operation?.operation === 'query' &&
          operation.selectionSet.selections.every(
            (selection) =>
              selection.kind === Kind.FIELD && allowed.has(selection.name.value) && !selection.directives?.length,
          )
      }
    } catch {
      // Not JSON or not GraphQL: the GraphQL server says what is wrong.
    }
    if (cacheable.size >= maxEntries) cacheable.delete(cacheable.keys().next().value!)
    cacheable.set(body, verdict)
    return verdict
  }

  /** The kept answer for `key`, while the lists it was computed from are still the cached ones. */
  function kept(key: string): Answer | undefined {
    const stored = answers.get(key)
    return stored && stored.version === source.version() && source.fresh() ? stored : undefined
  }

  function reply(response: ServerResponse, outcome: 'hit' | 'joined', answer: Answer): true {
    onOutcome?.(outcome)
    send(response, answer.status, answer.headers, answer.body)
    return true
  }

  function send(response: ServerResponse, status: number, headers: Iterable<[string, string]>, body: Buffer) {
    for (const [name, value] of headers) if (!EXCHANGE_HEADERS.has(name)) response.setHeader(name, value)
    response.setHeader('content-length', body.length)
    response.writeHead(status).end(body)
  }

  async function forward(request: IncomingMessage, body: Buffer): Promise<Response> {
    const headers = new Headers()
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && name !== 'content-length' && !name.startsWith(':'))
        headers.set(name, Array.isArray(value) ? value.join(', ') : value)
    }
    return graphql.fetch(`http://${request.headers.host ?? 'localhost'}${path}`, {
      method: 'POST',
      headers,
      body: new Uint8Array(body),
    })
  }

  return {
    /**
     * Answers a POST of a small JSON body to the GraphQL path (from the cache when it can, else
     * through the GraphQL server) and resolves true; resolves false, having read nothing, for
     * every other request.
     */
    async handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
      const length = Number(request.headers['content-length'])
      const accept = request.headers.accept ?? ''
      if (
        request.method !== 'POST' ||
        request.url !== path ||
        !request.headers['content-type']?.startsWith('application/json') ||
        request.headers['content-encoding'] ||
        accept.includes('text/event-stream') ||
        !Number.isInteger(length) ||
        length > maxBodyBytes
      ) {
        return false
      }
      const body = await readBody(request)
      const text = body.toString('utf8')
      const authorization = request.headers.authorization
      const auth = await authenticate(authorization)
      const caller = auth.kind === 'token' ? `token:${auth.token.id}` : auth.kind
      const shared = auth.kind !== 'refused' && isCacheable(text)
      const key = `${caller}\n${accept}\n${request.headers.origin ?? ''}\n${text}`
      if (shared) {
        // A kept answer, else one being computed; when that one cannot be shared, looks again (another
        // request may be computing it anew by then) a few times before computing it itself.
        let ready = kept(key)
        for (let attempt = 0; !ready && attempt < 3 && computing.has(key); attempt += 1) {
          const joined = await computing.get(key)
          if (joined) return reply(response, 'joined', joined)
          ready = kept(key)
        }
        if (ready) return reply(response, 'hit', ready)
      }
      const versionBefore = source.version()
      const forgetsBefore = source.forgets()
      let lead: ((answer: Answer | undefined) => void) | undefined
      if (shared && !computing.has(key))
        computing.set(key, new Promise<Answer | undefined>((resolve) => (lead = resolve)))
      let sharable: Answer | undefined
      try {
        const answer = await forward(request, body)
        const answerBody = Buffer.from(await answer.arrayBuffer())
        const headers = [...answer.headers.entries()]
        onOutcome?.(shared ? 'miss' : 'pass')
        if (shared && answer.status === 200 && source.forgets() === forgetsBefore && !answerBody.includes('"errors"')) {
          sharable = { version: versionBefore, status: answer.status, headers, body: answerBody }
          // Kept for later requests only if the lists it was computed from are still the cached ones.
          if (source.version() === versionBefore && source.fresh()) {
            if (answers.size >= maxEntries) answers.delete(answers.keys().next().value!)
            answers.set(key, sharable)
          }
        }
        send(response, answer.status, headers, answerBody)
        return true
      } finally {
        if (lead) {
          computing.delete(key)
          lead(sharable)
        }
      }
    },
  }
}

/** The whole body of a request (its length already checked against the limit). */
function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
    request.once('error', reject)
    // Closed before its end without an error: nothing will come.
    request.once('close', () => {
      if (!request.readableEnded) reject(new Error('the request was closed before its body ended'))
    })
  })
}

import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print, type ExecutionResult, type GraphQLFormattedError } from 'graphql'
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'
import { assertNoSecretInAnswer } from './secrets.js'

/** A GraphQL answer as a client sees it. */
export interface GraphQLAnswer<T> {
  data?: T | null
  errors?: GraphQLFormattedError[]
}

/** POSTs one operation to the gateway over real HTTP. */
export async function execute<T, V>(
  url: string,
  document: TypedDocumentNode<T, V>,
  ...[variables]: V extends Record<string, never> ? [] | [V] : [V]
): Promise<GraphQLAnswer<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: print(document), variables }),
  })
  const answer = (await response.json()) as GraphQLAnswer<T>
  assertNoSecretInAnswer(answer, 'an answer over HTTP')
  return answer
}

/** The `extensions.code` of the first error. */
export const codeOf = (answer: GraphQLAnswer<unknown>) => answer.errors?.[0]?.extensions?.code

/** A graphql-ws client on the gateway's WebSocket, authenticated in connection_init when given a token. */
export function wsClient(url: string, token?: string, { keepOpen = false } = {}): Client {
  return createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    // By default the socket closes once nothing runs on it; keepOpen holds one connection.
    lazyCloseTimeout: keepOpen ? 60_000 : 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : undefined,
  })
}

/** Collects every event of a subscription over WebSocket until it completes. */
export async function collectOverWebSocket<T, V>(
  url: string,
  document: TypedDocumentNode<T, V>,
  variables: V,
): Promise<ExecutionResult<T>[]> {
  const client = wsClient(url)
  const events: ExecutionResult<T>[] = []
  try {
    const iterator = client.iterate<T>({ query: print(document), variables: variables as Record<string, unknown> })
    for await (const event of iterator) {
      assertNoSecretInAnswer(event, 'a WebSocket event')
      events.push(event as ExecutionResult<T>)
    }
  } finally {
    await client.dispose()
  }
  return events
}

/**
 * The `field` of every event of a subscription over WebSocket until it completes, or until `until`
 * holds for one (kept, then the subscription is left); an error in an event throws.
 */
export async function collectField<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  field: string,
  until?: (value: T) => boolean,
): Promise<T[]> {
  const client = wsClient(url)
  const events: T[] = []
  try {
    for await (const event of client.iterate({ query, variables })) {
      if (event.errors) throw new Error(JSON.stringify(event.errors))
      assertNoSecretInAnswer(event, 'a WebSocket event')
      const value = (event.data as Record<string, T>)[field]!
      events.push(value)
      if (until?.(value)) break
    }
  } finally {
    await client.dispose()
  }
  return events
}

/** Collects every event of a subscription over SSE (GraphQL over SSE, distinct connections). */
export async function collectOverSse<T, V>(
  url: string,
  document: TypedDocumentNode<T, V>,
  variables: V,
): Promise<ExecutionResult<T>[]> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: print(document), variables }),
  })
  const text = await response.text()
  const events: ExecutionResult<T>[] = []
  for (const block of text.split('\n\n')) {
    const lines = block.split('\n')
    if (!lines.includes('event: next')) continue
    const data = lines
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6))
      .join('\n')
    events.push(JSON.parse(data) as ExecutionResult<T>)
  }
  assertNoSecretInAnswer({ events }, 'an SSE stream')
  return events
}

/** How a request reaches the gateway. */
export type Transport = 'http' | 'sse' | 'websocket'

/** What any transport answered: the GraphQL result, or how the connection was refused. */
export interface RawAnswer {
  data?: Record<string, unknown> | null
  errors?: GraphQLFormattedError[]
  /** HTTP status (http and sse). */
  status?: number
  /** WebSocket close code when the socket was refused. */
  closeCode?: number
}

/**
 * Sends one operation (query, mutation or subscription) over one transport with an optional
 * token, and gives back its first result. Subscriptions end after their first event.
 */
export async function sendOver(
  transport: Transport,
  url: string,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<RawAnswer> {
  const answer = await sendOnce(transport, url, token, query, variables)
  assertNoSecretInAnswer(answer, `an answer over ${transport}`)
  return answer
}

async function sendOnce(
  transport: Transport,
  url: string,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown>,
): Promise<RawAnswer> {
  const authorization: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  if (transport === 'websocket') {
    return new Promise<RawAnswer>((resolve) => {
      let settled = false
      const client = createClient({
        url: `${url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: authorization,
        on: {
          closed: (event) => {
            if (!settled) {
              settled = true
              resolve({ closeCode: (event as { code?: number }).code })
            }
          },
        },
      })
      const dispose = client.subscribe(
        { query, variables },
        {
          next: (value) => {
            if (settled) return
            settled = true
            dispose()
            void client.dispose()
            resolve(value as RawAnswer)
          },
          error: (error) => {
            if (settled) return
            settled = true
            void client.dispose()
            const code = (error as { code?: number }).code
            resolve(Array.isArray(error) ? { errors: error as GraphQLFormattedError[] } : { closeCode: code })
          },
          complete: () => {},
        },
      )
    })
  }
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: transport === 'sse' ? 'text/event-stream' : 'application/graphql-response+json',
      ...authorization,
    },
    body: JSON.stringify({ query, variables }),
  })
  if (transport === 'http' || !response.headers.get('content-type')?.includes('text/event-stream')) {
    const text = await response.text()
    return { status: response.status, ...(text ? (JSON.parse(text) as RawAnswer) : {}) }
  }
  // Read the stream until its first `next` event, then hang up.
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    buffer += decoder.decode(value, { stream: true })
    for (const block of buffer.split('\n\n').slice(0, -1)) {
      const lines = block.split('\n')
      if (!lines.includes('event: next')) continue
      await reader.cancel()
      const data = lines
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n')
      return { status: response.status, ...(JSON.parse(data) as RawAnswer) }
    }
  }
  return { status: response.status }
}

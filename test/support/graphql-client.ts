import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { print, type ExecutionResult, type GraphQLFormattedError } from 'graphql'
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'

/** A GraphQL answer as a client sees it. */
export interface GraphQLAnswer<T> {
  data?: T | null
  errors?: GraphQLFormattedError[]
}

/** POSTs one operation to the gateway over real HTTP. */
export async function execute<T, V>(url: string, document: TypedDocumentNode<T, V>, ...[variables]: V extends Record<string, never> ? [] | [V] : [V]): Promise<GraphQLAnswer<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: print(document), variables }),
  })
  return (await response.json()) as GraphQLAnswer<T>
}

/** The `extensions.code` of the first error. */
export const codeOf = (answer: GraphQLAnswer<unknown>) => answer.errors?.[0]?.extensions?.code

/** A graphql-ws client on the gateway's WebSocket. */
export function wsClient(url: string): Client {
  return createClient({ url: `${url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 })
}

/** Collects every event of a subscription over WebSocket until it completes. */
export async function collectOverWebSocket<T, V>(url: string, document: TypedDocumentNode<T, V>, variables: V): Promise<ExecutionResult<T>[]> {
  const client = wsClient(url)
  const events: ExecutionResult<T>[] = []
  try {
    const iterator = client.iterate<T>({ query: print(document), variables: variables as Record<string, unknown> })
    for await (const event of iterator) events.push(event as ExecutionResult<T>)
  } finally {
    await client.dispose()
  }
  return events
}

/** Collects every event of a subscription over SSE (GraphQL over SSE, distinct connections). */
export async function collectOverSse<T, V>(url: string, document: TypedDocumentNode<T, V>, variables: V): Promise<ExecutionResult<T>[]> {
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
    const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n')
    events.push(JSON.parse(data) as ExecutionResult<T>)
  }
  return events
}

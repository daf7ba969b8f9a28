import { EventEmitter, on } from 'node:events'
import { GraphQLError, type ExecutionResult } from 'graphql'
import { createSchema, createYoga } from 'graphql-yoga'
import { describe, expect, it } from 'vitest'
import { createPayloadSerializer } from '../../src/server/graphql-ws-server.js'
import { useSharedSubscriptionEvents } from '../../src/server/use-shared-subscription-events.js'

/** A tiny schema whose `Tick.executions` counts how often an event was executed. */
function tickingYoga() {
  const ticks = new EventEmitter()
  let executions = 0
  const tickStream = async function* (_root: unknown, _args: unknown, context: { signal?: AbortSignal }) {
    for await (const [tick] of on(ticks, 'tick', { signal: context.signal })) yield tick as { n: number }
  }
  const schema = createSchema({
    typeDefs: /* GraphQL */ `
      type Query { ok: Boolean }
      type Tick { n: Int!, executions(tag: String): Int! }
      type Subscription { ticks(from: Int): Tick!, unshared: Tick! }
    `,
    resolvers: {
      Subscription: {
        ticks: { subscribe: tickStream, resolve: (tick: unknown) => tick },
        unshared: { subscribe: tickStream, resolve: (tick: unknown) => tick },
      },
      Tick: { executions: () => ++executions },
    },
  })
  const yoga = createYoga({ schema, plugins: [useSharedSubscriptionEvents({ fields: ['ticks'] })] })
  /** Subscribes like a transport does (one parse per query text, as Yoga's cache gives). */
  const documents = new Map<string, ReturnType<ReturnType<typeof yoga.getEnveloped>['parse']>>()
  async function subscribe(query: string, variables: Record<string, unknown> = {}) {
    const { parse, subscribe: run, contextFactory, schema: enveloped } = yoga.getEnveloped({})
    const document = documents.get(query) ?? parse(query)
    documents.set(query, document)
    const stream = (await run({
      schema: enveloped,
      document,
      variableValues: variables,
      contextValue: await contextFactory(),
    })) as AsyncIterableIterator<ExecutionResult>
    return stream
  }
  return { subscribe, tick: (n: number) => ticks.emit('tick', { n }) }
}

describe('useSharedSubscriptionEvents', () => {
  it(
    'executes an event once for every subscriber of the ' + "same document, whatever the root field's arguments",
    async () => {
      const { subscribe, tick } = tickingYoga()
      const query = 'subscription ($from: Int) { ticks(from: $from) { n executions } }'
      const streams = await Promise.all([
        subscribe(query, { from: 1 }),
        subscribe(query, { from: 2 }),
        subscribe(query),
      ])
      const answers = streams.map((stream) => stream.next())
      await new Promise((resolve) => setImmediate(resolve))
      tick(1)
      const results = (await Promise.all(answers)).map((answer) => answer.value as ExecutionResult)
      expect(results.map((result) => result.data)).toEqual([
        { ticks: { n: 1, executions: 1 } },
        { ticks: { n: 1, executions: 1 } },
        { ticks: { n: 1, executions: 1 } },
      ])
      // The very same answer: serialized once by the WebSocket transport too.
      expect(results[1]).toBe(results[0])
      await Promise.all(streams.map((stream) => stream.return?.()))
    },
  )

  it(
    'executes apart what could answer differently: other variables ' +
      'below the root, a directive on it, a field not listed',
    async () => {
      const { subscribe, tick } = tickingYoga()
      const streams = await Promise.all([
        subscribe('subscription ($tag: String) { ticks { n executions(tag: $tag) } }', { tag: 'a' }),
        subscribe('subscription ($tag: String) { ticks { n executions(tag: $tag) } }', { tag: 'b' }),
        subscribe('subscription { ticks @include(if: true) { n executions } }'),
        subscribe('subscription { ticks @include(if: true) { n executions } }'),
        subscribe('subscription { unshared { n executions } }'),
        subscribe('subscription { unshared { n executions } }'),
      ])
      const answers = streams.map((stream) => stream.next())
      await new Promise((resolve) => setImmediate(resolve))
      tick(7)
      const counts = (await Promise.all(answers)).map((answer) => {
        const data = (answer.value as ExecutionResult<Record<string, { n: number; executions: number }>>).data!
        return Object.values(data)[0]!.executions
      })
      // Six executions, one each.
      expect(counts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6])
      await Promise.all(streams.map((stream) => stream.return?.()))
    },
  )

  it('ends the source of events when a subscriber leaves', async () => {
    const { subscribe, tick } = tickingYoga()
    const stream = await subscribe('subscription { ticks { n } }')
    const first = stream.next()
    await new Promise((resolve) => setImmediate(resolve))
    tick(1)
    expect((await first).value).toEqual({ data: { ticks: { n: 1 } } })
    expect(await stream.return!()).toEqual({ done: true, value: undefined })
    expect(await stream.next()).toEqual({ done: true, value: undefined })
  })
})

describe('payloads serialized once for the WebSocket transport', () => {
  const message = (id: string, payload: unknown) => JSON.stringify({ id, type: 'next', payload })

  it("writes every subscriber's message as graphql-ws would, data and errors alike", () => {
    const payloads = createPayloadSerializer()
    const ok: ExecutionResult = { data: { deploymentLogs: { seq: 1, line: 'say "hi"\u0000 \\ done' } } }
    const failed: ExecutionResult = {
      data: null,
      errors: [new GraphQLError('no such deployment', { extensions: { code: 'NOT_FOUND' } })],
    }
    for (const result of [ok, failed]) {
      const { errors, ...rest } = result
      const expected = (id: string) =>
        message(id, errors ? { ...rest, errors: errors.map((error) => error.toJSON()) } : rest)
      const first = payloads.fill(message('1', payloads.standIn(result)))
      const second = payloads.fill(message('c0ffee', payloads.standIn(result)))
      expect(first).toBe(expected('1'))
      expect(second).toBe(expected('c0ffee'))
    }
  })

  it('leaves alone a message with no stand-in, and one whose stand-in was already used', () => {
    const payloads = createPayloadSerializer()
    const complete = JSON.stringify({ id: '1', type: 'complete' })
    expect(payloads.fill(complete)).toBe(complete)
    const sent = message('1', payloads.standIn({ data: { n: 1 } }))
    expect(payloads.fill(sent)).toBe(message('1', { data: { n: 1 } }))
    expect(payloads.fill(sent)).toBe(sent)
  })
})

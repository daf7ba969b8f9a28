import {
  createSourceEventStream,
  execute,
  Kind,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type OperationDefinitionNode,
} from 'graphql'
import type { Plugin } from 'graphql-yoga'

/** Options of {@link useSharedSubscriptionEvents}. */
export interface SharedSubscriptionEventsOptions {
  /**
   * Subscription fields whose events read nothing of the caller: below the root field, no resolver
   * looks at the context (role, token) and the same event object always gives the same answer.
   * Only these are shared.
   */
  fields: readonly string[]
}

type Shared = ExecutionResult | Promise<ExecutionResult>

/**
 * Executes a subscription event once for every subscriber that would get the same answer, rather
 * than once each: 100 people watching one build get one execution per batch of lines.
 *
 * Two subscribers share when the event is the same object (the log tail hands every subscriber the
 * array the bus delivered), their documents are the same (Yoga's parser cache gives one document
 * per query text), with the same operation, and the variables used below the root field are equal;
 * the root field's own arguments (`id`, `after`) choose the stream, not the answer to an event.
 * The answers are held in a `WeakMap` on the event, so they go when the event does.
 */
export function useSharedSubscriptionEvents({ fields }: SharedSubscriptionEventsOptions): Plugin {
  const shareable = new Set(fields)
  const answers = new WeakMap<object, Map<string, Shared>>()
  const documentKeys = new WeakMap<DocumentNode, Map<string, { id: number; variables: string[] } | null>>()
  let documents = 0

  /** The document's id and the variables its answer depends on; null when it is not shareable. */
  function describe(document: DocumentNode, operationName: string | null | undefined) {
    const byName = documentKeys.get(document) ?? new Map<string, { id: number; variables: string[] } | null>()
    documentKeys.set(document, byName)
    const name = operationName ?? ''
    if (byName.has(name)) return byName.get(name)!
    const operations = document.definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    )
    const operation = operationName
      ? operations.find((candidate) => candidate.name?.value === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined
    const roots = operation?.selectionSet.selections ?? []
    const root = roots[0]
    let description: { id: number; variables: string[] } | null = null
    const plainRoot =
      operation?.operation === 'subscription' &&
      roots.length === 1 &&
      root?.kind === Kind.FIELD &&
      (root.directives?.length ?? 0) === 0
    if (plainRoot && shareable.has((root as FieldNode).name.value)) {
      const variables = new Set<string>()
      // Fragments are not followed: a document that spreads one below the root is not shared.
      let spreads = false
      visit((root as FieldNode).selectionSet ?? { kind: Kind.SELECTION_SET, selections: [] }, {
        Variable: (node) => void variables.add(node.name.value),
        FragmentSpread: () => void (spreads = true),
      })
      if (!spreads) description = { id: ++documents, variables: [...variables].sort() }
    }
    byName.set(name, description)
    return description
  }

  function sharedSubscribe(args: ExecutionArgs) {
    const description = describe(args.document, args.operationName)
    if (!description) return undefined
    const values = (args.variableValues ?? {}) as Record<string, unknown>
    const listed = JSON.stringify(description.variables.map((name) => values[name] ?? null))
    const key = `${description.id}:${args.operationName ?? ''}:${listed}`
    return (payload: unknown): Shared => {
      if (typeof payload !== 'object' || payload === null) return execute({ ...args, rootValue: payload })
      let byKey = answers.get(payload)
      if (!byKey) answers.set(payload, (byKey = new Map()))
      let answer = byKey.get(key)
      if (!answer) {
        answer = execute({ ...args, rootValue: payload })
        byKey.set(key, answer)
      }
      return answer
    }
  }

  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(async (args: ExecutionArgs) => {
        const events = await createSourceEventStream(args)
        if (!(Symbol.asyncIterator in events)) return events
        return mapEvents(
          events,
          sharedSubscribe(args) ?? ((payload: unknown) => execute({ ...args, rootValue: payload })),
        )
      })
    },
  }
}

/**
 * Each event of `events` through `map`, passing `return` and `throw` straight through (as graphql-js's
 * own mapping does).
 */
function mapEvents<T, U>(events: AsyncIterable<T>, map: (event: T) => U | Promise<U>): AsyncIterableIterator<U> {
  return new MappedEvents(events[Symbol.asyncIterator](), map)
}

/** {@link mapEvents}' iterator: a class, as a subscription makes one (see `channel` on named closures). */
class MappedEvents<T, U> implements AsyncIterableIterator<U> {
  constructor(
    private readonly iterator: AsyncIterator<T>,
    private readonly map: (event: T) => U | Promise<U>,
  ) {}

  next() {
    return this.iterator.next().then((result) => this.mapped(result))
  }

  return() {
    const { iterator } = this
    return iterator.return
      ? iterator.return().then((result) => this.mapped(result))
      : Promise.resolve<IteratorResult<U>>({ done: true, value: undefined })
  }

  throw(error?: unknown) {
    return this.iterator.throw
      ? this.iterator.throw(error).then((result) => this.mapped(result))
      : Promise.reject(error)
  }

  [Symbol.asyncIterator]() {
    return this
  }

  private async mapped(result: IteratorResult<T>): Promise<IteratorResult<U>> {
    if (result.done) return { done: true, value: undefined }
    try {
      return { done: false, value: await this.map(result.value) }
    } catch (error) {
      await this.iterator.return?.()
      throw error
    }
  }
}

import type { GraphQLError } from 'graphql'
import type { Plugin } from 'graphql-yoga'

/** -1, 0 or 1 as path `a` comes before, with or after path `b` in the answer (no path: last). */
function comparePaths(a: GraphQLError['path'], b: GraphQLError['path']): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const [left, right] = [a[index]!, b[index]!]
    if (left === right) continue
    if (typeof left === 'number' && typeof right === 'number') return left - right
    return 0
  }
  return a.length - b.length
}

/**
 * Lists an answer's errors in the order of the list items they belong to, not in the order they
 * happened: fields resolved concurrently (`providers { resources }`) fail in whatever order their
 * upstreams answer, while a client reporting "the first error" should report the same one each time.
 */
export function useErrorsInPathOrder(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result || !result.errors || result.errors.length < 2) return
          setResult({ ...result, errors: [...result.errors].sort((a, b) => comparePaths(a.path, b.path)) })
        },
      }
    },
  }
}

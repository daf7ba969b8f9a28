import {
  followOperation,
  type FollowedOperation,
  type FollowOptions,
  type StartedOperation,
} from './follow-operation.js'
import { useNotify } from './toasts.js'

/** What the person is told: `Could not <attempt>: <why>` or `<success>`. */
export interface OperationWords {
  /** e.g. "stop web-01". */
  attempt: string
  /** e.g. "web-01 stopped." */
  success: string
}

/**
 * Starts an operation (a mutation), follows it to its end and tells the person how it went, in a
 * toast either way; answers the ended operation, or undefined when it could not start or be followed.
 */
export function useRunOperation(): (
  words: OperationWords,
  start: () => Promise<StartedOperation>,
  options?: FollowOptions,
) => Promise<FollowedOperation | undefined> {
  const notify = useNotify()
  return async (words, start, options) => {
    try {
      const ended = await followOperation(await start(), options)
      if (ended.status === 'SUCCEEDED') notify('success', words.success)
      else notify('error', `Could not ${words.attempt}: ${ended.error ?? 'the operation failed'}`)
      return ended
    } catch (error) {
      notify('error', `Could not ${words.attempt}: ${(error as Error).message}`)
      return undefined
    }
  }
}

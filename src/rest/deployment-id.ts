import { hasErrorCode } from '../errors/index.js'
import { deploymentId } from '../schema/exact-id.js'
import { RestError } from './http-io.js'

/**
 * The deployment id of a path segment, read exactly by the rule GraphQL reads it with
 * ({@link deploymentId}): `01`, `+1`, `1e0`, `1.0`, ` 1` or `0x1` are refused with 400 naming `id`
 * before any operation runs, so a DELETE never acts on a deployment other than the one written.
 */
export function deploymentIdOf(segment: string): string {
  try {
    return String(deploymentId(segment))
  } catch (error) {
    if (hasErrorCode(error, 'BAD_USER_INPUT')) throw new RestError(400, error.message)
    throw error
  }
}

import { RestError } from './http-io.js'

/**
 * The deployment id of a path segment, read exactly: only the canonical decimal form (`1`, `42`)
 * is an id. `01`, `+1`, `1e0`, `1.0`, ` 1` or `0x1` would all be 1 to a lenient parser, and a
 * DELETE must never act on a deployment other than the one written; so they are refused, as are 0
 * and numbers past what a JSON client can represent exactly.
 */
export function deploymentIdOf(segment: string): string {
  const shown = segment.length > 40 ? `${segment.slice(0, 40)}…` : segment
  if (!/^[1-9][0-9]*$/.test(segment)) {
    throw new RestError(400, `id: "${shown}" is not a deployment id; write it as a whole number from 1, without leading zeros, sign, spaces or exponent (e.g. 1)`)
  }
  if (!Number.isSafeInteger(Number(segment))) throw new RestError(400, `id: "${shown}" is not a deployment id; it is larger than ${Number.MAX_SAFE_INTEGER}`)
  return segment
}

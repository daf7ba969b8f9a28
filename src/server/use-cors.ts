import { useCORS } from '@whatwg-node/server'
import type { Plugin } from 'graphql-yoga'
import { isApiPath } from '../rest/use-rest-shim.js'

/**
 * CORS for `/graphql` (and the other Yoga routes) from the listed origins (`HANGAR_CORS_ORIGINS`),
 * with The Guild's own `useCORS`; none listed, no plugin: CORS stays closed. It is Yoga's `cors`
 * option as a user plugin, so that it comes after {@link useRestShim}: Yoga's built-in one answers
 * every `OPTIONS` before user plugins run, while `/api` preflights are the shim's cross-site policy's
 * to decide, and its answers carry the shim's own CORS headers.
 */
export function useCors(origins: string[]): Plugin[] {
  if (origins.length === 0) return []
  const options = { origin: origins, credentials: false, allowedHeaders: ['authorization', 'content-type'] }
  return [useCORS((request) => (isApiPath(new URL(request.url).pathname) ? false : options)) as Plugin]
}

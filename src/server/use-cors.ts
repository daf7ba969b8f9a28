import { useCORS } from '@whatwg-node/server'
import type { Plugin } from 'graphql-yoga'

/** Options of {@link useCors}. */
export interface CorsOptions {
  /** `HANGAR_CORS_ORIGINS`: the browser origins allowed; none, no plugin: CORS stays closed. */
  origins: string[]
  /** Paths whose answers come from plugins with their own policy (the REST shim, the dashboard). */
  answeredElsewhere: (path: string) => boolean
}

/**
 * CORS for `/graphql` and Yoga's other routes (`/health`, `/ready`, `/metrics`) from the listed
 * origins, with The Guild's own `useCORS`. It is Yoga's `cors` option as a user plugin, so that it
 * comes after the plugins that answer their own paths: Yoga's built-in one answers every `OPTIONS`
 * before user plugins run, while `/api` preflights are the REST shim's cross-site policy's to
 * decide, and the dashboard's pages and GitHub's deliveries are no one's to read from elsewhere.
 */
export function useCors({ origins, answeredElsewhere }: CorsOptions): Plugin[] {
  if (origins.length === 0) return []
  const options = { origin: origins, credentials: false, allowedHeaders: ['authorization', 'content-type'] }
  // Without an Origin there is no CORS header to add, and no path to look at.
  const optionsFor = (request: Request) =>
    request.headers.has('origin') && answeredElsewhere(new URL(request.url).pathname) ? false : options
  return [useCORS(optionsFor) as Plugin]
}

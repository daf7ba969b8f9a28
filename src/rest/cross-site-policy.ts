import { RestError } from './http-io.js'

/**
 * Which browser requests `/api` accepts. The shim has no cookies, but with no token (the default
 * on loopback) being able to reach the port is the only credential, and any page a user opens
 * can make their browser reach it. So a request that could have come from a page on another site
 * without a CORS preflight is refused before anything reads it:
 *
 * - a state-changing request (any method but GET, HEAD, OPTIONS) whose body is not declared as
 *   JSON: 415. Forms and no-cors fetches can only send `text/plain`, form-urlencoded, multipart, or
 *   a body with no type at all; a body-less request with no type is accepted (the seeds' `curl -X
 *   DELETE` and `?server_id=` calls), since the origin check below covers what a page can send so;
 * - a state-changing request from another origin (`Origin` that is neither the gateway's own host
 *   nor listed in `HANGAR_CORS_ORIGINS`, `"null"` included, or `Sec-Fetch-Site` `cross-site` /
 *   `same-site` without a listed `Origin`): 403. Scripts and curl send neither header.
 *
 * Reads change nothing, and a page on another site cannot read the answer (no CORS headers unless
 * its origin is listed), so they are not refused: a link to `/api/openapi.json` keeps working.
 */
export interface CrossSitePolicy {
  /** The refusal of a request, or undefined when it may go on. */
  refusalOf(method: string, headers: Headers): RestError | undefined
  /** The CORS headers of an answer to `origin`: none unless it is listed. */
  corsHeaders(headers: Headers): Record<string, string>
  /** The answer to a CORS preflight (`OPTIONS`): 204 with the CORS headers, or the refusal. */
  preflight(headers: Headers): { status: number; headers: Record<string, string> } | RestError
}

/** Methods that change nothing. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The methods and headers a listed origin may use, as `/graphql` allows them. */
const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS'
const ALLOWED_HEADERS = 'authorization, content-type'

/** `application/json` or any `+json` type, parameters (charset) allowed. */
export function isJsonMediaType(contentType: string): boolean {
  const essence = contentType.split(';')[0]!.trim().toLowerCase()
  return essence === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(essence)
}

/** A header's value as a message may quote it: its first 100 characters. */
const quoted = (value: string) => (value.length > 100 ? `${value.slice(0, 100)}…` : value)

/** Whether the request carries a body, from its framing headers alone (nothing is read). */
function hasBody(headers: Headers): boolean {
  if (headers.has('transfer-encoding')) return true
  const length = headers.get('content-length')
  return length !== null && length.trim() !== '0'
}

/** The host (`name[:port]`, lower case) of a serialized origin, or undefined for `null` and junk. */
function hostOfOrigin(origin: string): string | undefined {
  try {
    const url = new URL(origin)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : undefined
  } catch {
    return undefined
  }
}

/** Options of {@link createCrossSitePolicy}. */
export interface CrossSitePolicyOptions {
  /** `HANGAR_CORS_ORIGINS`: origins browsers may call from; `*` allows every one, as on `/graphql`. */
  corsOrigins: string[]
}

export function createCrossSitePolicy({ corsOrigins }: CrossSitePolicyOptions): CrossSitePolicy {
  const listed = (origin: string | undefined) =>
    origin !== undefined && origin !== 'null' && (corsOrigins.includes(origin) || corsOrigins.includes('*'))

  function originRefusal(headers: Headers): RestError | undefined {
    const origin = headers.get('origin') ?? undefined
    if (origin !== undefined && !listed(origin)) {
      const host = hostOfOrigin(origin)
      // The gateway's own pages (same origin) need no listing; "null" (sandboxed frames, opaque
      // redirects) never matches anything.
      if (!host || host !== headers.get('host')?.toLowerCase()) {
        return new RestError(
          403,
          `Origin: ${quoted(origin)} may not call /api from a browser; only the gateway's own origin and those in ` +
            `HANGAR_CORS_ORIGINS may`,
        )
      }
    }
    const site = headers.get('sec-fetch-site')?.toLowerCase()
    if ((site === 'cross-site' || site === 'same-site') && !listed(origin)) {
      return new RestError(
        403,
        `Sec-Fetch-Site: ${site} requests to /api are refused unless their Origin is in HANGAR_CORS_ORIGINS`,
      )
    }
    return undefined
  }

  function corsHeaders(headers: Headers): Record<string, string> {
    const origin = headers.get('origin') ?? undefined
    return listed(origin) ? { 'access-control-allow-origin': origin!, vary: 'Origin' } : {}
  }

  return {
    refusalOf(method, headers) {
      if (READS.has(method)) return undefined
      const refused = originRefusal(headers)
      if (refused) return refused
      const contentType = headers.get('content-type') ?? undefined
      if (contentType !== undefined && !isJsonMediaType(contentType)) {
        return new RestError(
          415,
          `Content-Type: ${quoted(contentType.split(';')[0]!.trim())} is not accepted; send the body as ` +
            `application/json`,
        )
      }
      if (contentType === undefined && hasBody(headers))
        return new RestError(415, 'Content-Type: missing; a body must be sent as application/json')
      return undefined
    },
    corsHeaders,
    preflight(headers) {
      const refused = originRefusal(headers)
      if (refused) return refused
      const cors = corsHeaders(headers)
      const answer: Record<string, string> =
        Object.keys(cors).length === 0
          ? { allow: ALLOWED_METHODS }
          : {
              ...cors,
              'access-control-allow-methods': ALLOWED_METHODS,
              'access-control-allow-headers': ALLOWED_HEADERS,
              'access-control-max-age': '600',
            }
      return { status: 204, headers: answer }
    },
  }
}

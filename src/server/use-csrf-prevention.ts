import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention'
import { getOperationAST, parse } from 'graphql'
import type { Plugin } from 'graphql-yoga'

/** Options of {@link useCsrfPrevention}. */
export interface CsrfPreventionOptions {
  /** Headers a browser only sends after a CORS preflight; a request with one of them passes. */
  requestHeaders: string[]
}

/**
 * Whether the request is what a browser's `EventSource` sends for a subscription: a GET asking for
 * `text/event-stream` whose chosen operation is a subscription. `EventSource` cannot add a header,
 * so it could never pass the CSRF header check.
 */
export function isEventSourceSubscription(request: Request): boolean {
  if (request.method !== 'GET' || !(request.headers.get('accept') ?? '').includes('text/event-stream')) return false
  const search = new URL(request.url, 'http://localhost').searchParams
  const query = search.get('query')
  if (!query) return false
  try {
    return getOperationAST(parse(query), search.get('operationName') || undefined)?.operation === 'subscription'
  } catch {
    // Not parseable: not a subscription; the usual rules (and their errors) apply.
    return false
  }
}

/**
 * Yoga's CSRF prevention (a request a page could send without a preflight must carry one of
 * `requestHeaders`), except for subscriptions over `EventSource`. Those are safe to let through:
 * a subscription changes nothing, and another site's page can only read the stream when CORS
 * allows its origin (closed by default); mutations over GET stay refused (405), and queries keep
 * needing the header.
 */
export function useCsrfPrevention({ requestHeaders }: CsrfPreventionOptions): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders }) as Plugin
  return {
    onRequestParse(payload) {
      if (isEventSourceSubscription(payload.request)) return
      return csrf.onRequestParse?.(payload)
    },
  }
}

import { usePrometheus } from '@graphql-yoga/plugin-prometheus'
import type { Plugin } from 'graphql-yoga'
import type { Hangar } from '../hangar.js'
import type { GatewayContext } from '../schema/context.js'

/**
 * `GET /metrics` in Prometheus' text format: GraphQL operations and their durations (The Guild's
 * `usePrometheus`), upstream calls and errors per provider, jobs by state, subscriptions open now,
 * and the process's own figures. When API tokens exist, a scrape needs one (any role), as every
 * other read does: `bearer_token` in Prometheus' scrape config.
 */
export function useMetrics(hangar: Hangar): Plugin<GatewayContext>[] {
  const { registry } = hangar.metrics
  const prometheus = usePrometheus({
    registry,
    // Served below, behind the same authentication as everything else.
    endpoint: false,
    // The URL of a GET request holds its query and variables: not a label (cardinality, privacy).
    labels: { url: false },
    metrics: {
      graphql_envelop_request: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_phase_parse: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_execute: true,
      graphql_envelop_phase_subscribe: true,
      graphql_envelop_error_result: true,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_context: false,
      graphql_yoga_http_duration: true,
    },
  }) as Plugin<GatewayContext>

  const serve: Plugin<GatewayContext> = {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== '/metrics') return
      const auth = await hangar.authenticate(request.headers.get('authorization'))
      if (auth.kind === 'refused') {
        endResponse(
          new fetchAPI.Response(`GET /metrics: ${auth.reason}\n`, {
            status: 401,
            headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' },
          }),
        )
        return
      }
      endResponse(
        new fetchAPI.Response(await registry.metrics(), {
          status: 200,
          headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
        }),
      )
    },
    onSubscribe({ args }) {
      const transport = (args.contextValue as { socket?: unknown }).socket ? 'websocket' : 'sse'
      return {
        onSubscribeResult({ result }) {
          // A subscription refused up front answers one result, not a stream: nothing stays open.
          if (!(Symbol.asyncIterator in (result as object))) return
          const ended = hangar.metrics.subscriptionStarted(transport)
          return { onEnd: ended }
        },
      }
    },
  }
  return [prometheus, serve]
}

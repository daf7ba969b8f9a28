import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GraphQLError, type DocumentNode, type ExecutionArgs } from 'graphql'
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection'
import { createYoga } from 'graphql-yoga'
import { WebSocketServer } from 'ws'
import type { Hangar } from '../hangar.js'
import type { GatewayContext } from '../schema/context.js'
import { schema } from '../schema/index.js'
import { answerClientError } from '../rest/client-error-answer.js'
import { isApiPath, useRestShim } from '../rest/use-rest-shim.js'
import { useGithubWebhooks, WEBHOOK_PATH } from '../webhooks/use-github-webhooks.js'
import { serveGraphqlOverWebSocket } from './graphql-ws-server.js'
import { createAccessLogger, logRequest } from './request-log.js'
import { mayIgnoreHost, mayUseOpenMode, refuseRebinding } from './rebinding-guard.js'
import { createDashboard, isDashboardPath, useDashboard } from './serve-dashboard.js'
import { createErrorMasker } from './mask-error.js'
import { createResponseCache } from './response-cache.js'
import { useAccessControl } from './use-access-control.js'
import { useAuditLog } from './use-audit-log.js'
import { useCors } from './use-cors.js'
import { useCsrfPrevention } from './use-csrf-prevention.js'
import { useHealth } from './use-health.js'
import { useMetrics } from './use-metrics.js'
import { useQueryLimits } from './use-query-limits.js'
import { useRateLimit } from './use-rate-limit.js'
import { useReadiness } from './use-readiness.js'
import { useSharedSubscriptionEvents } from './use-shared-subscription-events.js'
import { useRequestParams } from './use-request-params.js'
import { useValidationErrorCode } from './use-validation-error-code.js'
import { useErrorsInPathOrder } from './use-errors-in-path-order.js'

/** Options of {@link startGateway}. */
export interface GatewayOptions {
  hangar: Hangar
  host: string
  /** 0 picks a free port. */
  port: number
  /** Mutations one token may run per minute; 0: no limit. */
  mutationRateLimit?: number
  /** Largest request body, in bytes. */
  maxBodyBytes?: number
  /** Browser origins allowed by CORS; none: CORS closed. */
  corsOrigins?: string[]
  /** Introspection and GraphiQL. */
  introspection?: boolean
  /** No field suggestions in error messages. */
  production?: boolean
  /** The built web dashboard; default `dist/web/` of this checkout. */
  dashboardDirectory?: string
}

/** The Authorization value of an HTTP request, or of a WebSocket's connection_init payload. */
function authorizationOf(initial: Record<string, unknown>): string | undefined {
  const request = initial.request as Request | undefined
  const fromHeader = request?.headers?.get?.('authorization')
  if (fromHeader) return fromHeader
  const params = initial.connectionParams as Record<string, unknown> | undefined
  const fromParams =
    params?.authorization ??
    params?.Authorization ??
    (params?.headers as Record<string, unknown> | undefined)?.authorization
  if (typeof fromParams === 'string') return fromParams
  const upgrade = (initial.extra as { request?: { headers?: Record<string, unknown> } } | undefined)?.request
  const fromUpgrade = upgrade?.headers?.authorization
  return typeof fromUpgrade === 'string' ? fromUpgrade : undefined
}

/** A listening gateway. */
export interface Gateway {
  /** `http://host:port`, with the port actually bound. */
  url: string
  http: HttpServer
  /** Whether the web dashboard was built when the gateway started (else `/` answers 503). */
  dashboardBuilt: boolean
  close(): Promise<void>
}

/** The GraphQL endpoint; HTTP, SSE and WebSocket share it. */
export const GRAPHQL_PATH = '/graphql'

/** What GraphiQL opens with: a query that works on any fleet, and pointers to the rest. */
const GRAPHIQL_EXAMPLE = `# Welcome to Hangar. Run this query with the ▶ button, then try:
#   mutation { stopServer(id: "<an id from the list>", wait: true) { status logs } }
#   subscription { operation(id: "<an operation id>") { status logs } }
query Servers {
  servers(first: 20) {
    totalCount
    nodes { id name kind status location cpu memoryMb ips }
    pageInfo { hasNextPage endCursor }
  }
  providers { name plugin connected error }
}
`

type EnvelopedArgs = ExecutionArgs & {
  rootValue: { execute: (args: ExecutionArgs) => unknown; subscribe: (args: ExecutionArgs) => unknown }
}

/**
 * Serves GraphQL over HTTP and SSE (graphql-yoga), over WebSocket (graphql-ws, the
 * `graphql-transport-ws` protocol) on the same path, and GraphiQL on GET. Everything else is a
 * Yoga plugin of one concern: the web dashboard at `/` ({@link useDashboard}), GitHub's webhook
 * deliveries, the REST shim under `/api`, CORS, `GET /health`, `GET /ready`, `GET /metrics`,
 * access control, the rate limit and the audit log. Only two things run before Yoga, in the
 * HTTP handler: the servers page's response cache, which answers from memory without building a
 * Fetch request (the hot path `bench/servers-list.ts` measures), and so the DNS-rebinding guard,
 * which must come before it.
 */
export async function startGateway({
  hangar,
  host,
  port,
  mutationRateLimit = 60,
  maxBodyBytes = 1_000_000,
  corsOrigins = [],
  introspection = true,
  production = false,
  dashboardDirectory,
}: GatewayOptions): Promise<Gateway> {
  const dashboard = createDashboard({ directory: dashboardDirectory })
  const yoga = createYoga<Record<string, unknown>, GatewayContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: '/_yoga/health',
    landingPage: false,
    graphiql: introspection ? { title: 'Hangar', subscriptionsProtocol: 'WS', defaultQuery: GRAPHIQL_EXAMPLE } : false,
    // GraphiQL's bundle is 9 MB of source, about 30 MB once loaded: it is loaded by the first
    // visit to GraphiQL, not by every gateway that starts.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    logging: false,
    maxRequestBodySize: maxBodyBytes,
    // No file uploads; a multipart body is answered 415 rather than parsed.
    multipart: false,
    // CORS is the user plugin useCors, after the REST shim (which answers its own preflights).
    cors: false,
    maskedErrors: { maskError: createErrorMasker(hangar.logger) },
    // Every operation is authenticated, also each one on an open WebSocket, so a revoked token
    // cannot start anything new even on a connection made before the revocation.
    context: async (initial): Promise<GatewayContext> => ({
      hangar,
      auth: await hangar.authenticate(authorizationOf(initial)),
    }),
    plugins: [
      useDashboard(dashboard),
      useGithubWebhooks({ hangar, maxBodyBytes }),
      useRestShim({ logger: hangar.logger, maxBodyBytes, corsOrigins }),
      ...useCors({
        origins: corsOrigins,
        answeredElsewhere: (path) => isApiPath(path) || isDashboardPath(path) || WEBHOOK_PATH.test(path),
      }),
      useCsrfPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'authorization'] }),
      useRequestParams(),
      ...useQueryLimits({
        maxDepth: 10,
        maxAliases: 15,
        maxTokens: 2000,
        // Cost grows with `first`: the largest page of servers with every field costs about 20500.
        maxCost: 25_000,
        maxDirectives: 20,
        blockFieldSuggestion: production,
      }),
      ...(introspection ? [] : [useDisableIntrospection()]),
      useValidationErrorCode(),
      useErrorsInPathOrder(),
      // The audit log first: it records what the access control and the rate limit refused.
      useAuditLog(hangar),
      useAccessControl(),
      useRateLimit({ hangar, mutationsPerMinute: mutationRateLimit }),
      useHealth(hangar),
      useReadiness(hangar),
      useSharedSubscriptionEvents({ fields: ['deploymentLogs', 'deploymentLogBatches'] }),
      ...useMetrics(hangar),
    ],
  })

  // The servers page, answered from memory while the lists it was computed from hold.
  const responses = createResponseCache({
    graphql: yoga,
    path: GRAPHQL_PATH,
    source: hangar.directory,
    authenticate: (authorization) => hangar.authenticate(authorization),
    fields: ['servers'],
    onOutcome: (outcome) => hangar.metrics.countResponseCache(outcome),
  })
  const accessLog = createAccessLogger(hangar.logger)
  const http = createServer((request, response) => {
    logRequest(request, response, accessLog)
    void (async () => {
      // Before the response cache, which answers from memory ahead of Yoga's plugins.
      if (!mayIgnoreHost(request.url, request.headers.host) && !(await mayUseOpenMode(request.headers, hangar))) {
        return refuseRebinding(request, response)
      }
      if (await responses.handle(request, response)) return
      await yoga.handle(request, response)
    })().catch((error: unknown) => {
      hangar.logger.error({ error: (error as Error).message }, 'request failed')
      if (!response.headersSent) response.writeHead(500).end()
    })
  })
  http.on('clientError', answerClientError)

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(port, host, () => resolve())
  })
  // Attached once listening: a port already taken is then one clear error, not also the socket server's.
  const sockets = new WebSocketServer({ server: http, path: GRAPHQL_PATH })
  const wsServer = serveGraphqlOverWebSocket(
    {
      execute: (args) => (args as EnvelopedArgs).rootValue.execute(args as ExecutionArgs) as never,
      subscribe: (args) => (args as EnvelopedArgs).rootValue.subscribe(args as ExecutionArgs) as never,
      onConnect: async (context) => {
        // Refused at connection_init: graphql-ws closes the socket with 4403 Forbidden.
        const auth = await hangar.authenticate(
          authorizationOf({ connectionParams: context.connectionParams, extra: context.extra }),
        )
        if (auth.kind === 'open' && !(await mayUseOpenMode(context.extra.request.headers, hangar))) return false
        return auth.kind !== 'refused'
      },
      onSubscribe: async (context, _id, payload) => {
        const {
          schema: enveloped,
          execute,
          subscribe,
          contextFactory,
          parse,
          validate,
        } = yoga.getEnveloped({
          ...context,
          req: context.extra.request,
          socket: context.extra.socket,
          params: payload,
        })
        let document: DocumentNode
        try {
          document = parse(payload.query)
        } catch (error) {
          // A syntax error or a token limit is the client's: answered as an error message on the
          // socket, as over HTTP, rather than closing it as an internal error (4500).
          if (!(error instanceof GraphQLError)) throw error
          return [
            new GraphQLError(error.message, {
              source: error.source,
              positions: error.positions,
              extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
            }),
          ]
        }
        const args = {
          schema: enveloped,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        }
        const errors = validate(args.schema, args.document)
        if (errors.length > 0) return errors
        return args
      },
    },
    sockets,
    { logger: hangar.logger },
  )

  const address = http.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address

  return {
    url: `http://${shownHost}:${address.port}`,
    http,
    dashboardBuilt: dashboard.isBuilt(),
    async close() {
      await wsServer.dispose()
      sockets.close()
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}

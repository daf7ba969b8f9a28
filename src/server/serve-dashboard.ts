import { createReadStream, readFileSync, statSync } from 'node:fs'
import { Readable } from 'node:stream'
import type { Plugin } from 'graphql-yoga'
import { PLAIN_HOST } from './rebinding-guard.js'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where `npm run build:web` writes the dashboard (git-ignored, never committed). */
export const DASHBOARD_DIRECTORY = fileURLToPath(new URL('../../dist/web/', import.meta.url))

/** The command that builds the dashboard, as the log line and the 503 page name it. */
export const BUILD_COMMAND = 'npm run build:web'

/** Options of {@link createDashboard}. */
export interface DashboardOptions {
  /** The built front end: `index.html` and `assets/`. Default {@link DASHBOARD_DIRECTORY}. */
  directory?: string
}

/** The gateway's dashboard: the pages of the web front end and their hashed assets. */
export interface Dashboard {
  /** Whether the front end has been built (`index.html` exists). */
  isBuilt(): boolean
  /** The answer to a request for a dashboard page or asset; undefined for any other path. */
  answer(request: Request, path: string): Response | undefined
}

/**
 * The paths the front end routes itself; each one gets `index.html`. A server id holds a slash
 * (`pve-lab:qemu/100`), which the front end encodes (`%2F`), so `/server/` takes the rest.
 */
const PAGE_PATHS = [
  /^\/$/,
  /^\/servers\/new$/,
  /^\/sign-in$/,
  /^\/activity$/,
  /^\/server\/.+$/,
  /^\/deployments\/?$/,
  /^\/deployments\/[^/]+$/,
]

const isPagePath = (path: string) => PAGE_PATHS.some((pattern) => pattern.test(path))

/** Vite names assets `name-<hash>.ext`; nothing else is served from `/assets/`. */
const ASSET_PATH = /^\/assets\/([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.[a-z0-9]+)$/

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
}

/**
 * The Content-Security-Policy of a page: scripts, styles and everything else from the gateway
 * itself, GraphQL over HTTP to it and over WebSocket to the same host, no frames, no inline code.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host !== undefined && PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : ''
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Headers every dashboard answer carries. */
const COMMON_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' }

/** The page served while the front end is not built: what to run, and where GraphiQL still is. */
const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hangar: dashboard not built</title></head>
<body><main><h1>The Hangar dashboard is not built yet</h1>
<p>Run <code>${BUILD_COMMAND}</code> in Hangar's folder (<code>npm install</code> runs it too),
then reload this page.</p>
<p>GraphiQL works meanwhile: <a href="/graphql">/graphql</a>.</p></main></body></html>
`

/**
 * Serves the built front end: `index.html` for every page path (the front end routes on the
 * client), never cached so a new build shows at once; hashed assets cached for a year. Until the
 * front end is built, pages answer 503 naming the build command.
 */
export function createDashboard({ directory = DASHBOARD_DIRECTORY }: DashboardOptions = {}): Dashboard {
  const indexFile = join(directory, 'index.html')
  // Read again whenever the file changes: a build made while the gateway runs replaces the assets
  // the previous index named, so the next page must name the new ones.
  let index: { body: Buffer; mtimeMs: number } | undefined
  const readIndex = (): Buffer | undefined => {
    const stat = statSync(indexFile, { throwIfNoEntry: false })
    if (!stat) return (index = undefined)
    if (index?.mtimeMs !== stat.mtimeMs) index = { body: readFileSync(indexFile), mtimeMs: stat.mtimeMs }
    return index.body
  }

  const answerPage = (request: Request): Response => {
    const page = readIndex()
    const body = page ?? Buffer.from(NOT_BUILT_PAGE)
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: page ? 200 : 503,
      headers: {
        ...COMMON_HEADERS,
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        'content-security-policy': contentSecurityPolicy(request.headers.get('host') ?? undefined),
        'x-frame-options': 'DENY',
        'content-length': String(body.length),
      },
    })
  }

  const answerAsset = (request: Request, path: string): Response => {
    const name = ASSET_PATH.exec(path)?.[1]
    const file = name === undefined ? undefined : join(directory, 'assets', name)
    const stat = file === undefined ? undefined : statSync(file, { throwIfNoEntry: false })
    if (file === undefined || !stat?.isFile()) {
      const text = `no such asset: ${path.slice(0, 200)}\n`
      return new Response(text, {
        status: 404,
        headers: {
          ...COMMON_HEADERS,
          'content-type': 'text/plain; charset=utf-8',
          'cache-control': 'no-store',
          'content-length': String(Buffer.byteLength(text)),
        },
      })
    }
    const body = request.method === 'HEAD' ? null : (Readable.toWeb(createReadStream(file)) as ReadableStream)
    return new Response(body, {
      status: 200,
      headers: {
        ...COMMON_HEADERS,
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'public, max-age=31536000, immutable',
        'content-length': String(stat.size),
      },
    })
  }

  return {
    isBuilt: () => readIndex() !== undefined,
    answer(request, path) {
      const isPage = isPagePath(path)
      if (!isPage && !path.startsWith('/assets/')) return undefined
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return new Response(null, {
          status: 405,
          headers: { ...COMMON_HEADERS, allow: 'GET, HEAD', 'content-length': '0' },
        })
      return isPage ? answerPage(request) : answerAsset(request, path)
    },
  }
}

/** Whether a path is the dashboard's: one of its pages, or under `/assets/`. */
export function isDashboardPath(path: string): boolean {
  return path.startsWith('/assets/') || isPagePath(path)
}

/** Serves the {@link Dashboard}'s pages and assets from the gateway. */
export function useDashboard(dashboard: Dashboard): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      const answer = dashboard.answer(request, url.pathname)
      if (answer) endResponse(answer)
    },
  }
}

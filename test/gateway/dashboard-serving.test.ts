import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServerAdapter } from '@whatwg-node/server'
import { createDashboard, DASHBOARD_DIRECTORY } from '../../src/server/serve-dashboard.js'
import { startStack, type Stack } from '../support/start-stack.js'

/**
 * A GET (or another method) of a path exactly as written (`..` left in, which fetch would resolve),
 * with a Host header of our choosing.
 */
function get(
  url: string,
  path: string,
  { method = 'GET', host }: { method?: string; host?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ hostname, port, path, method, headers: host ? { host } : {} }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }))
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

let stack: Stack
let index: string
beforeAll(async () => {
  stack = await startStack()
  index = await readFile(join(DASHBOARD_DIRECTORY, 'index.html'), 'utf8')
})
afterAll(() => stack?.close())

describe('the web dashboard, served by the gateway', () => {
  it.each([
    '/',
    '/server/pve-lab%3Aqemu%2F100',
    '/deployments',
    '/deployments/1',
    '/deployments/new',
    '/servers/new',
    '/sign-in',
    '/sign-in?next=%2Fdeployments',
    '/activity',
    '/?provider=pve-lab',
  ])('answers %s with the app, never cached, under a strict CSP', async (path) => {
    const answer = await get(stack.url, path)
    expect(answer.status).toBe(200)
    expect(answer.body).toBe(index)
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(answer.headers['cache-control']).toBe('no-cache')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    const csp = String(answer.headers['content-security-policy'])
    const host = new URL(stack.url).host
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self';")
    expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host};`)
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:\/\//)
  })

  it('serves every asset the page names, cached for a year as its name carries its hash', async () => {
    const assets = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!)
    expect(assets.some((path) => path.endsWith('.js'))).toBe(true)
    expect(assets.some((path) => path.endsWith('.css'))).toBe(true)
    for (const path of assets) {
      const answer = await get(stack.url, path)
      expect(answer.status).toBe(200)
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(answer.headers['content-type']).toBe(
        path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
      )
      expect(answer.body).toBe(await readFile(join(DASHBOARD_DIRECTORY, path), 'utf8'))
    }
  })

  it('loads nothing from another site: no absolute URL in the page or its assets', async () => {
    expect(index).not.toMatch(/(?:src|href)="(?:https?:)?\/\//)
    const css = [...index.matchAll(/href="(\/assets\/[^"]+\.css)"/g)].map((match) => match[1]!)
    for (const path of css) expect((await get(stack.url, path)).body).not.toMatch(/url\((?:["']?)(?:https?:)?\/\//)
  })

  it.each(['/assets/index-nothere.js', '/assets/'])('answers 404 for %s, which is no asset', async (path) => {
    const answer = await get(stack.url, path)
    expect(answer.status).toBe(404)
    expect(answer.body).toMatch(/^no such asset/)
  })

  it.each(['/assets/../package.json', '/assets/%2e%2e/index.html', '/assets/..%2Fpackage.json'])(
    'answers 404 for %s: dot segments are resolved before routing, and nothing outside the build is served',
    async (path) => {
      const answer = await get(stack.url, path)
      expect(answer.status).toBe(404)
      expect(answer.body).not.toContain('"name"')
      expect(answer.body).not.toContain('<script')
    },
  )

  it('answers only GET and HEAD on its pages', async () => {
    const post = await get(stack.url, '/', { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.allow).toBe('GET, HEAD')
    const head = await get(stack.url, '/', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(index))
  })

  it('keeps GraphiQL at /graphql, GraphQL itself and the REST shim as they were', async () => {
    const graphiql = await fetch(`${stack.url}/graphql`, { headers: { accept: 'text/html' } })
    expect(graphiql.status).toBe(200)
    expect(await graphiql.text()).toContain('GraphiQL')
    const graphql = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ servers(first: 1) { totalCount } }' }),
    })
    expect(await graphql.json()).toEqual({ data: { servers: { totalCount: 12 } } })
    const rest = await fetch(`${stack.url}/api/servers`)
    expect(await rest.json()).toMatchObject({ status: 'success' })
    expect((await get(stack.url, '/nothing-here')).status).toBe(404)
  })

  it('answers a page addressed to a non-loopback name 403 while no token exists (DNS rebinding)', async () => {
    const answer = await get(stack.url, '/', { host: 'evil.example:4000' })
    expect(answer.status).toBe(403)
    expect(answer.body).not.toContain('<script')
  })
})

describe('a dashboard built while the gateway runs', () => {
  let directory: string
  let server: Server
  let url: string
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hangar-unbuilt-'))
    const dashboard = createDashboard({ directory })
    const answer = (request: Request) =>
      dashboard.answer(request, new URL(request.url).pathname) ?? new Response(null, { status: 418 })
    server = createServer(createServerAdapter(answer))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    await rm(directory, { recursive: true, force: true })
  })

  it('answers its pages 503, saying how to build it and where GraphiQL is', async () => {
    const answer = await get(url, '/')
    expect(answer.status).toBe(503)
    expect(answer.body).toContain('npm run build:web')
    expect(answer.body).toContain('href="/graphql"')
    expect(answer.headers['cache-control']).toBe('no-cache')
  })

  it('serves a build made meanwhile at once, and each later build too', async () => {
    await mkdir(join(directory, 'assets'), { recursive: true })
    await writeFile(join(directory, 'assets/app-first.js'), 'first()')
    await writeFile(join(directory, 'index.html'), '<script type="module" src="/assets/app-first.js"></script>')
    expect(await get(url, '/')).toMatchObject({
      status: 200,
      body: '<script type="module" src="/assets/app-first.js"></script>',
    })
    expect((await get(url, '/assets/app-first.js')).body).toBe('first()')

    await writeFile(join(directory, 'index.html'), '<script type="module" src="/assets/app-second.js"></script>')
    // A second build within the same clock tick as the first still counts as a change.
    await utimes(join(directory, 'index.html'), new Date(), new Date(Date.now() + 5_000))
    expect((await get(url, '/deployments')).body).toBe('<script type="module" src="/assets/app-second.js"></script>')
  })

  it('leaves every other path to the rest of the gateway', async () => {
    expect((await get(url, '/graphql')).status).toBe(418)
    expect((await get(url, '/api/servers')).status).toBe(418)
  })
})

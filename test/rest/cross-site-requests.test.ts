import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendOver } from '../support/graphql-client.js'
import { startStack, type Stack } from '../support/start-stack.js'
import type { JsonAnswer } from '../support/json-answer.js'

/** The one origin this gateway lets browsers call it from (HANGAR_CORS_ORIGINS). */
const CONSOLE = 'https://console.example'
const EVIL = 'https://evil.example'

let stack: Stack
let deploymentId: number
beforeAll(async () => {
  stack = await startStack({ env: { HANGAR_CORS_ORIGINS: CONSOLE }, simulator: { taskDurationMs: 100 } })
  const created = await call(
    'POST',
    '/api/deploy',
    { 'content-type': 'application/json' },
    JSON.stringify({ type: 'lxc', framework: 'nodejs', github_url: 'https://github.com/acme/node-hello.git' }),
  )
  expect(created.status).toBe(202)
  deploymentId = created.body.deployment.id
}, 60_000)
afterAll(async () => {
  await stack?.close()
})

async function call(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | FormData | Blob,
) {
  const response = await fetch(`${stack.url}${path}`, { method, headers, body })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : null) as JsonAnswer,
  }
}

/** What every state-changing endpoint is about, and how to see that it did not happen. */
const serverActions = [
  { action: 'start', vmid: 103, status: 'stopped' },
  { action: 'stop', vmid: 100, status: 'running' },
  { action: 'reboot', vmid: 101, status: 'running' },
  { action: 'destroy', vmid: 204, status: 'stopped' },
] as const

type Endpoint = { method: string; path: () => string; json: Record<string, unknown> | null }
const endpoints: Record<string, Endpoint> = {
  ...Object.fromEntries(
    serverActions.map(({ action, vmid }) => [
      action,
      {
        method: 'POST',
        path: () => `/api/${action}`,
        json: { server_id: `pve-lab:${vmid === 204 ? 'lxc' : 'qemu'}/${vmid}` },
      },
    ]),
  ),
  deploy: {
    method: 'POST',
    path: () => '/api/deploy',
    json: { type: 'vm', framework: 'nodejs', github_url: 'https://github.com/acme/node-hello.git' },
  },
  restart: { method: 'POST', path: () => `/api/deployments/${deploymentId}/restart`, json: null },
  delete: { method: 'DELETE', path: () => `/api/deployments/${deploymentId}`, json: null },
}

/** The bodies a page on another site can send without a CORS preflight. */
function simpleBodies(
  json: Record<string, unknown> | null,
): Array<[string, Record<string, string>, string | FormData | Blob]> {
  const fields = Object.entries(json ?? { server_id: 'pve-lab:qemu/100' }).map(
    ([key, value]) => [key, String(value)] as [string, string],
  )
  const form = new FormData()
  for (const [key, value] of fields) form.append(key, value)
  return [
    ['text/plain', { 'content-type': 'text/plain;charset=UTF-8' }, JSON.stringify(json ?? {})],
    [
      'application/x-www-form-urlencoded',
      { 'content-type': 'application/x-www-form-urlencoded' },
      new URLSearchParams(fields).toString(),
    ],
    ['multipart/form-data', {}, form],
    ['no content type at all (a Blob)', {}, new Blob([JSON.stringify(json ?? {})])],
  ]
}

/** Every observable trace of an action: guests, their upstream tasks, deployments, the audit log. */
async function snapshot(token?: string) {
  const audit = await sendOver('http', stack.url, token, '{ auditLog(first: 500) { totalCount } }')
  const deployments = await call('GET', '/api/deployments', token ? { authorization: `Bearer ${token}` } : {})
  return {
    guests: serverActions.map(({ vmid }) => stack.simulator.state.guest(vmid)?.status ?? 'gone'),
    tasks: serverActions.map(
      ({ vmid }) => stack.simulator.state.tasks.filter((task) => task.id === String(vmid)).length,
    ),
    deployments: deployments.body.total as number,
    deployment:
      (deployments.body.deployments as Array<{ id: number; status: string }>).find((one) => one.id === deploymentId)!
        .status !== 'deleted',
    audited: (audit.data!.auditLog as { totalCount: number }).totalCount,
  }
}

/** The title of each endpoint's cross-site JSON test, after the endpoint's name. */
const REFUSES_CROSS_SITE_JSON =
  'refuses a JSON request from a cross-site Origin with 403, in the envelope, and changes nothing'

describe('requests a browser could send from another site (open mode: no token)', () => {
  it('starts from servers in the state the checks below rely on', async () => {
    expect(serverActions.map(({ vmid }) => stack.simulator.state.guest(vmid)?.status)).toEqual(
      serverActions.map(({ status }) => status),
    )
  })

  for (const [name, endpoint] of Object.entries(endpoints)) {
    it(
      `${name}: refuses every content type a form or a no-cors ` +
        `fetch can send with 415, in the envelope, and changes nothing`,
      async () => {
        const before = await snapshot()
        for (const [label, headers, body] of simpleBodies(endpoint.json)) {
          const answer = await call(
            endpoint.method,
            `${endpoint.path()}${endpoint.json?.server_id ? `?server_id=${endpoint.json.server_id}` : ''}`,
            headers,
            body,
          )
          expect({ label, status: answer.status }).toEqual({ label, status: 415 })
          expect(answer.body).toEqual({
            message: expect.stringMatching(/^Content-Type: .*application\/json/),
            status: 'error',
            data: null,
          })
        }
        expect(await snapshot()).toEqual(before)
      },
    )

    it(`${name}: ${REFUSES_CROSS_SITE_JSON}`, async () => {
      const before = await snapshot()
      const json: Record<string, string> = endpoint.json ? { 'content-type': 'application/json' } : {}
      const body = endpoint.json ? JSON.stringify(endpoint.json) : undefined
      for (const headers of <Array<Record<string, string>>>[
        { origin: EVIL },
        { origin: 'null' },
        { origin: EVIL, 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
      ]) {
        const answer = await call(endpoint.method, endpoint.path(), { ...json, ...headers }, body)
        expect({ headers, status: answer.status }).toEqual({ headers, status: 403 })
        expect(answer.body).toEqual({
          message: expect.stringMatching(/^(Origin|Sec-Fetch-Site): .*HANGAR_CORS_ORIGINS/),
          status: 'error',
          data: null,
        })
      }
      expect(await snapshot()).toEqual(before)
    })
  }

  it(
    'refuses a body-less POST from another site (what ' +
      'navigator.sendBeacon or a no-cors fetch sends), and changes nothing',
    async () => {
      const before = await snapshot()
      const answer = await call('POST', '/api/stop?server_id=pve-lab:qemu/100', { origin: EVIL })
      expect(answer).toMatchObject({ status: 403, body: { status: 'error', data: null } })
      expect(await snapshot()).toEqual(before)
    },
  )

  it('answers reads from another site, but without CORS headers, so the page cannot read them', async () => {
    const answer = await call('GET', '/api/servers', { origin: EVIL, 'sec-fetch-site': 'cross-site' })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('access-control-allow-origin')).toBeNull()
  })

  it(
    'accepts JSON from the allowed origin, also when the ' + 'browser says cross-site, and lets it read the answer',
    async () => {
      const answer = await call(
        'POST',
        '/api/stop',
        { 'content-type': 'application/json', origin: CONSOLE, 'sec-fetch-site': 'cross-site' },
        JSON.stringify({ server_id: 'pve-lab:qemu/102' }),
      )
      expect(answer).toMatchObject({
        status: 200,
        body: { status: 'success', data: { action: 'stop', serverId: 'pve-lab:qemu/102' } },
      })
      expect(answer.headers.get('access-control-allow-origin')).toBe(CONSOLE)
      expect(answer.headers.get('vary')).toMatch(/Origin/)
    },
  )

  it('accepts a page of the gateway itself (same origin) and scripts that send no Origin', async () => {
    const sameOrigin = await call(
      'POST',
      '/api/start',
      { 'content-type': 'application/json; charset=utf-8', origin: stack.url, 'sec-fetch-site': 'same-origin' },
      JSON.stringify({ server_id: 'pve-lab:qemu/105' }),
    )
    expect(sameOrigin).toMatchObject({ status: 200, body: { data: { action: 'start' } } })
    const script = await call('POST', '/api/start?server_id=pve-lab:qemu/106')
    expect(script).toMatchObject({ status: 200, body: { data: { action: 'start' } } })
  })

  it(
    'answers a CORS preflight as /graphql does: the allowed ' +
      'origin gets the CORS headers, any other 403 in the envelope',
    async () => {
      const allowed = await call('OPTIONS', '/api/destroy', {
        origin: CONSOLE,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      })
      expect(allowed.status).toBe(204)
      expect(allowed.headers.get('access-control-allow-origin')).toBe(CONSOLE)
      expect(allowed.headers.get('access-control-allow-methods')).toMatch(/POST/)
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/)
      const refused = await call('OPTIONS', '/api/destroy', { origin: EVIL, 'access-control-request-method': 'POST' })
      expect(refused).toMatchObject({ status: 403, body: { status: 'error', data: null } })
      expect(refused.headers.get('access-control-allow-origin')).toBeNull()
    },
  )
})

describe('the same requests once tokens exist', () => {
  it(
    'refuses a cross-site request with 403 before looking ' + 'at the token, valid or not, and changes nothing',
    async () => {
      const admin = await stack.issueToken('admin', 'cross-site-admin')
      const before = await snapshot(admin)
      for (const authorization of [`Bearer ${admin}`, undefined]) {
        for (const [name, endpoint] of Object.entries(endpoints)) {
          const json: Record<string, string> = endpoint.json ? { 'content-type': 'application/json' } : {}
          const answer = await call(
            endpoint.method,
            endpoint.path(),
            { ...json, origin: EVIL, ...(authorization ? { authorization } : {}) },
            endpoint.json ? JSON.stringify(endpoint.json) : undefined,
          )
          expect({ name, status: answer.status }).toEqual({ name, status: 403 })
          expect(answer.body).toMatchObject({
            status: 'error',
            data: null,
            message: expect.stringMatching(/^Origin: /),
          })
          const plain = await call(
            endpoint.method,
            endpoint.path(),
            { 'content-type': 'text/plain', ...(authorization ? { authorization } : {}) },
            JSON.stringify(endpoint.json ?? {}),
          )
          expect({ name, status: plain.status }).toEqual({ name, status: 415 })
        }
      }
      expect(await snapshot(admin)).toEqual(before)
    },
  )

  it('accepts the allowed origin with a valid token', async () => {
    const operator = await stack.issueToken('operator', 'cross-site-operator')
    const answer = await call(
      'POST',
      '/api/reboot',
      { 'content-type': 'application/json', origin: CONSOLE, authorization: `Bearer ${operator}` },
      JSON.stringify({ server_id: 'pve-lab:qemu/104' }),
    )
    expect(answer).toMatchObject({ status: 200, body: { data: { action: 'reboot' } } })
  })
})

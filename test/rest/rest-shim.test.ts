import { request as httpRequest } from 'node:http'
import { describe, expect, it } from 'vitest'
import { sendOver } from '../support/graphql-client.js'
import { recipesOnProxmox, stackWithApps } from '../support/stack-with-apps.js'
import { type StackOptions, startStack } from '../support/start-stack.js'
import type { JsonAnswer } from '../support/json-answer.js'

const lab = stackWithApps(['node-hello'], (gitEnv) => recipesOnProxmox(gitEnv, { kamatera: {} }))

/** A call as the seeds' curl examples make them. */
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${lab.stack.url}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as JsonAnswer }
}

describe("the Kamatera seed's endpoints", () => {
  it('GET /api/servers answers the envelope with every server, a script can loop over the ids', async () => {
    const { status, body } = await call('GET', '/api/servers')
    expect(status).toBe(200)
    expect(body).toMatchObject({ status: 'success', message: expect.any(String) })
    expect(body.data).toHaveLength(24)
    const kama = body.data.find((server: { name: string }) => server.name === 'db-eu-01')
    expect(kama).toMatchObject({ power: 'on', datacenter: 'EU', provider: 'kama', cpu: 4, ram: 16384 })
    for (const server of body.data.slice(0, 3)) {
      const details = await call('GET', `/api/server?server_id=${encodeURIComponent(server.id)}`)
      expect(details.body).toMatchObject({ status: 'success', data: { id: server.id, details: expect.any(Object) } })
    }
  })

  it("accepts a provider's own id when only one server has it", async () => {
    const server = [...lab.stack.kamatera!.state.servers.values()].find((candidate) => candidate.name === 'web-eu-02')!
    const { status, body } = await call('GET', `/api/server?server_id=${server.id}`)
    expect(status).toBe(200)
    expect(body.data).toMatchObject({ id: `kama:${server.id}`, name: 'web-eu-02' })
  })

  it('POST /api/stop, /api/start and /api/reboot take server_id in the body or the query', async () => {
    const stop = await call('POST', '/api/stop', { server_id: 'pve-lab:qemu/101' })
    expect(stop).toMatchObject({
      status: 200,
      body: { status: 'success', data: { action: 'stop', serverId: 'pve-lab:qemu/101' } },
    })
    const start = await call('POST', '/api/start?server_id=pve-lab:qemu/103')
    expect(start.body.data).toMatchObject({ action: 'start' })
    const reboot = await call('POST', '/api/reboot', { server_id: 'pve-lab:qemu/102' })
    expect(reboot.body.data).toMatchObject({ action: 'reboot' })
  })

  it('POST /api/destroy destroys the server it names', async () => {
    const { status, body } = await call('POST', '/api/destroy', { server_id: 'pve-lab:lxc/204' })
    expect(status).toBe(200)
    expect(body.data).toMatchObject({ action: 'destroy' })
  })

  it.each([
    ['POST', '/api/start', {}, 400, /^server_id: required/],
    ['POST', '/api/start', '{not json', 400, /^body: not valid JSON/],
    ['POST', '/api/stop', { server_id: 'pve-lab:qemu/4242' }, 404, /does not exist|no guest/],
    ['GET', '/api/server?server_id=nowhere-at-all', undefined, 404, /^server_id: no server nowhere-at-all/],
    ['POST', '/api/start', { server_id: 'pve-lab:qemu/104' }, 409, /already running/],
    ['GET', '/api/unknown', undefined, 404, /no such endpoint/],
  ])('%s %s with %o answers %i and a message naming the problem', async (method, path, body, status, message) => {
    const answer = await call(method, path, body)
    expect(answer.status).toBe(status)
    expect(answer.body).toMatchObject({ status: 'error', data: null })
    expect(answer.body.message).toMatch(message)
  })
})

describe("refusals in the Kamatera seed's terms", () => {
  const traces = () => ({
    guest: lab.stack.simulator.state.guest(100)?.status,
    tasks: lab.stack.simulator.state.tasks.filter((task) => task.id === '100').length,
  })

  it.each([
    ['{"server_id": 100}', '', 400, /^server_id: must be a string/],
    ['{"server_id": null}', '', 400, /^server_id: must be a string/],
    ['{"server_id": " pve-lab:qemu/100"}', '', 400, /^server_id: must not start or end with spaces/],
    ['{"server_id": "pve-lab:qemu/100", "force": true}', '', 400, /^force: not a field of this request/],
    ['{"server_id": "pve-lab:"}', '', 400, /^server_id: "pve-lab:" is not a server id/],
    ['{"server_id": "nowhere:qemu/100"}', '', 404, /^server_id: no provider named "nowhere"/],
    ['{"server_id": "pve-lab:qemu/4242"}', '', 404, /^server_id: no server pve-lab:qemu\/4242/],
    ['{}', '?server_id=pve-lab:qemu/100&server_id=pve-lab:qemu/101', 400, /^server_id: given more than once/],
    [
      '{"server_id": "pve-lab:qemu/101"}',
      '?server_id=pve-lab:qemu/100',
      400,
      /^server_id: the body and the query name different servers/,
    ],
  ])(
    'POST /api/destroy with %s%s answers %i naming server_id, and destroys nothing',
    async (body, query, status, message) => {
      const before = traces()
      const answer = await call('POST', `/api/destroy${query}`, body)
      expect(answer).toMatchObject({ status, body: { status: 'error', data: null } })
      expect(answer.body.message).toMatch(message)
      expect(traces()).toEqual(before)
    },
  )

  it(
    'answers a path in another letter case in the envelope (404, ' + 'naming the lower-case path), and acts on nothing',
    async () => {
      const before = traces()
      const upper = await call('GET', '/API/servers')
      expect(upper).toMatchObject({
        status: 404,
        body: {
          status: 'error',
          data: null,
          message: 'GET /API/servers: no such endpoint (paths are lower case: /api/servers)',
        },
      })
      const mixed = await call('POST', '/Api/destroy', { server_id: 'pve-lab:qemu/100' })
      expect(mixed).toMatchObject({ status: 404, body: { status: 'error', data: null } })
      const plain = await call('POST', '/API/destroy', '{"server_id": "pve-lab:qemu/100"}', {
        'content-type': 'text/plain',
      })
      expect(plain).toMatchObject({ status: 415, body: { status: 'error', data: null } })
      expect(traces()).toEqual(before)
    },
  )

  it(
    'reads a path as a URL does before telling whether it ' + 'is /api: dot segments and escapes reach the shim too',
    async () => {
      const get = (path: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          // node:http sends the path as written (fetch would resolve the dots itself).
          httpRequest(`${lab.stack.url}${path}`, (response) => {
            let body = ''
            response
              .on('data', (chunk) => (body += chunk))
              .on('end', () => resolve({ status: response.statusCode!, body }))
          })
            .on('error', reject)
            .end()
        })
      const plain = await get('/api/servers')
      expect(plain.status).toBe(200)
      expect(await get('/x/../api/servers')).toEqual(plain)
      expect(await get('/./api/servers')).toEqual(plain)
      const escaped = await get('/%61pi/nowhere')
      expect(escaped.status).toBe(404)
      expect(JSON.parse(escaped.body)).toMatchObject({ status: 'error', data: null })
    },
  )

  it(
    "answers headers over Node's limit with 431 in the " + 'envelope under /api (any case), and as Node does elsewhere',
    async () => {
      const send = (path: string) =>
        new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
          const request = httpRequest(
            `${lab.stack.url}${path}`,
            { headers: { 'x-padding': 'a'.repeat(20_000) } },
            (response) => {
              let body = ''
              response
                .on('data', (chunk) => (body += chunk))
                .on('end', () =>
                  resolve({ status: response.statusCode!, type: response.headers['content-type'], body }),
                )
            },
          )
          request.on('error', reject).end()
        })
      for (const path of ['/api/servers', '/API/servers?x=1']) {
        const answer = await send(path)
        expect(answer).toMatchObject({ status: 431, type: expect.stringMatching(/^application\/json/) })
        expect(JSON.parse(answer.body)).toEqual({
          message: expect.stringMatching(/^headers: larger than \d+ bytes/),
          status: 'error',
          data: null,
        })
      }
      expect(await send('/graphql')).toEqual({ status: 431, type: undefined, body: '' })
    },
  )

  it(
    'answers a body over HANGAR_MAX_BODY_BYTES with 413 in the envelope, ' +
      'closes that connection, and the next request is served',
    async () => {
      const before = (await call('GET', '/api/deployments')).body.total
      const huge = JSON.stringify({
        type: 'vm',
        framework: 'nodejs',
        github_url: 'https://github.com/acme/node-hello.git',
        name: 'x'.repeat(2_000_000),
      })
      const response = await fetch(`${lab.stack.url}/api/deploy`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: huge,
      })
      expect(response.status).toBe(413)
      expect(response.headers.get('connection')).toBe('close')
      expect(await response.json()).toEqual({ message: 'body: larger than 1000000 bytes', status: 'error', data: null })
      const streamed = await fetch(`${lab.stack.url}/api/deploy`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new ReadableStream({
          start: (controller) => {
            controller.enqueue(new TextEncoder().encode(huge))
            controller.close()
          },
        }),
        duplex: 'half',
      } as RequestInit)
      expect(streamed.status).toBe(413)
      expect((await streamed.json()).message).toBe('body: larger than 1000000 bytes')
      expect((await call('GET', '/api/deployments')).body.total).toBe(before)
    },
  )
})

describe("the deploy API seed's endpoints", () => {
  let id: number

  it("POST /api/deploy (the seed's curl example) answers 202 with the documented shape", async () => {
    const { status, body } = await call('POST', '/api/deploy', {
      type: 'vm',
      framework: 'nodejs',
      github_url: 'https://github.com/acme/node-hello.git',
      cpu: 2,
      memory: 2048,
      disk: 20,
    })
    expect(status).toBe(202)
    expect(body.message).toBe('Déploiement démarré')
    expect(body.deployment).toMatchObject({
      id: expect.any(Number),
      name: expect.stringMatching(/^nodejs-\d{8}-\d{6}$/),
      type: 'vm',
      framework: 'nodejs',
      github_url: 'https://github.com/acme/node-hello.git',
      resources: { cpu: 2, memory: 2048, disk: 20 },
      status: 'pending',
      created_at: expect.any(String),
    })
    id = body.deployment.id
  })

  it("follows the seed's Python flow: poll until running, list, logs", async () => {
    let status = 'pending'
    for (let attempt = 0; attempt < 300 && !['running', 'failed'].includes(status); attempt += 1) {
      status = (await call('GET', `/api/deployments/${id}`)).body.status
      if (!['running', 'failed'].includes(status)) await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect(status).toBe('running')
    const one = await call('GET', `/api/deployments/${id}`)
    expect(one.body).toMatchObject({
      id,
      status: 'running',
      proxmox: {
        id: expect.any(Number),
        node: expect.stringMatching(/^pve/),
        ip: expect.stringMatching(/^127\.\d+\./),
      },
      deployed_at: expect.any(String),
    })
    const list = await call('GET', '/api/deployments')
    expect(list.body).toMatchObject({ total: 1, deployments: [{ id, status: 'running', proxmox: one.body.proxmox }] })
    const logs = await call('GET', `/api/deployments/${id}/logs`)
    expect(logs.body.deployment_id).toBe(id)
    expect(logs.body.terraform_output).toMatch(/cloning template 9000/)
    expect(logs.body.deployment_log).toContain('built page.txt')
  }, 120_000)

  it(
    'reads a deployment id exactly: any other spelling of the ' +
      'number is 400 naming id, and nothing happens to the deployment',
    async () => {
      const spellings = [
        `0${id}`,
        `00${id}`,
        `+${id}`,
        `-${id}`,
        `${id}e0`,
        `${id}.0`,
        `%20${id}`,
        `${id}%20`,
        `0x${id.toString(16)}`,
        '0',
        '9007199254740993',
        `${id}%00`,
      ]
      for (const spelling of spellings) {
        for (const [method, suffix] of [
          ['GET', ''],
          ['GET', '/logs'],
          ['POST', '/restart'],
          ['DELETE', ''],
        ]) {
          const answer = await call(method!, `/api/deployments/${spelling}${suffix}`)
          expect({ spelling, method, suffix, status: answer.status }).toEqual({ spelling, method, suffix, status: 400 })
          expect(answer.body).toEqual({
            message: expect.stringMatching(/^id: ".*" is not a deployment id/),
            status: 'error',
            data: null,
          })
        }
      }
      expect((await call('GET', `/api/deployments/${id}`)).body.status).toBe('running')
      const admin = await sendOver('http', lab.stack.url, undefined, '{ auditLog(first: 100) { nodes { action } } }')
      expect(
        (admin.data!.auditLog as { nodes: Array<{ action: string }> }).nodes.map((entry) => entry.action),
      ).not.toEqual(expect.arrayContaining([expect.stringMatching(/^(restart|delete)Deployment$/)]))
    },
  )

  it('POST /api/deployments/{id}/restart and DELETE /api/deployments/{id} answer as documented', async () => {
    expect((await call('POST', `/api/deployments/${id}/restart`)).body).toEqual({
      message: 'Déploiement redémarré',
      deployment_id: id,
    })
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if ((await call('GET', `/api/deployments/${id}`)).body.status !== 'creating') break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    expect((await call('DELETE', `/api/deployments/${id}`)).body).toEqual({
      message: 'Déploiement supprimé',
      deployment_id: id,
    })
    expect((await call('GET', `/api/deployments/${id}`)).body.status).toBe('deleted')
  }, 60_000)

  it('GET /api/status, /api/frameworks and /api/resources answer the documented shapes', async () => {
    const status = await call('GET', '/api/status')
    expect(status.body).toMatchObject({
      system: {
        status: 'operational',
        proxmox_connected: true,
        providers: { 'pve-lab': { connected: true }, kama: { connected: true } },
      },
      deployments: { total: 1 },
    })
    const frameworks = await call('GET', '/api/frameworks')
    expect(frameworks.body.python).toEqual(expect.arrayContaining([{ id: 'django', name: 'Django', version: '5.x' }]))
    expect(Object.keys(frameworks.body)).toEqual(expect.arrayContaining(['python', 'javascript', 'php', 'java']))
    const resources = await call('GET', '/api/resources')
    expect(resources.body).toMatchObject({
      node: {
        name: 'pve1',
        status: 'online',
        cpu: { cores: expect.any(Number) },
        memory: { total: expect.any(Number) },
      },
      vms: { total: expect.any(Number) },
      containers: { total: expect.any(Number) },
    })
    expect(resources.body.nodes.length).toBeGreaterThan(2)
    expect(resources.body.unavailable_providers).toEqual([])
  })

  it.each([
    [
      { type: 'docker', framework: 'nodejs', github_url: 'https://github.com/acme/x.git' },
      /^type: must be "vm" or "lxc"/,
    ],
    [{ type: 'vm', github_url: 'https://github.com/acme/x.git' }, /^framework: required/],
    [{ type: 'vm', framework: 'nodejs' }, /^github_url: required/],
    [
      { type: 'vm', framework: 'nodejs', github_url: 'https://github.com/acme/x.git; reboot' },
      /^github_url: must be a GitHub repository URL/,
    ],
    [
      { type: 'vm', framework: 'nodejs', github_url: 'https://github.com/acme/x.git', cpu: 'two' },
      /^cpu: must be a number/,
    ],
    [{ type: 'vm', framework: 'nodejs', github_url: 42 }, /^github_url: must be a string/],
    [{ type: 'vm', framework: 7, github_url: 'https://github.com/acme/x.git' }, /^framework: must be a string/],
    [
      { type: 'vm', framework: 'nodejs', github_url: 'https://github.com/acme/x.git', memory: 3_000_000_000 },
      /^memory: must be at most 2147483647/,
    ],
    [
      { type: 'vm', framework: 'nodejs', github_url: 'https://github.com/acme/x.git', colour: 'blue' },
      /^colour: not a field of a deployment/,
    ],
    [
      { type: 'vm', framework: 'rails', github_url: 'https://github.com/acme/x.git' },
      /^framework: unknown framework "rails"/,
    ],
  ])('POST /api/deploy with %o answers 400 naming the field, and creates nothing', async (body, message) => {
    const before = (await call('GET', '/api/deployments')).body.total
    const answer = await call('POST', '/api/deploy', body)
    expect(answer.status).toBe(400)
    expect(answer.body.message).toMatch(message)
    expect((await call('GET', '/api/deployments')).body.total).toBe(before)
  })

  /** `GET /api/resources` of a gateway whose providers are given wrong credentials. */
  async function resourcesWithWrongCredentials(options: StackOptions) {
    const down = await startStack(options)
    try {
      const response = await fetch(`${down.url}/api/resources`)
      const text = await response.text()
      expect(text).not.toContain('wrong-secret')
      return { status: response.status, body: JSON.parse(text) as JsonAnswer }
    } finally {
      await down.close()
    }
  }
  const wrongKamatera = { provider: { secret: 'kama-wrong-secret-3f90' } }

  it("GET /api/resources when one provider does not answer: the others' hosts, and its name", async () => {
    const { status, body } = await resourcesWithWrongCredentials({ kamatera: wrongKamatera })
    expect(status).toBe(200)
    expect(body.node.name).toBe('pve1')
    expect(body.nodes.map((node: { node: { name: string } }) => node.node.name)).toEqual(['pve1', 'pve2'])
    expect(body.unavailable_providers).toEqual(['kama'])
  })

  it('GET /api/resources when no provider answers: 503, saying why', async () => {
    const { status, body } = await resourcesWithWrongCredentials({
      provider: { tokenSecret: 'pve-wrong-secret-3f90' },
      kamatera: wrongKamatera,
    })
    expect(status).toBe(503)
    expect(body).toEqual({
      status: 'error',
      message: 'pve-lab: Proxmox refused our credentials (Authentication failed!)',
      data: null,
    })
  })

  it('answers 404 for an unknown deployment and 400 for an id that is not a number', async () => {
    expect((await call('GET', '/api/deployments/4242')).status).toBe(404)
    expect((await call('GET', '/api/deployments/abc')).status).toBe(400)
    expect((await call('DELETE', '/api/deployments/4242')).status).toBe(404)
  })
})

describe('the OpenAPI description', () => {
  it('describes every endpoint, with request schemas from the zod schemas that validate them', async () => {
    const { status, body } = await call('GET', '/api/openapi.json')
    expect(status).toBe(200)
    expect(body.openapi).toBe('3.1.0')
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/servers',
        '/api/server',
        '/api/start',
        '/api/stop',
        '/api/reboot',
        '/api/destroy',
        '/api/deploy',
        '/api/deployments',
        '/api/deployments/{id}',
        '/api/deployments/{id}/logs',
        '/api/deployments/{id}/restart',
        '/api/status',
        '/api/frameworks',
        '/api/resources',
        '/health',
      ]),
    )
    const deploy = body.paths['/api/deploy'].post.requestBody.content['application/json'].schema
    expect(deploy).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['type', 'framework', 'github_url'],
    })
    expect(Object.keys(deploy.properties).sort()).toEqual([
      'branch',
      'cpu',
      'disk',
      'framework',
      'github_url',
      'memory',
      'name',
      'private_repo',
      'provider',
      'type',
    ])
    expect(deploy.properties.type.enum).toEqual(['vm', 'lxc'])
    expect(body.paths['/api/deploy'].post.responses['202']).toBeDefined()
  })

  it(
    'documents the cross-site refusals (403, 415) ' + 'on every state-changing endpoint, and how an id is written',
    async () => {
      const { body } = await call('GET', '/api/openapi.json')
      const changing = [
        '/api/start',
        '/api/stop',
        '/api/reboot',
        '/api/destroy',
        '/api/deploy',
        '/api/deployments/{id}/restart',
      ].map((path) => body.paths[path].post)
      for (const operation of [...changing, body.paths['/api/deployments/{id}'].delete]) {
        expect(operation.responses['415'].description).toMatch(/application\/json/)
        expect(operation.responses['403'].description).toMatch(/HANGAR_CORS_ORIGINS/)
      }
      expect(body.paths['/api/servers'].get.responses['415']).toBeUndefined()
      expect(body.paths['/api/deployments/{id}'].get.parameters[0].description).toMatch(/never `01`/)
    },
  )
})

describe('access control on the shim', () => {
  it(
    'answers 401 without a valid token and 403 for a role ' + 'that may not act, in the envelope, and audits as "rest"',
    async () => {
      const viewer = await lab.stack.issueToken('viewer', 'rest-viewer')
      const admin = await lab.stack.issueToken('admin', 'rest-admin')
      const anonymous = await call('GET', '/api/servers')
      expect(anonymous).toMatchObject({ status: 401, body: { status: 'error', data: null } })
      const forbidden = await call(
        'POST',
        '/api/stop',
        { server_id: 'pve-lab:qemu/100' },
        { authorization: `Bearer ${viewer}` },
      )
      expect(forbidden).toMatchObject({ status: 403, body: { status: 'error' } })
      expect((await call('GET', '/api/servers', undefined, { authorization: `Bearer ${viewer}` })).status).toBe(200)
      expect((await call('GET', '/api/openapi.json')).status).toBe(200)
      const audit = await sendOver(
        'http',
        lab.stack.url,
        admin,
        '{ auditLog(actor: "rest-viewer") { nodes { action outcome source } } }',
      )
      expect((audit.data!.auditLog as { nodes: unknown[] }).nodes).toEqual([
        { action: 'stopServer', outcome: 'DENIED', source: 'rest' },
      ])
    },
  )
})

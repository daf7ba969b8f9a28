import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/logger.js'
import { startHangar, type RunningHangar } from '../../src/start-hangar.js'
import { sendOver, wsClient } from '../support/graphql-client.js'

let demo: RunningHangar
let directory: string
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'hangar-demo-'))
  demo = await startHangar({
    env: { HANGAR_PORT: '0', DATABASE_URL: `sqlite:${join(directory, 'demo.db')}` },
    logger: createLogger({ level: 'silent' }),
  })
})
afterAll(async () => {
  await demo?.close()
  rmSync(directory, { recursive: true, force: true })
})

describe('a deployment in the demo', () => {
  it.each([
    ['VM', 'django'],
    ['LXC', 'nodejs'],
  ])(
    'plays a %s %s recipe back with realistic output and reaches RUNNING',
    async (type, framework) => {
      const created = await sendOver(
        'http',
        demo.url,
        undefined,
        'mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }',
        {
          input: { type, framework, githubUrl: 'https://github.com/acme/shop.git' },
        },
      )
      const { id } = created.data!.createDeployment as { id: string }
      const client = wsClient(demo.url)
      let last: { status: string; error: string | null; host: { ip: string } | null } | undefined
      const started = Date.now()
      for await (const event of client.iterate({
        query: 'subscription ($id: ID!) { deploymentStatus(id: $id) { status error host { ip } } }',
        variables: { id },
      })) {
        last = (event.data as { deploymentStatus: NonNullable<typeof last> }).deploymentStatus
      }
      await client.dispose()
      console.log(
        `demo ${type} ${framework} deployment reached ${last?.status} ` +
          `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      )
      expect(last).toMatchObject({ status: 'RUNNING', error: null })
      const answer = await sendOver(
        'http',
        demo.url,
        undefined,
        'query ($id: ID!) { deployment(id: $id) { logs(limit: 10000) { stream line } } }',
        { id },
      )
      const lines = (answer.data!.deployment as { logs: { stream: string; line: string }[] }).logs
      expect(lines.filter((line) => line.stream === 'DEPLOY').length).toBeGreaterThan(10)
      expect(
        await fetch(`http://${last!.host!.ip}:${framework === 'django' ? 8000 : 3000}/`).then(
          (response) => response.status,
        ),
      ).toBe(200)
    },
    90_000,
  )
})

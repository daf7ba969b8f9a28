import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'shell-quote'
import { afterAll, describe, expect, it } from 'vitest'
import { FRAMEWORKS, findFramework } from '../../src/deployments/frameworks/index.js'
import { sh, type RecipeContext } from '../../src/deployments/frameworks/framework.js'
import { fixtureRepository } from '../support/fixture-repo.js'
import { SEED_FRAMEWORK_IDS } from '../support/seed-frameworks.js'

const run = promisify(execFile)

const context: RecipeContext = {
  repoUrl: 'https://github.com/acme/node-hello.git',
  ref: 'release/v1.2',
  name: 'hello-app',
  appDir: 'apps/.releases/hello-app/1',
  serveDir: 'apps/hello-app',
  port: 3000,
  envFile: '.hangar/hello-app.env',
}

describe('the frameworks catalogue', () => {
  it('offers the frameworks of the seed, each with a version, a language, a port and a health check', () => {
    expect(FRAMEWORKS.map((framework) => framework.id)).toEqual(expect.arrayContaining([...SEED_FRAMEWORK_IDS]))
    for (const framework of FRAMEWORKS) {
      expect(framework.version).not.toBe('')
      expect(['python', 'javascript', 'php', 'java', 'static']).toContain(framework.language)
      expect(framework.port).toBeGreaterThan(0)
      expect(framework.health.path.startsWith('/')).toBe(true)
    }
  })

  it.each(FRAMEWORKS.map((framework) => [framework.id]))(
    '%s: runs runtime, fetch, dependencies, build and service, in that order',
    (id) => {
      const steps = findFramework(id)!.recipe(context)
      expect(steps.map((step) => step.stage)).toEqual(['runtime', 'fetch', 'dependencies', 'build', 'service'])
    },
  )

  it.each(FRAMEWORKS.map((framework) => [framework.id]))(
    '%s: passes the repository and ref as single quoted words',
    (id) => {
      const fetch = findFramework(id)!
        .recipe(context)
        .find((step) => step.stage === 'fetch')!
      const words = parse(fetch.commands.join(' ; '))
      expect(words).toContain(context.repoUrl)
      expect(words).toContain(context.ref)
    },
  )

  it('quotes what it is given: a value is never read as shell', () => {
    expect(parse(sh('echo', '$(touch /tmp/pwned); `id` && rm -rf ~'))).toEqual([
      'echo',
      '$(touch /tmp/pwned); `id` && rm -rf ~',
    ])
  })
})

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

describe('the Node.js recipe, run for real with bash', () => {
  const home = mkdtempSync(join(tmpdir(), 'hangar-guest-'))
  const repos = fixtureRepository('node-hello')
  // Every process the recipe starts carries this marker, so the app it leaves running can be found.
  const marker = `HANGAR_RECIPE_TEST=${Date.now()}-${process.pid}`
  afterAll(() => {
    for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
      try {
        if (readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker))
          process.kill(Number(pid), 'SIGKILL')
      } catch {
        // Gone already, or not ours to read.
      }
    }
    rmSync(home, { recursive: true, force: true })
    rmSync(repos.root, { recursive: true, force: true })
  })

  it('fetches the repository, installs, builds and starts the app, which then answers', async () => {
    const port = await freePort()
    const steps = findFramework('nodejs')!.recipe({
      ...context,
      ref: 'main',
      appDir: `${home}/apps/hello-app`,
      serveDir: `${home}/apps/hello-app`,
      port,
    })
    const output: string[] = []
    for (const step of steps) {
      for (const command of step.commands) {
        const { stdout, stderr } = await run('bash', ['-c', command], {
          cwd: home,
          env: { ...process.env, HOME: home, ...repos.env, [marker.split('=')[0]!]: marker.split('=')[1]! },
          timeout: 60_000,
        })
        output.push(stdout, stderr)
      }
    }
    expect(output.join('')).toContain('built page.txt')
    let answer = ''
    for (let attempt = 0; attempt < 50 && !answer; attempt += 1) {
      answer = await fetch(`http://127.0.0.1:${port}/`).then(
        (response) => response.text(),
        () => '',
      )
      if (!answer) await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(answer).toMatch(/^hello from node-hello, built at /)
  })

  it(
    'fetches afresh over a fetch that was cut short, a directory left ' +
      'without its .git, or an earlier checkout, and prints the commit',
    async () => {
      const fetchStage = (appDir: string, ref = 'main') =>
        findFramework('nodejs')!
          .recipe({ ...context, ref, appDir, port: 3000 })
          .find((step) => step.stage === 'fetch')!
      const runFetch = async (appDir: string, ref?: string) =>
        (
          await run('bash', ['-c', fetchStage(appDir, ref).commands.join(' && ')], {
            cwd: home,
            env: { ...process.env, HOME: home, ...repos.env },
            timeout: 60_000,
          })
        ).stdout
      const head = (
        await run('git', ['-C', join(repos.root, 'acme', 'node-hello.git'), 'rev-parse', 'HEAD'])
      ).stdout.trim()
      // Left without .git: a fetch killed after it made the directory.
      mkdirSync(`${home}/apps/half-cloned/src`, { recursive: true })
      writeFileSync(`${home}/apps/half-cloned/src/partial.js`, 'half')
      expect(await runFetch(`${home}/apps/half-cloned`)).toContain(`fetched commit ${head}`)
      expect(readFileSync(`${home}/apps/half-cloned/server.js`, 'utf8')).toContain('A tiny app')
      expect(readdirSync(`${home}/apps/half-cloned`)).not.toContain('src')
      // A .git that cannot fetch: a fetch killed before it wrote its remote.
      mkdirSync(`${home}/apps/broken-git/.git`, { recursive: true })
      await runFetch(`${home}/apps/broken-git`)
      expect(readFileSync(`${home}/apps/broken-git/server.js`, 'utf8')).toContain('A tiny app')
      // A commit, by its sha.
      expect(await runFetch(`${home}/apps/by-sha`, head)).toContain(`fetched commit ${head}`)
    },
  )
})

import { rmSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRunBrowser, expectNoSeriousAxeViolation, launchBrowser, openPage, screenshot } from '../support/browser.js'
import { fixtureRepository } from '../support/fixture-repo.js'
import { sendOver } from '../support/graphql-client.js'
import { NODE_HELLO, storeFailedDeployment } from '../support/node-hello-deployment.js'
import { recipesOnProxmox } from '../support/stack-with-apps.js'
import { startStack, type Stack } from '../support/start-stack.js'
import type { JsonAnswer } from '../support/json-answer.js'

type Line = { seq: number; stream: string; line: string }

describe.skipIf(!canRunBrowser)('the deployment pages of the dashboard', () => {
  const repos = fixtureRepository(['node-hello'])
  let stack: Stack
  let browser: Browser
  beforeAll(async () => {
    stack = await startStack(recipesOnProxmox(repos.env, { simulator: { taskDurationMs: 50 } }))
    browser = await launchBrowser()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await stack?.close()
    rmSync(repos.root, { recursive: true, force: true })
  })

  const ask = async (query: string, variables?: Record<string, unknown>) => {
    const answer = await sendOver('http', stack.url, undefined, query, variables)
    expect(answer.errors).toBeUndefined()
    return answer.data as JsonAnswer
  }
  const storedLogs = async (id: string): Promise<Line[]> =>
    (await ask('query ($id: ID!) { deployment(id: $id) { logs(limit: 10000) { seq stream line } } }', { id }))
      .deployment.logs
  const deploymentCount = async (): Promise<number> =>
    (await ask('{ deployments(first: 1) { totalCount } }')).deployments.totalCount
  const createByApi = async (name: string): Promise<string> =>
    (
      await ask('mutation ($input: CreateDeploymentInput!) { createDeployment(input: $input) { id } }', {
        input: { ...NODE_HELLO, type: 'VM', name },
      })
    ).createDeployment.id

  /** The lines the log view shows, as seq and text. */
  const renderedLines = (page: Page) =>
    page.locator('[role="log"] [data-seq]').evaluateAll((rows) =>
      rows.map((row) => ({
        seq: Number(row.getAttribute('data-seq')),
        stream: row.getAttribute('data-stream')!,
        line: row.querySelector('.log-text')!.textContent!,
      })),
    )
  const badge = (page: Page) => page.locator('h1 [data-status]').getAttribute('data-status')
  const logEnded = (page: Page) => page.locator('[data-connection]').getAttribute('data-connection')

  /**
   * Waits until the page says RUNNING and its log subscription completed, then checks the view against the stored log.
   */
  async function expectFullLog(page: Page, id: string): Promise<Line[]> {
    await expect.poll(() => badge(page), { timeout: 45_000, interval: 200 }).toBe('RUNNING')
    await expect.poll(() => logEnded(page), { timeout: 10_000 }).toBe('ended')
    const rendered = await renderedLines(page)
    const stored = await storedLogs(id)
    expect(rendered).toEqual(stored)
    expect(rendered.map((line) => line.seq)).toEqual(rendered.map((_, index) => index + 1))
    return rendered
  }

  let formDeployment: { id: string; page: Page }

  it('creates a deployment from the form, which follows it to ' +
    'RUNNING with its log lines arriving live and in order', async () => {
    const before = await deploymentCount()
    const { page, outside, consoleErrors } = await openPage(browser, stack.url, '/deployments')
    await page.getByRole('link', { name: 'New deployment' }).click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: 'New deployment' }).count(), { timeout: 10_000 })
      .toBe(1)
    expect(await page.getByLabel('Memory (MB)').inputValue()).toBe('2048')
    expect(await page.getByLabel('CPU cores').inputValue()).toBe('2')
    expect(await page.getByLabel('Disk (GB)').inputValue()).toBe('20')
    await page.getByLabel('GitHub URL').fill('https://github.com/acme/node-hello.git')
    await page.getByLabel('Name (optional)').fill('hello-web')
    await page.getByLabel('Framework').selectOption('nodejs')
    await page.getByLabel('Type').selectOption('VM')
    expect(await page.getByLabel('Provider').locator('option').allInnerTexts()).toEqual(['pve-lab (proxmox)'])
    await screenshot(page, 'deployment-form')
    await page.getByRole('button', { name: 'Create deployment' }).click()

    await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toMatch(/^\/deployments\/\d+$/)
    const id = new URL(page.url()).pathname.split('/').pop()!
    expect(await deploymentCount()).toBe(before + 1)
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Deployment hello-web created' }).count())
      .toBe(1)

    // Sample the rendered log while the deployment is on its way: it grows before RUNNING.
    const samples: { count: number; status: string | null }[] = []
    for (const until = Date.now() + 45_000; Date.now() < until; ) {
      const status = await badge(page)
      samples.push({ count: await page.locator('[role="log"] [data-seq]').count(), status })
      if (status === 'RUNNING' || status === 'FAILED') break
      await page.waitForTimeout(100)
    }
    const beforeRunning = samples.filter((sample) => sample.status !== 'RUNNING').map((sample) => sample.count)
    expect(new Set(beforeRunning.filter((count) => count > 0)).size).toBeGreaterThan(2)
    expect(samples.map((sample) => sample.status)).toContain('CREATING')
    // The step list marked a step under way at some point, and the steps are the framework's.
    expect(await page.getByRole('list', { name: 'Steps' }).locator('li').allInnerTexts()).toEqual(
      ['provision', 'runtime', 'fetch', 'dependencies', 'build', 'service', 'health-check'].map((step) =>
        expect.stringContaining(step),
      ),
    )

    const rendered = await expectFullLog(page, id)
    // Lines were on the page while more were still to come (the last ones land just before RUNNING).
    expect(beforeRunning.some((count) => count > 0 && count < rendered.length)).toBe(true)
    expect(rendered.map((line) => line.line)).toContain('step build')
    expect(await page.locator('[data-step-state="done"]').count()).toBe(7)
    expect(await page.locator('[data-field="host"]').innerText()).toMatch(/^guest \d+ on pve\d, 127\.\d+\.\d+\.\d+$/)
    expect(await page.locator('dl[aria-label="Deployment"]').innerText()).toMatch(
      /https:\/\/github\.com\/acme\/node-hello\.git \(main\)[\s\S]*2 CPU · 2048 MB RAM · 20 GB disk/,
    )
    await screenshot(page, 'deployment-running')
    expect(outside).toEqual([])
    expect(consoleErrors).toEqual([])
    formDeployment = { id, page }
  }, 60_000)

  /**
   * Opens deployment `id` behind a proxy of the gateway's WebSocket that cuts the first connection
   * after five log lines and refuses the next `refused` connections at once, then checks the page
   * said it lost the connection and ended with every stored line once, in order. With none refused,
   * graphql-ws retries by itself, resending the subscription (same id) as it stands; with two, its
   * retries run out and the page subscribes again itself (a new id).
   */
  async function dropAndResume(id: string, refused: number, shot?: string) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    const consoleErrors: string[] = []
    page.on('pageerror', (error) => consoleErrors.push(error.message))
    let connections = 0
    let forwardedBeforeDrop = 0
    const logSubscriptions: { connection: number; after: number; id?: string }[] = []
    const receivedAfterDrop: number[] = []
    await page.routeWebSocket(/\/graphql$/, (ws) => {
      const connection = ++connections
      if (connection > 1 && connection <= 1 + refused) {
        ws.close({ code: 1001, reason: 'still down' })
        return
      }
      const server = ws.connectToServer()
      ws.onMessage((message) => {
        const parsed = JSON.parse(String(message))
        if (parsed.type === 'subscribe' && String(parsed.payload.query).includes('deploymentLogBatches'))
          logSubscriptions.push({ connection, after: parsed.payload.variables.after, id: parsed.id })
        server.send(message)
      })
      server.onMessage((message) => {
        const parsed = JSON.parse(String(message))
        const lines: { seq: number }[] | undefined =
          parsed.type === 'next' ? parsed.payload?.data?.deploymentLogBatches : undefined
        if (connection === 1 && forwardedBeforeDrop >= 5) return
        if (lines === undefined) return ws.send(message)
        if (connection > 1) {
          ws.send(message)
          receivedAfterDrop.push(...lines.map((line) => line.seq))
          return
        }
        // The first connection carries lines up to 5 (cutting a batch short), then drops.
        const kept = lines.filter((line) => line.seq <= 5)
        parsed.payload.data.deploymentLogBatches = kept
        if (kept.length > 0) ws.send(JSON.stringify(parsed))
        forwardedBeforeDrop = kept.at(-1)?.seq ?? forwardedBeforeDrop
        if (forwardedBeforeDrop >= 5) {
          ws.close({ code: 1001, reason: 'dropped by the test' })
          server.close()
        }
      })
    })
    await page.goto(`${stack.url}/deployments/${id}`)
    // Note every time the page says it lost the connection (it may say so only briefly).
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { connectionStates: string[] }).connectionStates = [])
      new MutationObserver(() => {
        const state = document.querySelector('[data-connection]')?.getAttribute('data-connection')
        if (state && seen.at(-1) !== state) seen.push(state)
        if (document.body.innerText.includes('Connection lost, reconnecting…') && !seen.includes('alert'))
          seen.push('alert')
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
    })
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { connectionStates: string[] }).connectionStates), {
        timeout: 20_000,
        interval: 50,
      })
      .toEqual(expect.arrayContaining(['reconnecting', 'alert']))
    if (shot) await screenshot(page, shot, false)
    await expect.poll(() => connections, { timeout: 20_000 }).toBe(2 + refused)

    const rendered = await expectFullLog(page, id)
    expect(forwardedBeforeDrop).toBe(5)
    // The first subscription asked from the start; the one on the last connection from the last line seen.
    const [first, resumed, ...more] = logSubscriptions
    expect(more).toEqual([])
    expect(first).toMatchObject({ connection: 1, after: 0 })
    expect(resumed).toMatchObject({ connection: 2 + refused, after: 5 })
    if (refused === 0) expect(resumed!.id).toBe(first!.id)
    else expect(resumed!.id).not.toBe(first!.id)
    expect(receivedAfterDrop[0]).toBe(6)
    expect(rendered.length).toBeGreaterThan(10)
    expect(await page.getByText('Connection lost, reconnecting…').count()).toBe(0)
    expect(consoleErrors).toEqual([])
    return page
  }

  it('resumes the log after a dropped WebSocket from the last line seen, with no gap and no repeat', async () => {
    const retried = await createByApi('hello-retry')
    const dropped = await createByApi('hello-drop')
    const [, page] = await Promise.all([
      dropAndResume(retried, 0),
      dropAndResume(dropped, 2, 'deployment-reconnecting'),
    ])
    await screenshot(page, 'deployment-resumed')
  }, 60_000)

  it('restarts a deployment and deletes it once its name is typed, telling the person each time', async () => {
    const { id, page } = formDeployment
    const vmid = Number(
      (await ask('query ($id: ID!) { deployment(id: $id) { host { id } } }', { id })).deployment.host.id,
    )
    expect(stack.simulator.state.guests.has(vmid)).toBe(true)
    const linesBefore = await page.locator('[role="log"] [data-seq]').count()

    await page.getByRole('button', { name: 'Restart' }).click()
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'hello-web is restarting.' }).count(), { timeout: 10_000 })
      .toBe(1)
    await expect
      .poll(
        () => page.getByRole('status').filter({ hasText: 'hello-web restarted and answers its health check.' }).count(),
        { timeout: 30_000 },
      )
      .toBe(1)
    const rendered = await expectFullLog(page, id)
    expect(rendered.length).toBeGreaterThan(linesBefore)
    expect(rendered.slice(linesBefore).some((line) => line.line.startsWith('rebooting guest'))).toBe(true)
    await screenshot(page, 'deployment-restarted')

    const opener = page.getByRole('button', { name: 'Delete' })
    await opener.click()
    const dialog = page.getByRole('dialog', { name: 'Delete hello-web?' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    const confirm = dialog.getByRole('button', { name: 'Delete' })
    const typed = dialog.getByLabel('Deployment name')
    await typed.fill('hello-we')
    expect(await confirm.isDisabled()).toBe(true)
    await typed.press('Enter')
    expect(await dialog.isVisible()).toBe(true)
    await expectNoSeriousAxeViolation(page, 'delete dialog open')
    await screenshot(page, 'deployment-delete-dialog', false)
    await typed.fill('hello-web')
    await confirm.click()
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'hello-web deleted: its guest is destroyed.' }).count(), {
        timeout: 20_000,
      })
      .toBe(1)
    await expect.poll(() => badge(page)).toBe('DELETED')
    expect(stack.simulator.state.guests.has(vmid)).toBe(false)
    expect((await ask('query ($id: ID!) { deployment(id: $id) { status } }', { id })).deployment.status).toBe('DELETED')
    // Nothing more to do on a deleted deployment but look.
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Restart' }).isDisabled()).toBe(true)
    await screenshot(page, 'deployment-deleted')
  }, 60_000)

  it('shows a bad GitHub URL next to its field, naming it, and creates nothing', async () => {
    const before = await deploymentCount()
    const { page } = await openPage(browser, stack.url, '/deployments/new')
    await page.getByLabel('GitHub URL').fill('https://gitlab.com/acme/node-hello.git')
    await page.getByRole('button', { name: 'Create deployment' }).click()
    const field = page.getByLabel('GitHub URL')
    await expect.poll(() => field.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true')
    const describedBy = (await field.getAttribute('aria-describedby'))!.split(' ')
    const error = page.locator(`[id="${describedBy.find((id) => id.endsWith('-error'))}"]`)
    expect(await error.innerText()).toMatch(/githubUrl: must be a GitHub repository URL/)
    expect(await field.evaluate((element) => element === document.activeElement)).toBe(true)
    expect(await page.locator('[data-field-error]').count()).toBe(1)
    expect(new URL(page.url()).pathname).toBe('/deployments/new')
    expect(await deploymentCount()).toBe(before)
    await screenshot(page, 'deployment-form-error')

    // Fixing the field takes the error away.
    await field.fill('https://github.com/acme/node-hello.git')
    expect(await page.locator('[data-field-error]').count()).toBe(0)
  }, 30_000)

  it('lists deployments newest first, with a status filter', async () => {
    const { page } = await openPage(browser, stack.url, '/deployments')
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 10_000 }).toBe(3)
    expect(await page.locator('tbody tr td:first-child').allInnerTexts()).toEqual([
      'hello-drop',
      'hello-retry',
      'hello-web',
    ])
    expect(await page.locator('tbody tr [data-status]').allInnerTexts()).toEqual(['running', 'running', 'deleted'])
    await page.getByLabel('Status').selectOption('DELETED')
    await expect.poll(() => page.locator('tbody tr td:first-child').allInnerTexts()).toEqual(['hello-web'])
    await page.getByLabel('Status').selectOption('')
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3)
    await page.getByRole('link', { name: 'hello-drop' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^hello-drop/)
  }, 30_000)

  it('updates the list by itself while a deployment is on its way', async () => {
    const id = await createByApi('hello-list')
    const { page } = await openPage(browser, stack.url, '/deployments')
    const row = page.locator(`tr[data-deployment-id="${id}"]`)
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1)
    expect(await page.locator('tbody tr td:first-child').first().innerText()).toBe('hello-list')
    // A mark that a reload would wipe.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true))
    const seen = new Set<string>()
    await expect
      .poll(
        async () => {
          const status = await row.locator('[data-status]').getAttribute('data-status')
          seen.add(`${status}`)
          return status
        },
        { timeout: 45_000, interval: 250 },
      )
      .toBe('RUNNING')
    expect(seen.has('CREATING') || seen.has('PENDING')).toBe(true)
    expect(await row.locator('td').nth(5).innerText()).toBe('—')
    expect(await page.evaluate(() => (window as unknown as { sameDocument: boolean }).sameDocument)).toBe(true)
    await screenshot(page, 'deployments-list')
  }, 60_000)

  it('offers each action only to a role that may take it', async () => {
    const secured = await startStack()
    try {
      const admin = await secured.issueToken('admin')
      const operator = await secured.issueToken('operator')
      const viewer = await secured.issueToken('viewer')
      // A deployment that failed before it had a guest, stored as such: nothing to run meanwhile.
      const id = String(await storeFailedDeployment(secured, 'roles', 'made by the test'))
      const buttons = async (token: string) => {
        const [one, list] = await Promise.all([
          openPage(browser, secured.url, `/deployments/${id}`, { token }),
          openPage(browser, secured.url, '/deployments', { token }),
        ])
        try {
          await expect
            .poll(() => one.page.getByRole('heading', { level: 1 }).innerText(), { timeout: 10_000 })
            .toMatch(/^roles/)
          await expect.poll(() => list.page.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1)
          // `me` is asked alongside; give it the time it takes before looking at what is offered.
          await one.page.waitForTimeout(300)
          return {
            actions: await one.page.getByRole('group', { name: 'Actions' }).getByRole('button').allInnerTexts(),
            newLink: await list.page.getByRole('link', { name: 'New deployment' }).count(),
          }
        } finally {
          await Promise.all([one.page.close(), list.page.close()])
        }
      }
      const [asViewer, asOperator, asAdmin] = await Promise.all([buttons(viewer), buttons(operator), buttons(admin)])
      expect(asViewer).toEqual({ actions: [], newLink: 0 })
      expect(asOperator.newLink).toBe(1)
      expect(asOperator.actions).toContain('Restart')
      expect(asOperator.actions).not.toContain('Delete')
      expect(asAdmin.actions).toContain('Delete')
    } finally {
      await secured.close()
    }
  }, 60_000)

  it('has no serious or critical accessibility violation ' +
    'on the list, a deployment and the form (axe-core)', async () => {
    const list = await openPage(browser, stack.url, '/deployments')
    await expect.poll(() => list.page.locator('tbody tr').count(), { timeout: 10_000 }).toBe(4)
    await expectNoSeriousAxeViolation(list.page, '/deployments')
    await screenshot(list.page, 'axe-deployments')

    const one = await openPage(browser, stack.url, `/deployments/${formDeployment.id}`)
    await expect.poll(() => logEnded(one.page), { timeout: 10_000 }).toBe('ended')
    await expectNoSeriousAxeViolation(one.page, '/deployments/{id}')
    await screenshot(one.page, 'axe-deployment')

    const form = await openPage(browser, stack.url, '/deployments/new')
    await expect.poll(() => form.page.getByLabel('GitHub URL').count(), { timeout: 10_000 }).toBe(1)
    await expectNoSeriousAxeViolation(form.page, '/deployments/new')
    await screenshot(form.page, 'axe-deployment-form')
  }, 30_000)

  it('shows more than a page of deployments a page at a time', async () => {
    // Twenty old failed ones, stored as a deployment that failed before it had a guest would be.
    for (let index = 1; index <= 20; index++) await storeFailedDeployment(stack, `old-${index}`, 'made by the test')
    const { page } = await openPage(browser, stack.url, '/deployments')
    await expect.poll(() => page.getByText(/^Deployments 1–20 of 24$/).count(), { timeout: 10_000 }).toBe(1)
    expect(await page.locator('tbody tr td:first-child').first().innerText()).toBe('old-20')
    await page.getByRole('button', { name: 'Next page' }).click()
    await expect.poll(() => page.getByText(/^Deployments 21–24 of 24$/).count(), { timeout: 10_000 }).toBe(1)
    expect(await page.locator('tbody tr td:first-child').allInnerTexts()).toEqual([
      'hello-list',
      'hello-drop',
      'hello-retry',
      'hello-web',
    ])
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true)
    await screenshot(page, 'deployments-page-2')
    await page.getByRole('button', { name: 'Previous page' }).click()
    await expect.poll(() => page.getByText(/^Deployments 1–20 of 24$/).count(), { timeout: 10_000 }).toBe(1)
  }, 30_000)

  it('cancels a deployment on its way, and says so', async () => {
    const id = await createByApi('hello-cancel')
    const { page, consoleErrors } = await openPage(browser, stack.url, `/deployments/${id}`)
    const cancel = page.getByRole('button', { name: 'Cancel deployment' })
    await expect.poll(() => cancel.count(), { timeout: 10_000 }).toBe(1)
    await cancel.click()
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'hello-cancel cancelled.' }).count(), { timeout: 20_000 })
      .toBe(1)
    await expect.poll(() => badge(page)).toBe('FAILED')
    expect(await page.getByTestId('deployment-error').innerText()).toBe('Error: cancelled')
    expect(await cancel.count()).toBe(0)
    await expect.poll(() => logEnded(page), { timeout: 10_000 }).toBe('ended')
    expect(await renderedLines(page)).toEqual(await storedLogs(id))
    await screenshot(page, 'deployment-cancelled')
    expect(consoleErrors).toEqual([])
  }, 30_000)

  it('says so when there is no such deployment', async () => {
    const { page } = await openPage(browser, stack.url, '/deployments/999999')
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'there is no deployment 999999' }).count(), {
        timeout: 10_000,
      })
      .toBe(1)
  })

  it('sets a secret variable, which builds a new release, and rolls back to the first one, from the page', async () => {
    const secretValue = `dash-secret-${Date.now()}`
    // A deployment of its own, last in the file: the others count and name the deployments they made.
    const id = await createByApi('hello-vars')
    await expect
      .poll(async () => (await ask('query ($id: ID!) { deployment(id: $id) { status } }', { id })).deployment.status, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe('RUNNING')
    const { page, consoleErrors } = await openPage(browser, stack.url, `/deployments/${id}`)
    const releaseStatus = (number: number) =>
      page.locator(`[data-release="${number}"]`).getAttribute('data-release-status')
    await expect.poll(() => releaseStatus(1), { timeout: 10_000 }).toBe('ACTIVE')
    const form = page.getByRole('form', { name: 'Set a variable' })
    await form.getByLabel('Key').fill('API_TOKEN')
    // Ticked first: the value is then typed into a masked field.
    await form.getByLabel('Secret (write-only)').check()
    await form.getByLabel('Value').fill(secretValue)
    await form.getByRole('button', { name: 'Save variable' }).click()
    // The page follows the release: built beside the serving one, then switched to.
    await expect.poll(() => releaseStatus(2), { timeout: 60_000, interval: 250 }).toBe('ACTIVE')
    await expect.poll(() => releaseStatus(1)).toBe('SUPERSEDED')
    await expect.poll(() => page.locator('[data-variable="API_TOKEN"]').innerText()).toMatch(/API_TOKEN\s+secret/)
    expect(await page.content()).not.toContain(secretValue)
    await screenshot(page, 'deployment-releases')
    await page.getByRole('button', { name: 'Roll back to release 1' }).click()
    await expect.poll(() => releaseStatus(1), { timeout: 30_000, interval: 250 }).toBe('ACTIVE')
    await expect.poll(() => page.locator('[data-field="step"]').innerText()).toBe('—')
    expect(await releaseStatus(2)).toBe('SUPERSEDED')
    await expect.poll(() => page.getByRole('log').innerText()).toContain('rolled back: release 1 is serving')
    expect(consoleErrors).toEqual([])
  }, 150_000)
})

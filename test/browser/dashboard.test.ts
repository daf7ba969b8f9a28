import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRunBrowser, expectNoSeriousAxeViolation, launchBrowser, openPage, SCREENSHOTS } from '../support/browser.js'
import { startStack, type Stack } from '../support/start-stack.js'

describe.skipIf(!canRunBrowser)('the web dashboard in a browser', () => {
  let stack: Stack
  let browser: Browser
  beforeAll(async () => {
    stack = await startStack({ kamatera: {} })
    browser = await launchBrowser()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await stack?.close()
  })

  const open = (path: string) => openPage(browser, stack.url, path)

  const card = (page: Page, name: string) =>
    page.locator('article', { has: page.getByRole('heading', { name, exact: true }) })

  async function searchFor(page: Page, name: string): Promise<void> {
    await page.getByLabel('Search by name').fill(name)
    await expect.poll(() => page.locator('article').count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => card(page, name).count()).toBe(1)
  }

  it('shows a card for every server of both providers, a page at a time, and filters them by provider', async () => {
    const { page, outside, consoleErrors } = await open('/')
    await expect.poll(() => page.getByText(/^Servers 1–12 of 24$/).count(), { timeout: 15_000 }).toBe(1)
    const providersOnPage = async () =>
      new Set(await page.locator('article dt:text-is("Provider") + dd').allInnerTexts())
    expect(await providersOnPage()).toEqual(new Set(['kama']))
    expect(await card(page, 'web-eu-01').innerText()).toMatch(
      /running[\s\S]*EU[\s\S]*VM[\s\S]*2 CPU · 4096 MB RAM · 20 GB disk/,
    )

    await page.getByRole('button', { name: 'Next page' }).click()
    await expect.poll(() => page.getByText(/^Servers 13–24 of 24$/).count()).toBe(1)
    expect(await providersOnPage()).toEqual(new Set(['pve-lab']))
    expect(await card(page, 'web-01').innerText()).toMatch(/running[\s\S]*pve1/)

    await page.getByLabel('Provider').selectOption('pve-lab')
    await expect.poll(() => page.getByText(/^Servers 1–12 of 12$/).count()).toBe(1)
    expect(await providersOnPage()).toEqual(new Set(['pve-lab']))

    await page.getByLabel('Status').selectOption('STOPPED')
    await expect
      .poll(async () => new Set(await page.locator('article [data-status]').allInnerTexts()), { timeout: 10_000 })
      .toEqual(new Set(['stopped']))

    await expect.poll(() => page.getByRole('meter', { name: 'CPU of pve1' }).count()).toBe(1)
    await page.screenshot({ path: join(SCREENSHOTS, 'servers.png'), fullPage: true })
    expect(outside).toEqual([])
    expect(consoleErrors).toEqual([])
  }, 60_000)

  it('stops a running server: its card turns red and says "stopped", and the person is told', async () => {
    const { page, outside, consoleErrors } = await open('/')
    await searchFor(page, 'worker-eu-01')
    const stoppedColour = await card(page, 'worker-eu-01').evaluate(
      (element) => getComputedStyle(element).borderLeftColor,
    )

    // The card follows the operation over graphql-ws (the `operation` subscription).
    const pushed: string[] = []
    page.on('websocket', (socket) => {
      if (new URL(socket.url()).pathname === '/graphql')
        socket.on('framereceived', (frame) => pushed.push(String(frame.payload)))
    })
    await searchFor(page, 'web-01')
    const web = card(page, 'web-01')
    expect(await web.getAttribute('data-status')).toBe('RUNNING')
    const runningColour = await web.evaluate((element) => getComputedStyle(element).borderLeftColor)
    expect(runningColour).not.toBe(stoppedColour)

    await page.getByRole('button', { name: 'Stop web-01' }).click()
    await expect.poll(() => web.getAttribute('data-status'), { timeout: 15_000 }).toBe('STOPPED')
    expect(await web.locator('[data-status]').innerText()).toBe('stopped')
    expect(await web.evaluate((element) => getComputedStyle(element).borderLeftColor)).toBe(stoppedColour)
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'web-01 stopped.' }).count()).toBe(1)
    expect(pushed.some((frame) => frame.includes('"SUCCEEDED"') && frame.includes('"stop"'))).toBe(true)
    expect(await page.getByRole('button', { name: 'Stop web-01' }).isDisabled()).toBe(true)
    expect(await page.getByRole('button', { name: 'Start web-01' }).isEnabled()).toBe(true)

    await page.screenshot({ path: join(SCREENSHOTS, 'stopped.png'), fullPage: true })

    await page.getByRole('button', { name: 'Start web-01' }).click()
    await expect.poll(() => web.getAttribute('data-status'), { timeout: 15_000 }).toBe('RUNNING')
    expect(await web.locator('[data-status]').innerText()).toBe('running')
    expect(await web.evaluate((element) => getComputedStyle(element).borderLeftColor)).toBe(runningColour)
    expect(outside).toEqual([])
    expect(consoleErrors).toEqual([])
  }, 60_000)

  it('refuses to destroy a server until its name is typed, then destroys it and removes its card', async () => {
    const { page, outside, consoleErrors } = await open('/')
    await searchFor(page, 'vpn-il-01')
    const opener = page.getByRole('button', { name: 'Destroy vpn-il-01' })

    // Escape closes the dialog and gives focus back to the button that opened it.
    await opener.click()
    const dialog = page.getByRole('dialog', { name: 'Destroy vpn-il-01?' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    expect(await opener.evaluate((element) => element === document.activeElement)).toBe(true)

    await opener.click()
    const confirm = dialog.getByRole('button', { name: 'Destroy' })
    const typed = dialog.getByLabel('Server name')
    expect(await typed.evaluate((element) => element === document.activeElement)).toBe(true)
    expect(await confirm.isDisabled()).toBe(true)
    await typed.fill('vpn-il-0')
    expect(await confirm.isDisabled()).toBe(true)
    await typed.fill('VPN-IL-01')
    expect(await confirm.isDisabled()).toBe(true)
    await page.screenshot({ path: join(SCREENSHOTS, 'destroy-refused.png') })
    // Enter in the field does not go past the refusal either.
    await typed.press('Enter')
    expect(await dialog.isVisible()).toBe(true)
    expect(stack.kamatera!.state.serversNamed('vpn-il-01')).toHaveLength(1)

    await typed.fill('vpn-il-01')
    expect(await confirm.isEnabled()).toBe(true)
    await confirm.click()
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'vpn-il-01 destroyed.' }).count(), { timeout: 20_000 })
      .toBe(1)
    await expect.poll(() => card(page, 'vpn-il-01').count()).toBe(0)
    expect(await page.getByText('No server matches.').isVisible()).toBe(true)
    expect(stack.kamatera!.state.serversNamed('vpn-il-01')).toHaveLength(0)

    await page.screenshot({ path: join(SCREENSHOTS, 'destroyed.png'), fullPage: true })
    expect(outside).toEqual([])
    expect(consoleErrors).toEqual([])
  }, 60_000)

  it('shows an error to the person when an action is refused', async () => {
    const { page } = await open('/')
    await searchFor(page, 'api-eu-01')
    // Another client destroys it meanwhile; the card is stale, and its stop is refused.
    const id = await card(page, 'api-eu-01').getAttribute('data-server-id')
    const destroyed = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($id: ID!) { destroyServer(id: $id, confirm: "api-eu-01", wait: true) { status } }',
        variables: { id },
      }),
    })
    expect(await destroyed.json()).toEqual({ data: { destroyServer: { status: 'SUCCEEDED' } } })
    await page.getByRole('button', { name: 'Stop api-eu-01' }).click()
    await expect
      .poll(
        () =>
          page
            .getByRole('alert')
            .filter({ hasText: /Could not stop api-eu-01: / })
            .count(),
        { timeout: 15_000 },
      )
      .toBe(1)
    await page.screenshot({ path: join(SCREENSHOTS, 'action-error.png') })
  }, 60_000)

  it("says which provider's hosts and servers are missing when it does not answer, and shows the others", async () => {
    const broken = await startStack({ kamatera: { provider: { secret: 'kama-wrong-secret-51ab' } } })
    try {
      const { page, consoleErrors } = await openPage(browser, broken.url, '/')
      await expect.poll(() => page.getByText(/^Servers 1–12 of 12$/).count(), { timeout: 15_000 }).toBe(1)
      expect(await page.getByText('Not answering, so their servers are missing: kama.').count()).toBe(1)
      const hosts = page.locator('section[aria-labelledby="nodes-title"]')
      await expect
        .poll(() => hosts.getByRole('alert').innerText(), { timeout: 15_000 })
        .toMatch(/^Not answering, so their hosts are missing: kama: Kamatera refused our credentials/)
      // Proxmox answers: its nodes are drawn as ever.
      expect(await hosts.getByRole('meter', { name: 'CPU of pve1' }).count()).toBe(1)
      expect(await hosts.getByRole('meter', { name: 'Memory of pve2' }).count()).toBe(1)
      expect(await page.content()).not.toContain('kama-wrong-secret-51ab')
      await page.screenshot({ path: join(SCREENSHOTS, 'provider-down.png'), fullPage: true })
      expect(consoleErrors).toEqual([])
    } finally {
      await broken.close()
    }
  }, 60_000)

  it('shows what another client changed without a reload', async () => {
    const { page } = await open('/')
    await searchFor(page, 'db-02')
    expect(await card(page, 'db-02').getAttribute('data-status')).toBe('RUNNING')
    const stopped = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { stopServer(id: "pve-lab:qemu/104", wait: true) { status } }' }),
    })
    expect(await stopped.json()).toEqual({ data: { stopServer: { status: 'SUCCEEDED' } } })
    await expect
      .poll(() => card(page, 'db-02').getAttribute('data-status'), { timeout: 15_000, interval: 500 })
      .toBe('STOPPED')
  }, 60_000)

  it('follows an action by asking for the operation when the WebSocket cannot be used', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await page.routeWebSocket(/\/graphql$/, (socket) => socket.close({ code: 1011, reason: 'no sockets here' }))
    const polled: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && (request.postData() ?? '').includes('DashboardOperation('))
        polled.push(request.url())
    })
    await page.goto(`${stack.url}/`)
    await searchFor(page, 'build-il-01')
    await page.getByRole('button', { name: 'Stop build-il-01' }).click()
    await expect.poll(() => card(page, 'build-il-01').getAttribute('data-status'), { timeout: 30_000 }).toBe('STOPPED')
    expect(await page.getByRole('status').filter({ hasText: 'build-il-01 stopped.' }).count()).toBe(1)
    expect(polled.length).toBeGreaterThan(0)
  }, 60_000)

  it('shows every property of a server on its page', async () => {
    const { page, consoleErrors } = await open('/')
    await searchFor(page, 'db-eu-01')
    await page.getByRole('link', { name: 'Details of db-eu-01' }).click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 10_000 })
      .toMatch(/^db-eu-01/)
    expect(new URL(page.url()).pathname).toMatch(/^\/server\/kama%3A/)
    expect(await page.locator('dl[aria-label="Summary"]').innerText()).toMatch(
      /provider\s+kama[\s\S]*location\s+EU[\s\S]*diskGb\s+250/,
    )
    expect(await page.locator('dl[aria-label="Provider details"] dt').count()).toBeGreaterThan(5)
    await page.reload()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 10_000 })
      .toMatch(/^db-eu-01/)
    await page.screenshot({ path: join(SCREENSHOTS, 'server-page.png'), fullPage: true })
    expect(consoleErrors).toEqual([])
  }, 60_000)

  it('has no serious or critical accessibility violation on /, ' +
    'nor with its destroy dialog open (axe-core)', async () => {
    const { page } = await open('/')
    await expect.poll(() => page.locator('article').count(), { timeout: 15_000 }).toBe(12)
    await expect.poll(() => page.getByRole('meter').count()).toBeGreaterThan(0)
    await page.screenshot({ path: join(SCREENSHOTS, 'axe.png'), fullPage: true })
    await expectNoSeriousAxeViolation(page, '/')

    // And with the destroy dialog open.
    await page
      .locator('article')
      .first()
      .getByRole('button', { name: /^Destroy / })
      .click()
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1)
    await page.screenshot({ path: join(SCREENSHOTS, 'axe-dialog.png') })
    await expectNoSeriousAxeViolation(page, 'destroy dialog open')
  }, 60_000)

  it('asks the person to sign in when the gateway has API tokens', async () => {
    const secured = await startStack()
    try {
      await secured.issueToken('admin')
      const page = await browser.newPage()
      await page.goto(`${secured.url}/`)
      await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe('/sign-in')
      expect(await page.getByRole('heading', { name: 'Sign in', exact: true }).count()).toBe(1)
      expect(await page.locator('article').count()).toBe(0)
      await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-needed.png') })
    } finally {
      await secured.close()
    }
  }, 60_000)
})

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRunBrowser, expectNoSeriousAxeViolation, launchBrowser, openPage, screenshot } from '../support/browser.js'
import { startStack, type Stack } from '../support/start-stack.js'

describe.skipIf(!canRunBrowser)('signing in, roles, and the New server form in a browser', () => {
  /** An open gateway (no API tokens) with both providers. */
  let stack: Stack
  /** A gateway with API tokens. */
  let secured: Stack
  let browser: Browser
  let viewerToken: string
  let operatorToken: string
  let otherOperatorToken: string
  beforeAll(async () => {
    ;[stack, secured, browser] = await Promise.all([startStack({ kamatera: {} }), startStack(), launchBrowser()])
    viewerToken = await secured.issueToken('viewer', 'vera-viewer')
    operatorToken = await secured.issueToken('operator', 'otto-operator')
    otherOperatorToken = await secured.issueToken('operator', 'opal-operator')
  }, 90_000)
  afterAll(async () => {
    await browser?.close()
    await stack?.close()
    await secured?.close()
  })

  const pathOf = (page: Page) => new URL(page.url()).pathname
  const header = (page: Page) => page.locator('header')
  const cardButtons = (page: Page, name: RegExp) => page.locator('article').getByRole('button', { name })
  const storage = (page: Page) =>
    page.evaluate(() => ({
      session: sessionStorage.getItem('hangar.token'),
      local: Object.keys(localStorage).map((key) => `${key}=${localStorage.getItem(key)}`),
    }))

  async function signIn(page: Page, token: string): Promise<void> {
    await page.getByLabel('API token').fill(token)
    await page.getByRole('button', { name: 'Sign in' }).click()
  }

  /** Finds the server `name` on `/`, presses `action` on its card, and waits until the page says `said`. */
  async function pressOnCard(page: Page, name: string, action: 'Start' | 'Stop', said: string): Promise<void> {
    await page.getByLabel('Search by name').fill(name)
    await expect.poll(() => page.locator('article').count(), { timeout: 10_000 }).toBe(1)
    await page.getByRole('button', { name: `${action} ${name}` }).click()
    await expect.poll(() => page.getByRole('status').filter({ hasText: said }).count(), { timeout: 15_000 }).toBe(1)
  }

  /** Fills the fields every provider's New server form has, as a person would, in the order they show. */
  async function fillServerForm(
    page: Page,
    form: Record<'provider' | 'location' | 'image' | 'name' | 'cpu' | 'memoryMb' | 'diskGb' | 'password', string>,
  ): Promise<void> {
    await page.getByLabel('Provider', { exact: true }).selectOption(form.provider)
    await page.getByLabel('Location', { exact: true }).selectOption(form.location)
    await page.getByLabel('Image', { exact: true }).selectOption({ label: form.image })
    await page.getByLabel('Name', { exact: true }).fill(form.name)
    await page.getByLabel('CPU cores').fill(form.cpu)
    await page.getByLabel('Memory (MB)').fill(form.memoryMb)
    await page.getByLabel('Disk (GB)').fill(form.diskGb)
    await page.getByLabel('Root password').fill(form.password)
  }

  /** The guest of the Proxmox simulator with this name (VM) or host name (container). */
  const guestNamed = (name: string) =>
    [...stack.simulator.state.guests.values()].filter(
      (guest) => guest.config.name === name || guest.config.hostname === name,
    )

  it('with API tokens: sends the person to sign in, ' +
    'refuses a wrong token inline, and offers each role only its actions', async () => {
    const { page, outside, consoleErrors } = await openPage(browser, secured.url, '/')
    /** Each WebSocket to /graphql: the frames it carried each way, and whether it has closed. */
    const sockets: { sent: string[]; received: string[]; closed: boolean }[] = []
    page.on('websocket', (socket) => {
      if (new URL(socket.url()).pathname !== '/graphql') return
      const entry = { sent: [] as string[], received: [] as string[], closed: false }
      sockets.push(entry)
      socket.on('framesent', (frame) => entry.sent.push(String(frame.payload)))
      socket.on('framereceived', (frame) => entry.received.push(String(frame.payload)))
      socket.on('close', () => (entry.closed = true))
    })
    const initOf = (socket: { sent: string[] }) =>
      JSON.parse(socket.sent.find((frame) => frame.includes('"connection_init"')) ?? '{}') as {
        payload?: { authorization?: string }
      }

    // `/` sends the person to the sign-in page; the header offers Sign in.
    await expect.poll(() => pathOf(page), { timeout: 10_000 }).toBe('/sign-in')
    await expect.poll(() => header(page).getByRole('link', { name: 'Sign in' }).count()).toBe(1)
    expect(await page.getByLabel('API token').getAttribute('type')).toBe('password')

    // A wrong token is refused next to the field, and forgotten.
    await signIn(page, 'hgr_not-a-real-token')
    const refusal = page.locator('form [role="alert"]')
    await expect.poll(() => refusal.innerText(), { timeout: 10_000 }).toMatch(/refused/)
    expect(await page.getByLabel('API token').getAttribute('aria-invalid')).toBe('true')
    expect(pathOf(page)).toBe('/sign-in')
    expect(await storage(page)).toEqual({ session: null, local: [] })
    await screenshot(page, 'sign-in-refused')

    // A viewer: its name and role in the header, the cards, and no action on any card.
    await signIn(page, viewerToken)
    await expect.poll(() => pathOf(page), { timeout: 10_000 }).toBe('/')
    await expect.poll(() => header(page).innerText()).toMatch(/Signed in as vera-viewer \(viewer\)/)
    await expect.poll(() => page.locator('article').count(), { timeout: 10_000 }).toBe(12)
    expect(await cardButtons(page, /^(Start|Stop|Destroy) /).count()).toBe(0)
    expect(await page.getByRole('link', { name: 'New server' }).count()).toBe(0)
    expect(await storage(page)).toEqual({ session: viewerToken, local: [] })
    await screenshot(page, 'signed-in-viewer')

    // Sign out: the token is gone, the person is on the sign-in page.
    await header(page).getByRole('button', { name: 'Sign out' }).click()
    await expect.poll(() => pathOf(page)).toBe('/sign-in')
    await expect.poll(() => header(page).getByRole('link', { name: 'Sign in' }).count()).toBe(1)
    expect(await storage(page)).toEqual({ session: null, local: [] })

    // Another page asked while signed out comes back after signing in (`?next=`).
    await page.goto(`${secured.url}/deployments`)
    await expect.poll(() => page.url(), { timeout: 10_000 }).toBe(`${secured.url}/sign-in?next=%2Fdeployments`)
    await signIn(page, operatorToken)
    await expect.poll(() => pathOf(page), { timeout: 10_000 }).toBe('/deployments')
    await expect.poll(() => header(page).innerText()).toMatch(/Signed in as otto-operator \(operator\)/)

    // An operator: Start and Stop on the cards, never Destroy; and New server.
    await page.getByRole('link', { name: 'Servers', exact: true }).click()
    await expect.poll(() => page.locator('article').count(), { timeout: 10_000 }).toBe(12)
    expect(await cardButtons(page, /^Start /).count()).toBe(12)
    expect(await cardButtons(page, /^Stop /).count()).toBe(12)
    expect(await cardButtons(page, /^Destroy /).count()).toBe(0)
    expect(await page.getByRole('link', { name: 'New server' }).count()).toBe(1)
    await screenshot(page, 'signed-in-operator')

    // The operator's stop is followed over a WebSocket that carries its token (the gateway wants one there too).
    await pressOnCard(page, 'web-01', 'Stop', 'web-01 stopped.')
    expect(sockets).toHaveLength(1)
    expect(initOf(sockets[0]!).payload).toEqual({ authorization: `Bearer ${operatorToken}` })
    expect(sockets[0]!.received.some((frame) => frame.includes('"SUCCEEDED"') && frame.includes('"stop"'))).toBe(true)
    // It stays open for the next action (10 s)...
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(sockets[0]!.closed).toBe(false)

    // ...but signing out closes it at once, and the next sign-in's actions go over a new one with the new token.
    await header(page).getByRole('button', { name: 'Sign out' }).click()
    await expect.poll(() => pathOf(page)).toBe('/sign-in')
    await expect.poll(() => sockets[0]!.closed, { timeout: 3_000 }).toBe(true)
    expect(await storage(page)).toEqual({ session: null, local: [] })
    await signIn(page, otherOperatorToken)
    await expect
      .poll(() => header(page).innerText(), { timeout: 10_000 })
      .toMatch(/Signed in as opal-operator \(operator\)/)
    await pressOnCard(page, 'web-01', 'Start', 'web-01 started.')
    expect(sockets).toHaveLength(2)
    expect(initOf(sockets[1]!).payload).toEqual({ authorization: `Bearer ${otherOperatorToken}` })

    // `next` is only ever a path of this dashboard.
    await header(page).getByRole('button', { name: 'Sign out' }).click()
    await expect.poll(() => pathOf(page)).toBe('/sign-in')
    await page.goto(`${secured.url}/sign-in?next=${encodeURIComponent('//evil.example/x')}`)
    await signIn(page, viewerToken)
    await expect
      .poll(() => header(page).innerText(), { timeout: 10_000 })
      .toMatch(/Signed in as vera-viewer \(viewer\)/)
    expect(page.url()).toBe(`${secured.url}/`)

    expect(outside).toEqual([])
    // The refused sign-in's own request is the only error the console may show (a 401 answer).
    expect(consoleErrors.filter((message) => !/status of 401/.test(message))).toEqual([])
  }, 90_000)

  it('in open mode says so in the header, and the New server ' +
    'form makes a Proxmox container from a template on pve1', async () => {
    const { page, outside, consoleErrors } = await openPage(browser, stack.url, '/')
    await expect.poll(() => header(page).innerText(), { timeout: 10_000 }).toMatch(/Open mode \(no API tokens\)/)
    await page.getByRole('link', { name: 'New server' }).click()
    await expect.poll(() => pathOf(page)).toBe('/servers/new')

    await fillServerForm(page, {
      provider: 'pve-lab',
      location: 'pve1',
      image: 'debian-12-standard_12.7-1_amd64.tar.zst (container template)',
      name: 'form-ct-01',
      cpu: '2',
      memoryMb: '1024',
      diskGb: '8',
      password: 'form-pass-01',
    })
    await page.getByLabel('Storage', { exact: true }).selectOption('local-lvm')
    await page.getByLabel('Network bridge').selectOption('vmbr1')
    expect(await page.locator('#new-server-disk-steps option').count()).toBeGreaterThan(0)
    await screenshot(page, 'new-server-proxmox-filled')
    await page.getByRole('button', { name: 'Create server' }).click()

    // The operation is followed here with its log, then the new server's page opens.
    await expect
      .poll(() => page.getByRole('list', { name: 'Operation log' }).locator('li').count(), { timeout: 15_000 })
      .toBeGreaterThan(1)
    await screenshot(page, 'new-server-proxmox-progress')
    await expect.poll(() => pathOf(page), { timeout: 30_000 }).toMatch(/^\/server\/pve-lab%3Alxc%2F\d+$/)
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 10_000 })
      .toMatch(/^form-ct-01/)
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'form-ct-01 created.' }).count()).toBe(1)
    await screenshot(page, 'new-server-proxmox-made')

    const [made] = guestNamed('form-ct-01')
    expect(made).toMatchObject({ node: 'pve1', type: 'lxc', status: 'running' })
    expect(made!.config.cores).toBe('2')
    expect(made!.config.memory).toBe('1024')
    expect(made!.config.net0).toMatch(/bridge=vmbr1/)
    expect(made!.config.rootfs).toMatch(/^local-lvm:/)

    // Its card is on `/`.
    await page.getByRole('link', { name: '← All servers' }).click()
    await page.getByLabel('Search by name').fill('form-ct-01')
    const card = page.locator('article', { has: page.getByRole('heading', { name: 'form-ct-01', exact: true }) })
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1)
    expect(await card.innerText()).toMatch(/pve-lab[\s\S]*pve1[\s\S]*container[\s\S]*2 CPU · 1024 MB RAM/)
    expect(outside).toEqual([])
    expect(consoleErrors).toEqual([])
  }, 90_000)

  it('makes a Kamatera server from the form, with its CPU type and billing', async () => {
    const { page, outside, consoleErrors } = await openPage(browser, stack.url, '/servers/new')
    await fillServerForm(page, {
      provider: 'kama',
      location: 'EU',
      image: 'Debian version 12 (bookworm) 64-bit (Debian)',
      name: 'form-kvm-01',
      cpu: '2',
      memoryMb: '2048',
      diskGb: '20',
      password: 'FormPass123',
    })
    await page.getByLabel('CPU type').selectOption('D')
    await page.getByLabel('Billing').selectOption('monthly')
    // The suggestions follow the CPU type's steps.
    expect(
      await page
        .locator('#new-server-cpu-steps option')
        .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value)),
    ).toContain('20')
    await screenshot(page, 'new-server-kamatera-filled')
    await page.getByRole('button', { name: 'Create server' }).click()

    await expect.poll(() => pathOf(page), { timeout: 30_000 }).toMatch(/^\/server\/kama%3A/)
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 10_000 })
      .toMatch(/^form-kvm-01/)
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'form-kvm-01 created.' }).count()).toBe(1)
    await screenshot(page, 'new-server-kamatera-made')
    const made = stack.kamatera!.state.serversNamed('form-kvm-01')
    expect(made).toHaveLength(1)
    expect(made[0]).toMatchObject({ cpu: '2D', billing: 'monthly', datacenter: 'EU' })
    expect(outside).toEqual([])
    expect(consoleErrors).toEqual([])
  }, 90_000)

  it('shows what the gateway refuses next to the field it names, and makes nothing', async () => {
    const { page, outside } = await openPage(browser, stack.url, '/servers/new')
    const guestsBefore = stack.simulator.state.guests.size

    // Nothing chosen: said by the form itself, before asking.
    await page.getByLabel('Provider', { exact: true }).selectOption('pve-lab')
    await page.getByRole('button', { name: 'Create server' }).click()
    const image = page.getByLabel('Image', { exact: true })
    await expect.poll(() => image.getAttribute('aria-invalid')).toBe('true')
    expect(await image.evaluate((element) => element === document.activeElement)).toBe(true)

    // Another node offers the VM template too: a copy of it is made there.
    await page.getByLabel('Location', { exact: true }).selectOption('pve2')
    await expect
      .poll(() => image.locator('option[value="9000"]').innerText(), { timeout: 10_000 })
      .toContain('kept on pve1, copied here')
    await page.getByLabel('Location', { exact: true }).selectOption('pve1')
    await image.selectOption('9000')
    const name = page.getByLabel('Name', { exact: true })
    await name.fill('bad_name')
    await page.getByLabel('Root password').fill('form-pass-01')
    await page.getByRole('button', { name: 'Create server' }).click()

    // The gateway's BAD_USER_INPUT (input.name) is shown under Name and read with it.
    await expect.poll(() => name.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true')
    const describedBy = (await name.getAttribute('aria-describedby'))!.split(' ')
    const said = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).innerText()))
    expect(said.join(' ')).toMatch(/Proxmox takes a host name: letters, digits and dashes \(no "_"\)/)
    expect(await name.evaluate((element) => element === document.activeElement)).toBe(true)
    expect(await image.getAttribute('aria-invalid')).toBe(null)
    expect(await page.getByRole('alert').filter({ hasText: 'Fix what is marked: Name.' }).count()).toBe(1)
    await screenshot(page, 'new-server-field-error')

    expect(stack.simulator.state.guests.size).toBe(guestsBefore)
    expect(guestNamed('bad_name')).toEqual([])
    expect(pathOf(page)).toBe('/servers/new')

    // Fixing the field takes its error away.
    await name.fill('good-name')
    expect(await name.getAttribute('aria-invalid')).toBe(null)
    expect(outside).toEqual([])
  }, 60_000)

  it('has no serious or critical accessibility violation on /sign-in and /servers/new (axe-core)', async () => {
    const signInPage = (await openPage(browser, secured.url, '/sign-in')).page
    await expect.poll(() => signInPage.getByLabel('API token').count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => header(signInPage).getByRole('link', { name: 'Sign in' }).count()).toBe(1)
    await expectNoSeriousAxeViolation(signInPage, '/sign-in')
    await signIn(signInPage, 'hgr_wrong')
    await expect
      .poll(() => signInPage.locator('form [role="alert"]').innerText(), { timeout: 10_000 })
      .toMatch(/refused/)
    await screenshot(signInPage, 'axe-sign-in')
    await expectNoSeriousAxeViolation(signInPage, '/sign-in with a refusal')

    const { page } = await openPage(browser, stack.url, '/servers/new')
    await expect
      .poll(() => page.getByLabel('Image', { exact: true }).locator('option').count(), { timeout: 10_000 })
      .toBeGreaterThan(1)
    await expectNoSeriousAxeViolation(page, '/servers/new (Proxmox)')
    await page.getByRole('button', { name: 'Create server' }).click()
    await expect.poll(() => page.getByLabel('Image', { exact: true }).getAttribute('aria-invalid')).toBe('true')
    await page.getByLabel('Provider', { exact: true }).selectOption('kama')
    await expect.poll(() => page.getByLabel('Billing').count()).toBe(1)
    await screenshot(page, 'axe-new-server')
    await expectNoSeriousAxeViolation(page, '/servers/new (Kamatera, with an error)')
  }, 60_000)
})

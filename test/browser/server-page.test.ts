import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRunBrowser, expectNoSeriousAxeViolation, launchBrowser, openPage, screenshot } from '../support/browser.js'
import { startStack, type Stack } from '../support/start-stack.js'

/** The address of a server's page, as the dashboard links it. */
const pageOf = (id: string) => `/server/${encodeURIComponent(id)}`

describe.skipIf(!canRunBrowser)("a server's page in a browser", () => {
  let stack: Stack
  let browser: Browser
  beforeAll(async () => {
    stack = await startStack({ kamatera: {}, simulator: { taskDurationMs: 300 } })
    browser = await launchBrowser()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await stack?.close()
  })

  async function openServer(id: string, name: string): Promise<Awaited<ReturnType<typeof openPage>>> {
    const opened = await openPage(browser, stack.url, pageOf(id))
    await expect
      .poll(() => opened.page.getByRole('heading', { level: 1 }).innerText(), { timeout: 10_000 })
      .toMatch(new RegExp(`^${name}`))
    return opened
  }

  const toast = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text })
  const actions = (page: Page) => page.getByRole('group', { name: 'Actions' })
  const summary = (page: Page) => page.locator('dl[aria-label="Summary"]')

  it('stops and starts a server from its page, and shows each operation with its log as it runs', async () => {
    const { page, outside, consoleErrors } = await openServer('pve-lab:qemu/101', 'web-02')
    await actions(page).getByRole('button', { name: 'Stop' }).click()
    // The operation appears at once, still running, and its log fills in live.
    const stop = page.locator('li[data-operation="stop"]').first()
    await expect.poll(() => stop.count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => toast(page, 'web-02 stopped.').count(), { timeout: 15_000 }).toBe(1)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toMatch(/stopped$/)
    await expect.poll(() => stop.getAttribute('data-status')).toBe('SUCCEEDED')
    await stop.locator('summary').click()
    expect(await stop.getByRole('log').innerText()).toContain('TASK OK')

    await actions(page).getByRole('button', { name: 'Start' }).click()
    await expect.poll(() => toast(page, 'web-02 started.').count(), { timeout: 15_000 }).toBe(1)
    await expect.poll(() => actions(page).getByRole('button', { name: 'Reboot' }).isEnabled()).toBe(true)
    await actions(page).getByRole('button', { name: 'Reboot' }).click()
    await expect.poll(() => toast(page, 'web-02 rebooted.').count(), { timeout: 15_000 }).toBe(1)
    expect(
      await page
        .locator('li[data-operation]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-operation'))),
    ).toEqual(['reboot', 'start', 'stop'])
    expect(stack.simulator.state.guests.get(101)!.status).toBe('running')
    await screenshot(page, 'server-operations')
    expect(outside).toEqual([])
    expect(consoleErrors).toEqual([])
  }, 60_000)

  it('takes a snapshot and lists it, rolls back only once its name is typed, and deletes it', async () => {
    const { page, consoleErrors } = await openServer('pve-lab:qemu/103', 'monitoring-01')
    const form = page.getByRole('form', { name: 'Take a snapshot of monitoring-01' })
    await form.getByLabel('Snapshot name').fill('before-upgrade')
    await form.getByLabel('Description (optional)').fill('kernel 6.1 → 6.6')
    await form.getByRole('button', { name: 'Take snapshot' }).click()
    await expect
      .poll(() => toast(page, 'Snapshot before-upgrade of monitoring-01 taken.').count(), { timeout: 15_000 })
      .toBe(1)
    const row = page.locator('tr[data-snapshot="before-upgrade"]')
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.innerText()).toContain('kernel 6.1 → 6.6')
    expect(await form.getByLabel('Snapshot name').inputValue()).toBe('')
    await screenshot(page, 'snapshot-taken')

    // A name the gateway refuses is shown beside its field.
    await form.getByLabel('Snapshot name').fill('1-bad name')
    await form.getByRole('button', { name: 'Take snapshot' }).click()
    await expect.poll(() => form.getByText(/a letter, then letters/).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await form.getByLabel('Snapshot name').getAttribute('aria-invalid')).toBe('true')

    await row.getByRole('button', { name: 'Roll back to before-upgrade' }).click()
    const dialog = page.getByRole('dialog', { name: 'Roll monitoring-01 back to before-upgrade?' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    const confirm = dialog.getByRole('button', { name: 'Roll back' })
    expect(await confirm.isDisabled()).toBe(true)
    await dialog.getByLabel('Snapshot name').fill('before-upgrad')
    expect(await confirm.isDisabled()).toBe(true)
    await expectNoSeriousAxeViolation(page, 'rollback dialog open')
    await screenshot(page, 'rollback-dialog', false)
    await dialog.getByLabel('Snapshot name').fill('before-upgrade')
    await confirm.click()
    await expect
      .poll(() => toast(page, 'monitoring-01 rolled back to before-upgrade.').count(), { timeout: 15_000 })
      .toBe(1)
    await expect.poll(() => page.locator('li[data-operation="snapshot-rollback"]').count()).toBeGreaterThan(0)

    await row.getByRole('button', { name: 'Delete snapshot before-upgrade' }).click()
    await page
      .getByRole('dialog', { name: 'Delete snapshot before-upgrade?' })
      .getByRole('button', { name: 'Delete snapshot' })
      .click()
    await expect.poll(() => toast(page, 'Snapshot before-upgrade deleted.').count(), { timeout: 15_000 }).toBe(1)
    await expect.poll(() => row.count()).toBe(0)
    expect(consoleErrors.filter((error) => !error.includes('status of 200'))).toEqual([])
  }, 60_000)

  it('resizes a server: each size changed is applied and the summary shows the new ones', async () => {
    const { page } = await openServer('pve-lab:qemu/105', 'ci-runner-01')
    const form = page.getByRole('form', { name: 'Resize ci-runner-01' })
    await form.getByLabel('CPU cores').fill('12')
    await form.getByLabel('Memory (MB)').fill('32768')
    await form.getByRole('button', { name: 'Resize' }).click()
    await expect.poll(() => summary(page).innerText(), { timeout: 20_000 }).toMatch(/cpu\s+12[\s\S]*memoryMb\s+32768/)
    // A disk never shrinks: the gateway's refusal is shown beside the field.
    await form.getByLabel('Disk (GB)').fill('20')
    await form.getByRole('button', { name: 'Resize' }).click()
    await expect
      .poll(() => form.getByText('20 GB does not grow disk scsi0, which is 120 GB now; disks only grow').count(), {
        timeout: 10_000,
      })
      .toBe(1)
    expect(await form.getByLabel('Disk (GB)').getAttribute('aria-invalid')).toBe('true')
    expect(await summary(page).innerText()).toMatch(/diskGb\s+120/)
    await screenshot(page, 'resized')
  }, 60_000)

  it('clones a server and opens the copy', async () => {
    const { page } = await openServer('pve-lab:lxc/203', 'backup-01')
    const form = page.getByRole('form', { name: 'Clone backup-01' })
    await form.getByLabel('Name of the copy').fill('backup-02')
    await form.getByLabel('Start the copy').uncheck()
    await form.getByRole('button', { name: 'Clone' }).click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 30_000 })
      .toMatch(/^backup-02/)
    expect(new URL(page.url()).pathname).toMatch(/^\/server\/pve-lab%3Alxc%2F\d+$/)
    expect(await summary(page).innerText()).toMatch(/kind\s+CONTAINER/)
    await expect.poll(() => toast(page, 'backup-01 copied to backup-02.').count()).toBe(1)
    await screenshot(page, 'cloned')
  }, 60_000)

  it('destroys a server from its page once its name is typed, then goes back to the cards', async () => {
    const { page } = await openServer('pve-lab:lxc/204', 'staging-app-01')
    await actions(page).getByRole('button', { name: 'Destroy' }).click()
    const dialog = page.getByRole('dialog', { name: 'Destroy staging-app-01?' })
    expect(await dialog.getByRole('button', { name: 'Destroy' }).isDisabled()).toBe(true)
    await dialog.getByLabel('Server name').fill('staging-app-01')
    await dialog.getByRole('button', { name: 'Destroy' }).click()
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe('/')
    await expect.poll(() => toast(page, 'staging-app-01 destroyed.').count()).toBe(1)
    expect(stack.simulator.state.guests.has(204)).toBe(false)
    await screenshot(page, 'destroyed-from-page')
  }, 60_000)

  it('shows a Kamatera server with its actions, and says so where the provider keeps no such thing', async () => {
    const { page } = await openPage(browser, stack.url, '/')
    await page.getByLabel('Search by name').fill('db-eu-01')
    await page.getByRole('link', { name: 'Details of db-eu-01' }).click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 10_000 })
      .toMatch(/^db-eu-01/)
    await expect.poll(() => actions(page).getByRole('button', { name: 'Reboot' }).count()).toBe(1)
    await expect
      .poll(() => page.getByRole('region', { name: 'Snapshots' }).innerText(), { timeout: 10_000 })
      .toMatch(/No snapshot yet|before|Snapshot name/)
    await expectNoSeriousAxeViolation(page, 'a Kamatera server page')
    await screenshot(page, 'kamatera-server-page')
  }, 60_000)

  it('offers a viewer no action at all, and an operator no destroy or rollback', async () => {
    const viewer = await stack.issueToken('viewer', 'dash-viewer')
    const operator = await stack.issueToken('operator', 'dash-operator')
    const asViewer = await openPage(browser, stack.url, pageOf('pve-lab:qemu/102'), { token: viewer })
    await expect.poll(() => asViewer.page.locator('dl[aria-label="Summary"]').count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => asViewer.page.getByRole('heading', { name: 'Operations' }).count()).toBe(1)
    expect(
      await asViewer.page
        .getByRole('button')
        .evaluateAll((buttons) => buttons.map((button) => button.textContent?.trim()).filter((text) => text !== '×')),
    ).toEqual(['Sign out'])
    expect(await asViewer.page.getByRole('form').count()).toBe(0)
    await screenshot(asViewer.page, 'server-page-viewer')

    const asOperator = await openPage(browser, stack.url, pageOf('pve-lab:qemu/102'), { token: operator })
    await expect
      .poll(() => actions(asOperator.page).getByRole('button', { name: 'Stop' }).count(), { timeout: 10_000 })
      .toBe(1)
    expect(await actions(asOperator.page).getByRole('button', { name: 'Destroy' }).count()).toBe(0)
    expect(await asOperator.page.getByRole('form', { name: 'Take a snapshot of db-01' }).count()).toBe(1)
    expect(await asOperator.page.getByRole('button', { name: /^Roll back/ }).count()).toBe(0)
  }, 60_000)

  it('lists what was done on /activity for an admin, filtered by action, each server linked to its page', async () => {
    // The test before made tokens, so the dashboard needs one now.
    const admin = await stack.issueToken('admin', 'activity-admin')
    const { page, consoleErrors } = await openPage(browser, stack.url, '/', { token: admin })
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Activity' }).click()
    await expect.poll(() => page.locator('tr[data-action]').count(), { timeout: 10_000 }).toBeGreaterThan(5)
    await page.getByLabel('Action').fill('rollbackSnapshot')
    await expect
      .poll(
        async () =>
          new Set(
            await page
              .locator('tr[data-action]')
              .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action'))),
          ),
        { timeout: 10_000 },
      )
      .toEqual(new Set(['rollbackSnapshot']))
    expect(await page.locator('tr[data-action]').first().innerText()).toMatch(
      /local \(admin\)[\s\S]*graphql[\s\S]*pve-lab:qemu\/103[\s\S]*allowed/i,
    )
    await expectNoSeriousAxeViolation(page, '/activity')
    await screenshot(page, 'activity')
    await page.locator('tr[data-action]').first().getByRole('link', { name: 'pve-lab:qemu/103' }).click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 10_000 })
      .toMatch(/^monitoring-01/)
    expect(consoleErrors).toEqual([])

    const viewer = await stack.issueToken('viewer', 'activity-viewer')
    const asViewer = await openPage(browser, stack.url, '/activity', { token: viewer })
    await expect
      .poll(
        () => asViewer.page.getByText('Only an admin may read the activity; you are signed in as viewer.').count(),
        { timeout: 10_000 },
      )
      .toBe(1)
    expect(
      await asViewer.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Activity' }).count(),
    ).toBe(0)
  }, 60_000)
})

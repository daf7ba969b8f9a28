import { existsSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { expect } from 'vitest'

/** Debian's Chromium, which `.ci/run` installs; there is no browser download here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** True where browser tests run: Chromium is installed, or CI (which must fail without it). */
export const canRunBrowser = existsSync(CHROMIUM) || Boolean(process.env.CI)

/** Screenshots of every test, for a person to look at (git-ignored). */
export const SCREENSHOTS = join(import.meta.dirname, '../../test-output/browser')

/** axe-core as installed, injected into the page by the test (never from a CDN). */
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** Starts headless Chromium as `.ci/run` can (no sandbox, no GPU, no network of its own). */
export async function launchBrowser(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  })
}

/** A page of the dashboard, with every request that left the gateway and every console error. */
export interface OpenedPage {
  page: Page
  outside: string[]
  consoleErrors: string[]
}

/**
 * Opens `path` of the gateway at `baseUrl`, noting every request that leaves the gateway and every
 * console error (a CSP violation shows there), for the test to check at its end. `token`, when
 * given, is put in the page's sessionStorage before it loads, as the sign-in page does.
 */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  path: string,
  { token }: { token?: string } = {},
): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
  const outside: string[] = []
  const consoleErrors: string[] = []
  page.on('request', (request) => {
    if (
      !request.url().startsWith(baseUrl) &&
      !request.url().startsWith(baseUrl.replace('http', 'ws')) &&
      !request.url().startsWith('data:')
    )
      outside.push(request.url())
  })
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(error.message))
  if (token) await page.addInitScript((value) => sessionStorage.setItem('hangar.token', value), token)
  await page.goto(`${baseUrl}${path}`)
  return { page, outside, consoleErrors }
}

/** Saves a screenshot of the page under the test output as `<name>.png`. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage })
}

interface AxeViolation {
  id: string
  impact: string
  help: string
  targets: string[]
}

/** Runs axe-core (already evaluated in the page) on the whole document; its violations, briefly. */
function runAxe(): Promise<AxeViolation[]> {
  const axe = (
    window as unknown as {
      axe: {
        run(
          context: Document,
        ): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>
      }
    }
  ).axe
  return axe.run(document).then((result) =>
    result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    })),
  )
}

/**
 * Scans the page as it is now with axe-core (evaluated over the DevTools protocol, so the page's
 * CSP stays on) and fails on any serious or critical violation; minor ones are printed.
 */
export async function expectNoSeriousAxeViolation(page: Page, label: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await readFile(AXE_SOURCE, 'utf8'))
  const violations = await page.evaluate(runAxe)
  if (violations.length > 0) console.log(`axe, ${label} (minor and moderate):`, JSON.stringify(violations, null, 2))
  expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual(
    [],
  )
}

import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canRunBrowser, launchBrowser } from '../support/browser.js'
import { startStack, type Stack } from '../support/start-stack.js'

describe.skipIf(!canRunBrowser)('GraphiQL in a browser', () => {
  let stack: Stack
  let browser: Browser
  beforeAll(async () => {
    stack = await startStack()
    browser = await launchBrowser()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await stack?.close()
  })

  it('opens with an example query that lists the servers when run, with no network beyond the gateway', async () => {
    const page = await browser.newPage()
    const outside: string[] = []
    page.on('request', (request) => {
      if (
        !request.url().startsWith(stack.url) &&
        !request.url().startsWith('data:') &&
        !request.url().startsWith('blob:')
      )
        outside.push(request.url())
    })
    await page.goto(`${stack.url}/graphql`)
    await page.locator('.graphiql-execute-button').click()
    const result = page.locator('.result-window')
    await expect.poll(async () => result.innerText(), { timeout: 15_000 }).toMatch(/"totalCount":\s*12/)
    expect(await result.innerText()).toContain('proxy-01')
    await page.screenshot({ path: process.env.GRAPHIQL_SCREENSHOT ?? `${stack.directory}/graphiql.png` })
    expect(outside).toEqual([])
  }, 60_000)
})
